/**
 * Hostile input on every action (fast-check, fixed seed). The actions are those of the route
 * matrix's table (tests/helpers/route-table.ts), which every route of app/routes must be in; each is
 * posted to by a caller its guard lets through (so that the input reaches the parsing) with forms
 * built from field names the app uses and values meant to hurt: wrong types, missing and extra and
 * repeated fields, huge strings, control characters, lone surrogates, invalid UTF-8 bytes, HTML and
 * SQL fragments, other users' ids, off-site redirect targets; urlencoded, multipart, JSON and no
 * body; with, without or with another session's CSRF token; from this site or another (Origin,
 * Sec-Fetch-Site, answered as scripts/serve.js does); as a document post and as `.data`.
 *
 * Every answer: never 5xx; a refusal (4xx) leaves every table as it was (bookkeeping tables aside:
 * tests/helpers/route-world.ts) and, as a page, says what went wrong (not the 500 page, no
 * untranslated message key); a redirect stays on this site.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import en from "~/locales/en/common.json";
import { fetchApp, listRoutes } from "../helpers/app";
import { getCsrf } from "../helpers/auth";
import { ORIGIN, type CookieJar } from "../helpers/http";
import { MATRIX, STUB_WORLD, type Expect } from "../helpers/route-table";
import { actionPath, buildWorld, dataPath, readableText, signInAll, tableDigests, type RoleName, type World } from "../helpers/route-world";

/** Field names the app's forms use (and a few they do not). */
const FIELD_NAMES = [
  "intent",
  "email",
  "password",
  "currentPassword",
  "newPassword",
  "confirmPassword",
  "fullName",
  "name",
  "institutionType",
  "language",
  "code",
  "reason",
  "userId",
  "role",
  "redirectTo",
  "direction",
  "questionId",
  "revision",
  "index",
  "background",
  "courseId",
  "scope",
  "modules",
  "due",
  "note",
  "description",
  "workshopDate",
  "workshopPlace",
  "startsOn",
  "endsOn",
  "csv",
  "file",
  "assignmentId",
  "dueAt",
  "extraAttempts",
  "reminders",
  "credential",
  "handle",
  "choice",
  "p1",
  "__proto__",
  "constructor",
  "csrf",
] as const;

/** Intents of the app's forms: a valid intent takes the input further into an action. */
const INTENTS = [
  "start",
  "next",
  "previous",
  "review",
  "goto:1",
  "goto:-1",
  "goto:99999",
  "finish",
  "save",
  "check",
  "complete",
  "incomplete",
  "profile",
  "password",
  "reminders",
  "resend-verification",
  "role",
  "activate",
  "deactivate",
  "revoke",
  "reissue",
  "create",
  "delete",
  "adjust",
  "remove",
  "preview",
  "confirm",
  "open",
  "close",
  "archive",
  "unarchive",
  "regenerate",
  "add-trainer",
  "remove-trainer",
  "language",
  "text-size",
  "recipient",
  "credential",
  "end-session",
  "end-others",
];

const REDIRECTS = [
  "//evil.example",
  "/\\evil.example",
  "/.//evil.example",
  "/%2F%2Fevil.example",
  "https://evil.example/",
  "/\t/evil.example",
  "/ünïcode-ћирилица",
  "/\u2028x",
  "javascript:alert(1)",
  "/..//evil.example",
  "\\\\evil.example",
  "/" + "a".repeat(3000),
];

const FRAGMENTS = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "' OR '1'='1",
  "1; DROP TABLE users; --",
  "${7*7}",
  "{{7*7}}",
  "../../etc/passwd",
  "%00",
  "\u0000",
  "\u202Eevil",
  "\u2066x\u2069",
  "\uD800",
  "\uDFFFa",
  "a\r\nSet-Cookie: x=1",
  "\u0007\u001B[2J",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "🙂".repeat(50),
];

