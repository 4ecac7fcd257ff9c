import { afterEach, describe, expect, test, vi } from "vitest";
import * as account from "~/routes/account";
import * as logout from "~/routes/logout";
import * as root from "~/root";
import { findUserByEmail } from "~/models/users.server";
import { SESSION_IDLE_MS, SESSION_MAX_AGE_MS } from "~/utils/session.server";
import { createTestUser, getCsrf, logIn, postForm, signedIn } from "../helpers/auth";
import { callAction, callLoader, CookieJar, get, post } from "../helpers/http";

const MINUTE = 60_000;

afterEach(() => {
  vi.useRealTimers();
});

/** The signed-in user's name the root loader sees for this jar, or null. */
async function whoIs(jar: CookieJar) {
  const result = await callLoader(root.loader, get("/", { jar }));
  return (result.data as { user: { fullName: string } | null }).user?.fullName ?? null;
}

describe("changing the password", () => {
  test("ends the user's other sessions and keeps the one that changed it", async () => {
    const user = await createTestUser();
    const here = await signedIn(user);
    const elsewhere = await signedIn(user);
    const bystander = await createTestUser();
    const bystanderJar = await signedIn(bystander);
    const result = await callAction(
      account.action,
      await postForm("/account", { intent: "password", currentPassword: user.password, newPassword: "a brand new password", confirmPassword: "a brand new password" }, here),
    );
    expect(result.data.saved).toBe(true);
    expect(await whoIs(here)).toBe(user.fullName);
    expect(await whoIs(elsewhere)).toBeNull();
    expect(await whoIs(bystanderJar)).toBe(bystander.fullName);
  });

  test("a wrong current password changes nothing and ends nothing", async () => {
    const user = await createTestUser();
    const here = await signedIn(user);
    const elsewhere = await signedIn(user);
    const result = await callAction(
      account.action,
      await postForm("/account", { intent: "password", currentPassword: "not it at all", newPassword: "a brand new password", confirmPassword: "a brand new password" }, here),
    );
    expect(result.status).toBe(400);
    expect(await whoIs(elsewhere)).toBe(user.fullName);
  });
});

describe("changing the email address", () => {
  const profileOf = (user: { fullName: string }, email: string, extra: Record<string, string> = {}) => ({
    intent: "profile",
    fullName: user.fullName,
    email,
    institutionType: "police",
    language: "en",
    ...extra,
  });

  test("asks for the current password; without it, or with a wrong one, the address stays", async () => {
    const user = await createTestUser();
    const jar = await signedIn(user);
    const missing = await callAction(account.action, await postForm("/account", profileOf(user, "moved@example.test"), jar));
    expect(missing.status).toBe(400);
    expect(missing.data.errors).toEqual({ currentPassword: "security.email.passwordNeeded" });
    const wrong = await callAction(account.action, await postForm("/account", profileOf(user, "moved@example.test", { currentPassword: "wrong password" }), jar));
    expect(wrong.status).toBe(400);
    expect(wrong.data.errors).toEqual({ currentPassword: "errors.password.current" });
    expect(findUserByEmail("moved@example.test")).toBeUndefined();
    const right = await callAction(account.action, await postForm("/account", profileOf(user, "moved@example.test", { currentPassword: user.password }), jar));
    expect(right.data.saved).toBe(true);
    expect(findUserByEmail("moved@example.test")?.id).toBe(user.id);
  });

  test("other profile changes do not need the password (the same address in another letter case is no change)", async () => {
    const user = await createTestUser();
    const jar = await signedIn(user);
    const result = await callAction(account.action, await postForm("/account", { ...profileOf(user, user.email.toUpperCase()), fullName: "Renamed Person" }, jar));
    expect(result.data.saved).toBe(true);
    expect(findUserByEmail(user.email)?.fullName).toBe("Renamed Person");
  });
});

