/**
 * No page, in any language, shows an unreplaced i18next placeholder ("… od {{count}} stavki …"),
 * in its text or in an accessible name (aria-label, alt, title…): every URL of the route matrix
 * (tests/helpers/route-table.ts), as one caller that may open it, in each language. The strings
 * sent along for the browser (which keep their placeholders) are left out.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { LANGUAGES } from "~/content/languages";
import { setUserLanguage } from "~/models/users.server";
import { startAttempt } from "~/quiz/attempts.server";
import { fetchApp } from "../helpers/app";
import { createTestUser, signedIn, type TestUser } from "../helpers/auth";
import { get, type CookieJar } from "../helpers/http";
import { drawnQuestion, postAttempt, quizPaths, quizScopeFor, seedDrawing } from "../helpers/quiz";
import { MATRIX } from "../helpers/route-table";
import { buildWorld, readableText, ROLES, signInAll, type RoleName, type World } from "../helpers/route-world";

let world: World;
let jars: Record<RoleName, CookieJar>;
/** A learner on an ordering question, whose hidden legend once read "… of {{count}} items …". */
let ordering: { user: TestUser; jar: CookieJar; path: string };

beforeAll(async () => {
  world = await buildWorld();
  jars = await signInAll(world);
  const user = await createTestUser();
  const jar = await signedIn(user);
  const attempt = startAttempt(quizScopeFor(user.id, "basics"), new Date(), seedDrawing("basics", ["ordering"]));
  const { index } = drawnQuestion("basics", attempt, "ordering");
  expect(await postAttempt(jar, "basics", attempt.id, { intent: `goto:${index}` })).toMatchObject({ status: 302 });
  ordering = { user, jar, path: quizPaths("basics", attempt.id).attempt };
}, 60_000);

/** Each URL the matrix loads, with the first caller that gets it (or, failing that, an error page). */
function pagesToRead(): Array<{ path: string; role: RoleName }> {
  return Object.values(MATRIX).flatMap((probes) =>
    probes(world).flatMap((probe) => {
      // The strings for the browser (/locales/…) and JSON files are data, not pages.
      if (!probe.loader || probe.path.endsWith(".json") || probe.path.startsWith("/locales/")) return [];
      const expectations = probe.loader;
      const role = ROLES.find((r) => expectations[r] === "ok") ?? ROLES.find((r) => typeof expectations[r] === "number");
      return role ? [{ path: probe.path, role }] : [];
    }),
  );
}

const PLACEHOLDER = /\{\{\s*[a-zA-Z_][\w.]*\s*\}\}/;

describe.each(LANGUAGES)("in %s", (language) => {
  test("no page shows an unreplaced {{placeholder}}", async () => {
    for (const user of [...Object.values(world.users), ordering.user]) setUserLanguage(user.id, language);
    const found: string[] = [];
    const pages = pagesToRead();
    expect(pages.length).toBeGreaterThan(40);
    const reads = [...pages.map(({ path, role }) => ({ path, role: role as string, jar: jars[role] })), { path: ordering.path, role: "a learner on an ordering question", jar: ordering.jar }];
    for (const { path, role, jar } of reads) {
      const response = await fetchApp(get(path, { jar, headers: { "Accept-Language": language } }));
      const text = await readableText(response);
      const stringsStart = text.search(/<script[^>]*>window\.__trag=/);
      const shown = stringsStart > 0 ? text.slice(0, stringsStart) : text;
      const match = PLACEHOLDER.exec(shown);
      if (match) found.push(`${path} as ${role}: …${shown.slice(Math.max(0, match.index - 60), match.index + 30)}…`);
    }
    expect(found).toEqual([]);
  }, 120_000);

  test("the check finds a placeholder in an accessible name", () => {
    expect(PLACEHOLDER.test('<fieldset><legend class="visually-hidden">Odredite mesto svakoj od {{count}} stavki</legend>')).toBe(true);
    expect(PLACEHOLDER.test('<a aria-label="Izvor {{ number }}">')).toBe(true);
  });
});
