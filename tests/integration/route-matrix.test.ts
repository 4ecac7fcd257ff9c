/**
 * Route × role matrix. Every route the app has (Remix's flat-routes convention over app/routes, as
 * the Vite plugin reads it) needs an entry in tests/helpers/route-table.ts: the URLs to try, filled with learner A's objects
 * (and some of B's), and for each of seven callers what its loader and action must answer. A route
 * without an entry, or whose loader or action has no expectation, fails the first test, so a new
 * route cannot skip the matrix.
 *
 * Requests go through Remix's own request handler in-process (tests/helpers/app.ts): a page as HTML,
 * its data as `.data` (single fetch), a form post both ways. Every answer is searched for the names,
 * email addresses and group names its caller may not see, whatever the status: HTML, `.data`, CSV,
 * XLSX (cells), JSON and PDF (text). Actions are posted with a valid CSRF token and no fields: an
 * allowed caller gets past the guard to a 400 (or the route's redirect), and a refusal of either
 * kind leaves every table as it was.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { fetchApp, listRoutes, type AppRoute } from "../helpers/app";
import { getCsrf, signedIn } from "../helpers/auth";
import { ORIGIN, type CookieJar } from "../helpers/http";
import { MATRIX, STUB_WORLD, VISIBLE, type Expect, type Probe, type Secret } from "../helpers/route-table";
import { actionPath, buildWorld, dataPath, readableText, ROLES, signInAll, tableDigests, type RoleName, type World } from "../helpers/route-world";

let world: World;
let jars: Record<RoleName, CookieJar>;
const routes = listRoutes();
const modules = new Map<string, Record<string, unknown>>();

beforeAll(async () => {
  world = await buildWorld();
  jars = await signInAll(world);
  for (const route of routes) modules.set(route.id, await import(/* @vite-ignore */ `${process.cwd()}/app/${route.file}`));
}, 60_000);

const isPage = (route: AppRoute) => typeof modules.get(route.id)?.default === "function";

function outcomeOf(status: number, location: string | null): Expect | number {
  if (status >= 200 && status < 300) return "ok";
  if (status >= 300 && status < 400) return location?.startsWith("/login") ? "login" : "redirect";
  return status;
}

/** Sends a request through the app; for `.data` reads a redirect out of the single-fetch payload. */
async function send(request: Request, data: boolean): Promise<{ outcome: Expect | number; text: string; status: number }> {
  const response = await fetchApp(request);
  const text = await readableText(response);
  // Single fetch answers a redirect with 202 and the target in the payload (and in Location).
  if (data && response.status === 202 && response.headers.has("Location")) return { outcome: outcomeOf(302, response.headers.get("Location")), text, status: response.status };
  return { outcome: outcomeOf(response.status, response.headers.get("Location")), text, status: response.status };
}

const SECRET_VALUES = (w: World): Record<Secret, string> => ({
  nameA: w.a.learner.fullName,
  emailA: w.a.learner.email,
  groupA: w.a.groupName,
  nameB: w.b.learner.fullName,
  emailB: w.b.learner.email,
  groupB: w.b.groupName,
});

function leaks(text: string, role: RoleName, probe: Probe): string[] {
  const allowed = new Set([...VISIBLE[role], ...(probe.public ?? [])]);
  return Object.entries(SECRET_VALUES(world))
    .filter(([secret, value]) => !allowed.has(secret as Secret) && text.toLowerCase().includes(value.toLowerCase()))
    .map(([secret]) => secret);
}

function headers(jar: CookieJar, extra: Record<string, string> = {}) {
  const result = new Headers(extra);
  const cookie = jar.header();
  if (cookie) result.set("Cookie", cookie);
  return result;
}

test("every route of the app has an entry, and every loader and action an expectation", async () => {
  const problems: string[] = [];
  for (const route of routes) {
    const entry = MATRIX[route.id];
    if (!entry) {
      problems.push(`${route.id}: no entry in MATRIX`);
      continue;
    }
    const probes = entry(STUB_WORLD);
    const module = modules.get(route.id)!;
    if ("loader" in module && !probes.some((probe) => probe.loader)) problems.push(`${route.id}: its loader has no expectation`);
    if ("action" in module && !probes.some((probe) => probe.action)) problems.push(`${route.id}: its action has no expectation`);
    if (!("loader" in module) && probes.some((probe) => probe.loader)) problems.push(`${route.id}: expects a loader it does not have`);
    if (!("action" in module) && probes.some((probe) => probe.action)) problems.push(`${route.id}: expects an action it does not have`);
  }
  for (const id of Object.keys(MATRIX)) if (!routes.some((route) => route.id === id)) problems.push(`${id}: in MATRIX but not a route`);
  expect(problems).toEqual([]);
  expect(routes.length).toBeGreaterThan(40);
});

describe.each(routes.map((route) => [route.id, route] as const))("%s", (_id, route) => {
  const shape = MATRIX[route.id]?.(STUB_WORLD) ?? [];
  test.runIf(shape.some((probe) => probe.loader))("loader: each caller gets what its role allows, as HTML and as .data, and nothing it may not see", async () => {
    const probes = (MATRIX[route.id]?.(world) ?? []).filter((probe) => probe.loader);
    const failures: string[] = [];
    for (const probe of probes) {
      for (const role of ROLES) {
        const wanted = probe.loader![role];
        const kinds = isPage(route) ? [false, true] : [false];
        for (const data of kinds) {
          const url = data ? dataPath(route, probe.path) : probe.path;
          const { outcome, text } = await send(new Request(new URL(url, ORIGIN), { headers: headers(jars[role]) }), data);
          if (outcome !== wanted) failures.push(`${role} GET ${url}: ${outcome}, expected ${wanted}`);
          const leaked = leaks(text, role, probe);
          if (leaked.length > 0) failures.push(`${role} GET ${url} (${outcome}) shows ${leaked.join(", ")}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  test.runIf(shape.some((probe) => probe.action))("action: each caller gets what its role allows, a refusal changes no table, and nothing leaks", async () => {
    const probes = (MATRIX[route.id]?.(world) ?? []).filter((probe) => probe.action);
    const failures: string[] = [];
    for (const probe of probes) {
      for (const role of ROLES) {
        for (const data of isPage(route) ? [false, true] : [false]) {
          const wanted = (data && probe.actionAsData ? probe.actionAsData : probe.action!)[role];
          // Logging out ends the session it is posted with: a session of its own each time.
          const jar = route.id === "routes/logout" && role !== "anonymous" ? await signedIn(world.users[role]) : jars[role];
          const csrf = await getCsrf(jar);
          const target = actionPath(route, probe.path);
          const url = data ? dataPath(route, target) : target;
          const before = tableDigests();
          const request = new Request(new URL(url, ORIGIN), {
            method: "POST",
            headers: headers(jar, { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, Host: new URL(ORIGIN).host }),
            body: new URLSearchParams({ csrf, ...probe.fields }),
          });
          const { outcome, text } = await send(request, data);
          if (outcome !== wanted) failures.push(`${role} POST ${url}: ${outcome}, expected ${wanted}`);
          const leaked = leaks(text, role, probe);
          if (leaked.length > 0) failures.push(`${role} POST ${url} (${outcome}) shows ${leaked.join(", ")}`);
          if (typeof outcome === "number" && outcome >= 400) {
            const after = tableDigests();
            const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
            if (changed.length > 0) failures.push(`${role} POST ${url} (${outcome}) changed ${changed.join(", ")}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