describe("session timeouts, enforced on the server", () => {
  test.each([
    ["learner", 8 * 60],
    ["reviewer", 8 * 60],
    ["trainer", 30],
    ["admin", 30],
  ] as const)("a %s's session ends after %i idle minutes, not before", async (role, minutes) => {
    expect(SESSION_IDLE_MS[role]).toBe(minutes * MINUTE);
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.parse("2026-03-02T08:00:00Z");
    vi.setSystemTime(start);
    const user = await createTestUser({ role });
    const used = await signedIn(user);
    const unused = await signedIn(user);
    vi.setSystemTime(start + (minutes - 1) * MINUTE);
    expect(await whoIs(used)).toBe(user.fullName);
    vi.setSystemTime(start + (minutes + 1) * MINUTE);
    expect(await whoIs(unused)).toBeNull();
    // The request at minutes − 1 was activity: the idle time of that session starts again from it.
    expect(await whoIs(used)).toBe(user.fullName);
  });

  test("an idle session stays ended, and is gone from the database", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.parse("2026-03-02T08:00:00Z");
    vi.setSystemTime(start);
    const user = await createTestUser({ role: "admin" });
    const jar = await signedIn(user);
    const watcher = await signedIn(user);
    vi.setSystemTime(start + 31 * MINUTE);
    expect(await whoIs(jar)).toBeNull();
    vi.setSystemTime(start + 10 * MINUTE);
    expect(await whoIs(jar)).toBeNull();
    expect((await callLoader(account.loader, get("/account", { jar: watcher }))).data.sessions).toHaveLength(1);
  });

  test("a session ends 12 hours after signing in, however active", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.parse("2026-03-02T06:00:00Z");
    vi.setSystemTime(start);
    const user = await createTestUser();
    const jar = await signedIn(user);
    for (let at = start; at < start + SESSION_MAX_AGE_MS; at += 20 * MINUTE) {
      vi.setSystemTime(at);
      expect(await whoIs(jar)).toBe(user.fullName);
    }
    vi.setSystemTime(start + SESSION_MAX_AGE_MS + 1);
    expect(await whoIs(jar)).toBeNull();
  });

  test("the cookie itself expires with the session", async () => {
    const user = await createTestUser();
    const result = await logIn(new CookieJar(), user.email, user.password);
    const cookie = result.headers.getSetCookie().find((c) => c.startsWith("trag_session="));
    expect(cookie).toMatch(new RegExp(`Max-Age=${SESSION_MAX_AGE_MS / 1000}(;|$)`));
  });
});