const NUMBERS = ["0", "-1", "1.5", "1e309", "NaN", "Infinity", "9007199254740993", "0x10", " 1 ", "", "١٢"];

function hostileValue(w: World) {
  const ids = [w.b.learner.id, w.b.groupId, w.b.assignmentId, w.b.openAttemptId, w.a.learner.id, w.admin.id].map(String);
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ids, w.b.certificateCode, w.b.joinCode, ...NUMBERS, ...REDIRECTS, ...FRAGMENTS, ...INTENTS) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 200 }) },
    { weight: 1, arbitrary: fc.integer().map(String) },
    { weight: 1, arbitrary: fc.constantFrom("x".repeat(20_000), "ж".repeat(15_000), "a@b.c" + "c".repeat(5_000)) },
  );
}

type Body = "urlencoded" | "multipart" | "invalid-utf8" | "json" | "text" | "none" | "oversized";
type Csrf = "valid" | "missing" | "other-session";

type Case = { body: Body; csrf: Csrf; asData: boolean; origin: string | null; site: string | null; fields: Array<[string, string]> };

/** Origin and Sec-Fetch-Site as browsers and forgers send them (this site's most of the time). */
const ORIGINS = [ORIGIN, ORIGIN, ORIGIN, ORIGIN, null, "https://evil.example", "null", "not a url", "http://localhost:3000.evil.example", "http://LOCALHOST:3000"];
const SITES = [null, null, null, "same-origin", "none", "cross-site", "same-site", "bogus"];

function hostileCase(w: World): fc.Arbitrary<Case> {
  const name = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...FIELD_NAMES) }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) });
  return fc.record({
    body: fc.constantFrom<Body>("urlencoded", "urlencoded", "urlencoded", "multipart", "multipart", "invalid-utf8", "json", "text", "none", "oversized"),
    csrf: fc.constantFrom<Csrf>("valid", "valid", "valid", "valid", "missing", "other-session"),
    asData: fc.boolean(),
    origin: fc.constantFrom(...ORIGINS),
    site: fc.constantFrom(...SITES),
    fields: fc.array(fc.tuple(name, hostileValue(w)), { maxLength: 8 }),
  });
}

/** The request a hostile client would send. */
function buildRequest(url: string, jar: CookieJar, csrf: string | null, testCase: Case): Request {
  const headers = new Headers({ Host: new URL(ORIGIN).host });
  if (testCase.origin !== null) headers.set("Origin", testCase.origin);
  if (testCase.site !== null) headers.set("Sec-Fetch-Site", testCase.site);
  const cookie = jar.header();
  if (cookie) headers.set("Cookie", cookie);
  const pairs: Array<[string, string]> = csrf === null ? testCase.fields : [["csrf", csrf], ...testCase.fields];
  let body: BodyInit | undefined;
  switch (testCase.body) {
    case "urlencoded":
    case "oversized": {
      const params = new URLSearchParams(pairs);
      if (testCase.body === "oversized") params.append("padding", "x".repeat(70 * 1024));
      headers.set("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8");
      body = params;
      break;
    }
    case "multipart": {
      const form = new FormData();
      for (const [key, value] of pairs) {
        if (key === "file" || key === "csv") form.append(key, new Blob([value], { type: "text/csv" }), "upload.csv");
        else form.append(key, value);
      }
      body = form;
      break;
    }
    case "invalid-utf8": {
      // Raw bytes that are not UTF-8, both bare and percent-encoded, in names and values.
      const encoded = new URLSearchParams(pairs).toString();
      const bad = Buffer.from([0xff, 0xfe, 0xc0, 0x80, 0xed, 0xa0, 0x80]);
      body = Buffer.concat([Buffer.from(`${encoded}&na%FFme=`), bad, Buffer.from("&x=%C0%AF%ED%A0%80&"), bad, Buffer.from("=1")]);
      headers.set("Content-Type", "application/x-www-form-urlencoded");
      break;
    }
    case "json":
      headers.set("Content-Type", "application/json");
      body = JSON.stringify(Object.fromEntries(pairs));
      break;
    case "text":
      headers.set("Content-Type", "text/plain");
      body = pairs.map(([key, value]) => `${key}=${value}`).join("\n");
      break;
    case "none":
      break;
  }
  return new Request(new URL(url, ORIGIN), { method: "POST", headers, body });
}