describe("the account page lists the user's sessions", () => {
  const firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
  const iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

  async function logInFrom(user: { email: string; password: string }, userAgent: string) {
    const jar = new CookieJar();
    const csrf = await getCsrf(jar);
    const request = post("/login", { csrf, email: user.email, password: user.password }, { jar, headers: { "User-Agent": userAgent } });
    const { action } = await import("~/routes/login");
    jar.absorb(await callAction(action, request));
    return jar;
  }

  test("with browser, system, sign-in and last-seen times, the current one marked; ending one signs that browser out", async () => {
    const user = await createTestUser();
    const laptop = await logInFrom(user, firefox);
    const phone = await logInFrom(user, iphone);
    const page = await callLoader(account.loader, get("/account", { jar: laptop }));
    const sessions = page.data.sessions as Array<{ handle: string; browser: string; system: string; createdAt: string; lastSeenAt: string; current: boolean }>;
    expect(sessions).toHaveLength(2);
    expect(sessions.find((s) => s.current)).toMatchObject({ browser: "Firefox 133", system: "Linux" });
    const other = sessions.find((s) => !s.current)!;
    expect(other).toMatchObject({ browser: "Safari 17", system: "iOS 17.5" });
    expect(Date.parse(other.createdAt)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(other.lastSeenAt)).toBeGreaterThanOrEqual(Date.parse(other.createdAt));
    // Handles name sessions without being their ids (the cookie's value).
    expect(JSON.stringify(page.data)).not.toContain(decodeURIComponent(phone.get("trag_session")!).split(".")[0].replace(/^"/, ""));

    const ended = await callAction(account.action, await postForm("/account", { intent: "end-session", session: other.handle }, laptop));
    expect(ended.data).toMatchObject({ ended: "one" });
    expect(await whoIs(phone)).toBeNull();
    expect(await whoIs(laptop)).toBe(user.fullName);
  });

  test("another user's session, or a made-up handle, is a 404 and ends nothing", async () => {
    const owner = await createTestUser();
    const ownerJar = await signedIn(owner);
    const ownerHandle = (await callLoader(account.loader, get("/account", { jar: ownerJar }))).data.sessions[0].handle;
    const intruder = await signedIn(await createTestUser());
    for (const handle of [ownerHandle, "made-up", ""]) {
      const result = await callAction(account.action, await postForm("/account", { intent: "end-session", session: handle }, intruder));
      expect(result).toMatchObject({ status: 404, thrown: true });
    }
    expect(await whoIs(ownerJar)).toBe(owner.fullName);
  });

  test("“sign out everywhere else” ends all but the current session", async () => {
    const user = await createTestUser();
    const here = await signedIn(user);
    const others = [await signedIn(user), await signedIn(user)];
    const result = await callAction(account.action, await postForm("/account", { intent: "end-other-sessions" }, here));
    expect(result.data).toMatchObject({ ended: "others" });
    for (const jar of others) expect(await whoIs(jar)).toBeNull();
    expect(await whoIs(here)).toBe(user.fullName);
    expect((await callLoader(account.loader, get("/account", { jar: here }))).data.sessions).toHaveLength(1);
  });
});

describe("the CSRF token is bound to the session", () => {
  test("a token from one session does not pass with another session's cookie", async () => {
    const victim = await signedIn(await createTestUser());
    const attacker = await signedIn(await createTestUser());
    const attackerToken = await getCsrf(attacker);
    // The attacker's own token and (anonymous) CSRF cookie, sent with the victim's session cookie.
    const forged = victim.clone();
    if (attacker.get("trag_csrf")) forged.set("trag_csrf", attacker.get("trag_csrf")!);
    const result = await callAction(logout.action, post("/logout", { csrf: attackerToken }, { jar: forged }));
    expect(result).toMatchObject({ status: 403, thrown: true, data: "errors.form.csrf" });
    expect(await whoIs(victim)).not.toBeNull();
  });

  test("is renewed at login: the token from before signing in no longer passes", async () => {
    const user = await createTestUser();
    const jar = new CookieJar();
    const before = await getCsrf(jar);
    await logIn(jar, user.email, user.password);
    const after = await getCsrf(jar);
    expect(after).not.toBe(before);
    expect(await callAction(logout.action, post("/logout", { csrf: before }, { jar }))).toMatchObject({ status: 403 });
    expect(await callAction(logout.action, post("/logout", { csrf: after }, { jar }))).toMatchObject({ status: 302 });
  });
});

describe("requests from another site are refused before anything is read", () => {
  test.each([
    ["Sec-Fetch-Site: cross-site", { "Sec-Fetch-Site": "cross-site" }],
    ["Sec-Fetch-Site: same-site (a sibling subdomain)", { "Sec-Fetch-Site": "same-site" }],
    ["an Origin of another site (no Sec-Fetch-Site)", { Origin: "https://evil.example" }],
    ["Origin: null (no Sec-Fetch-Site)", { Origin: "null" }],
  ])("%s → 403", async (_name, headers) => {
    const user = await createTestUser();
    const jar = await signedIn(user);
    const csrf = await getCsrf(jar);
    const result = await callAction(logout.action, post("/logout", { csrf }, { jar, headers }));
    expect(result).toMatchObject({ status: 403, thrown: true, data: "errors.form.crossSite" });
    expect(await whoIs(jar)).toBe(user.fullName);
  });

  test("the site's own Origin and Sec-Fetch-Site: same-origin pass", async () => {
    const user = await createTestUser();
    const jar = await signedIn(user);
    const csrf = await getCsrf(jar);
    const result = await callAction(logout.action, post("/logout", { csrf }, { jar, headers: { Origin: "http://localhost:3000", "Sec-Fetch-Site": "same-origin" } }));
    expect(result.status).toBe(302);
  });
});