const CALLERS = ["trainerA", "learnerA", "admin", "anonymous"] as const satisfies readonly RoleName[];
const PASSES_GUARD = (expect: Expect) => expect !== "login" && expect !== 403 && expect !== 404;
const SERVER_ERROR_TITLE = en.errors.status["500"].title;

/** Visible text of a page: scripts (which carry the loader data) and tags removed. */
function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&[a-z#0-9]+;/gi, " ");
}

const UNTRANSLATED_KEY = /\b(?:errors|groups|quiz|mail|certificates|statistics|profile|progress|search|security|audit)\.[a-zA-Z0-9]+\.[a-zA-Z0-9.]+\b/;

let world: World;
let jars: Record<RoleName, CookieJar>;
const routes = listRoutes();

beforeAll(async () => {
  world = await buildWorld();
  jars = await signInAll(world);
}, 60_000);

/** Each action route with the URL it is posted to and a caller its guard lets through. */
const targets = routes.flatMap((route) => {
  const probe = (MATRIX[route.id]?.(STUB_WORLD) ?? []).findIndex((p) => p.action);
  return probe === -1 ? [] : [{ route, probe }];
});

test("every action of the app is attacked", () => {
  const withAction = routes.filter((route) => MATRIX[route.id]?.(STUB_WORLD).some((probe) => probe.action));
  expect(targets.map((target) => target.route.id)).toEqual(withAction.map((route) => route.id));
  expect(targets.length).toBeGreaterThan(15);
});

describe.each(targets.map((target) => [target.route.id, target] as const))("%s", (_id, { route, probe: index }) => {
  test("hostile forms: never a 5xx, a refusal writes nothing and says why, a redirect stays here", async () => {
    const probe = MATRIX[route.id]!(world)[index]!;
    // Logging out ends the caller's session: posted as a visitor, so that the other actions keep theirs.
    const role: RoleName = route.id === "routes/logout" ? "anonymous" : CALLERS.find((r) => PASSES_GUARD(probe.action![r]))!;
    const jar = jars[role];
    const otherSessionCsrf = await getCsrf(jars.learnerB);
    const target = actionPath(route, probe.path);
    await fc.assert(
      fc.asyncProperty(hostileCase(world), async (testCase) => {
        const csrf = testCase.csrf === "valid" ? await getCsrf(jar) : testCase.csrf === "other-session" ? otherSessionCsrf : null;
        const url = testCase.asData ? dataPath(route, target) : target;
        const before = tableDigests();
        const response = await fetchApp(buildRequest(url, jar, csrf, testCase));
        const text = await readableText(response);
        const status = response.status;
        expect(status, `${role} POST ${url}`).toBeLessThan(500);
        if (status >= 400) {
          const after = tableDigests();
          expect(
            Object.keys(before).filter((table) => before[table] !== after[table]),
            `tables changed by a refused ${status}`,
          ).toEqual([]);
          if (!testCase.asData) {
            const visible = visibleText(text);
            expect(visible).not.toContain(SERVER_ERROR_TITLE);
            expect(visible).not.toMatch(UNTRANSLATED_KEY);
          }
        }
        const location = response.headers.get("Location");
        if (location !== null) {
          expect(location, "a redirect stays on this site").toMatch(/^\/(?![/\\])/);
        }
      }),
      { seed: Number(process.env.HOSTILE_SEED ?? 13), numRuns: Number(process.env.HOSTILE_RUNS ?? 20), endOnFailure: true },
    );
  });
});
