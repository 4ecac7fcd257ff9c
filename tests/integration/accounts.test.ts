import { afterEach, describe, expect, test, vi } from "vitest";
import * as account from "~/routes/account";
import * as login from "~/routes/login";
import * as logout from "~/routes/logout";
import * as register from "~/routes/register";
import * as root from "~/root";
import { LOGIN_WINDOW_MS, MAX_ACCOUNT_FAILURES as MAX_LOGIN_FAILURES } from "~/models/login-attempts.server";
import { findUserByEmail } from "~/models/users.server";
import { createTestUser, getCsrf, logIn, postForm, signedIn } from "../helpers/auth";
import { callAction, callLoader, CookieJar, get, post, settle } from "../helpers/http";

const validRegistration = {
  fullName: "Milica Janković",
  email: "milica@example.test",
  password: "a long enough password",
  institutionType: "prosecution",
  language: "sr-Latn",
};

async function registerWith(fields: Record<string, string>, jar = new CookieJar()) {
  const result = await callAction(register.action, await postForm("/register", fields, jar));
  jar.absorb(result);
  return result;
}

/** The signed-in user the root loader sees for this jar, or null. */
async function currentUser(jar: CookieJar) {
  const result = await callLoader(root.loader, get("/", { jar }));
  return (result.data as { user: { fullName: string; role: string } | null }).user;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("registration", () => {
  test("creates a learner, signs them in and goes to My learning", async () => {
    const jar = new CookieJar();
    const result = await registerWith({ ...validRegistration, email: "  Milica@Example.TEST " }, jar);
    expect(result.status).toBe(302);
    expect(result.location).toBe("/my-learning");
    const user = findUserByEmail("milica@example.test");
    expect(user).toMatchObject({ fullName: "Milica Janković", email: "milica@example.test", role: "learner", institutionType: "prosecution", language: "sr-Latn", active: true });
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user!.passwordHash).not.toContain(validRegistration.password);
    expect(await currentUser(jar)).toMatchObject({ fullName: "Milica Janković", role: "learner" });
  });

  test("a taken email (in any letter case) re-renders the form with the message on the email field and the other values kept", async () => {
    await createTestUser({ email: "taken@example.test" });
    const result = await registerWith({ ...validRegistration, email: "Taken@Example.test" });
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ email: "errors.email.taken" });
    expect(result.data.values).toEqual({ fullName: "Milica Janković", email: "Taken@Example.test", institutionType: "prosecution", organisation: "", district: "", language: "sr-Latn" });
    expect(result.headers.getSetCookie().some((c) => c.startsWith("trag_session="))).toBe(false);
  });

  test("a short password is refused next to the password field; the other values are kept, the password is not echoed", async () => {
    const result = await registerWith({ ...validRegistration, email: "short@example.test", password: "123456789" });
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ password: "errors.password.short" });
    expect(result.data.values).toEqual({ fullName: "Milica Janković", email: "short@example.test", institutionType: "prosecution", language: "sr-Latn" });
    expect(findUserByEmail("short@example.test")).toBeUndefined();
  });

  test("an empty field is reported on that field and the rest is kept", async () => {
    const result = await registerWith({ ...validRegistration, email: "empty@example.test", fullName: "   ", institutionType: "" });
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ fullName: "errors.field.required", institutionType: "errors.institution.required" });
    expect(result.data.values).toMatchObject({ email: "empty@example.test", language: "sr-Latn" });
    expect(result.data.values).not.toHaveProperty("password");
    expect(result.data.values).not.toHaveProperty("csrf");
    expect(findUserByEmail("empty@example.test")).toBeUndefined();
  });

  test("organisation and district are optional: left empty they are stored as not given", async () => {
    await registerWith({ ...validRegistration, email: "plain@example.test", organisation: "  ", district: "" });
    expect(findUserByEmail("plain@example.test")).toMatchObject({ organisation: null, district: null });
    await registerWith({ ...validRegistration, email: "nothing@example.test" });
    expect(findUserByEmail("nothing@example.test")).toMatchObject({ organisation: null, district: null });
  });

  test("organisation and district are stored when given; an unknown district or an overlong organisation is refused on its field", async () => {
    await registerWith({ ...validRegistration, email: "given@example.test", organisation: " Viši sud u Nišu ", district: "nisava" });
    expect(findUserByEmail("given@example.test")).toMatchObject({ organisation: "Viši sud u Nišu", district: "nisava" });
    const bad = await registerWith({ ...validRegistration, email: "bad@example.test", organisation: "x".repeat(201), district: "atlantis" });
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toEqual({ organisation: "profile.errors.organisationLong", district: "profile.errors.districtUnknown" });
    expect(findUserByEmail("bad@example.test")).toBeUndefined();
  });

  test("an invalid email address is refused", async () => {
    const result = await registerWith({ ...validRegistration, email: "not-an-address" });
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ email: "errors.email.invalid" });
  });

  test("the register and login pages send a signed-in user to My learning", async () => {
    const jar = await signedIn(await createTestUser());
    for (const route of [register, login]) {
      const result = await callLoader(route.loader, get("/register", { jar }));
      expect(result).toMatchObject({ status: 302, thrown: true, location: "/my-learning" });
    }
  });
});

describe("login", () => {
  test("the right password starts a session and goes to My learning", async () => {
    const user = await createTestUser();
    const jar = new CookieJar();
    const result = await logIn(jar, user.email.toUpperCase(), user.password);
    expect(result).toMatchObject({ status: 302, location: "/my-learning" });
    const cookie = result.headers.getSetCookie().find((c) => c.startsWith("trag_session="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(await currentUser(jar)).toMatchObject({ fullName: user.fullName });
  });

  test("a wrong password and an unknown email get the same answer: the email or password is incorrect", async () => {
    const user = await createTestUser();
    const wrongPassword = await logIn(new CookieJar(), user.email, "not the password");
    const unknownEmail = await logIn(new CookieJar(), "nobody@example.test", user.password);
    for (const result of [wrongPassword, unknownEmail]) {
      expect(result.status).toBe(400);
      expect(result.data).toEqual({ errors: { form: "errors.login.incorrect" }, values: { email: expect.any(String) }, retryAt: null });
      expect(result.headers.getSetCookie().some((c) => c.startsWith("trag_session="))).toBe(false);
    }
    expect(wrongPassword.data.values.email).toBe(user.email);
    expect(unknownEmail.data.values.email).toBe("nobody@example.test");
  });

  test("an empty field is reported on that field", async () => {
    const result = await logIn(new CookieJar(), "", "");
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ email: "errors.field.required", password: "errors.field.required" });
  });

  test(`after ${MAX_LOGIN_FAILURES} failed logins for one email within 15 minutes, further attempts get 429, even with the right password`, async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date("2026-03-02T09:00:00Z");
    vi.setSystemTime(start);
    const user = await createTestUser();
    const other = await createTestUser();
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) {
      vi.setSystemTime(start.getTime() + i * 60_000);
      expect((await logIn(new CookieJar(), user.email, `wrong ${i}`)).status).toBe(400);
    }
    vi.setSystemTime(start.getTime() + 10 * 60_000);
    const blocked = await logIn(new CookieJar(), user.email.toUpperCase(), user.password);
    expect(blocked.status).toBe(429);
    expect(blocked.data.errors).toEqual({ form: "errors.login.tooMany" });
    // The oldest failure (09:00) leaves the window at 09:15: five minutes from 09:10.
    expect(blocked.data.retryAt).toBe(new Date(start.getTime() + LOGIN_WINDOW_MS).toISOString());
    expect(blocked.headers.get("Retry-After")).toBe("300");
    expect(blocked.headers.getSetCookie().some((c) => c.startsWith("trag_session="))).toBe(false);

    // Another account is not affected.
    expect((await logIn(new CookieJar(), other.email, other.password)).status).toBe(302);

    // Once the oldest failure is more than 15 minutes old, the right password works again.
    vi.setSystemTime(start.getTime() + LOGIN_WINDOW_MS + 1);
    expect((await logIn(new CookieJar(), user.email, user.password)).status).toBe(302);
  });

  test("a successful login clears the failures counted so far", async () => {
    const user = await createTestUser();
    for (let i = 0; i < MAX_LOGIN_FAILURES - 1; i++) await logIn(new CookieJar(), user.email, "wrong");
    expect((await logIn(new CookieJar(), user.email, user.password)).status).toBe(302);
    expect((await logIn(new CookieJar(), user.email, "wrong again")).status).toBe(400);
    expect((await logIn(new CookieJar(), user.email, user.password)).status).toBe(302);
  });

  test("the session id is rotated at login and the old one stops working", async () => {
    const user = await createTestUser();
    const jar = await signedIn(user);
    const first = jar.get("trag_session")!;
    const before = jar.clone();
    await logIn(jar, user.email, user.password);
    const second = jar.get("trag_session")!;
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    expect(await currentUser(jar)).toMatchObject({ fullName: user.fullName });
    expect(await currentUser(before)).toBeNull();
  });

  test("a deactivated account cannot log in, with the same message as a wrong password", async () => {
    const user = await createTestUser({ active: false });
    const result = await logIn(new CookieJar(), user.email, user.password);
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ form: "errors.login.incorrect" });
  });

  test("redirectTo is followed only when it is a path on this site", async () => {
    const user = await createTestUser();
    const cases: Array<[string, string]> = [
      ["/courses/fixture-course", "/courses/fixture-course"],
      ["//evil.example/phish", "/my-learning"],
      ["https://evil.example/", "/my-learning"],
      ["/\\evil.example", "/my-learning"],
      // A browser drops the tab and goes to //evil.example; a newline cannot go in a header at all.
      ["/\t/evil.example", "/my-learning"],
      ["/\n/evil.example", "/my-learning"],
      // The string starts with one slash; the path a browser follows after resolving it starts with two.
      ["/.//evil.example", "/my-learning"],
      ["/./\\evil.example", "/my-learning"],
      ["/courses/..//evil.example", "/my-learning"],
      ["/%2e%2e/\\evil.example", "/my-learning"],
    ];
    for (const [redirectTo, expected] of cases) {
      const result = await logIn(new CookieJar(), user.email, user.password, { redirectTo });
      expect(result.location, redirectTo).toBe(expected);
    }
  });
});

describe("logout", () => {
  test("ends the session and clears the cookie", async () => {
    const user = await createTestUser();
    const jar = await signedIn(user);
    const stolen = jar.clone();
    const result = await callAction(logout.action, await postForm("/logout", {}, jar));
    expect(result).toMatchObject({ status: 302, location: "/" });
    expect(result.headers.getSetCookie().find((c) => c.startsWith("trag_session="))).toMatch(/Max-Age=0/i);
    jar.absorb(result);
    expect(await currentUser(jar)).toBeNull();
    // The old cookie is worthless: the session is gone from the database.
    expect(await currentUser(stolen)).toBeNull();
  });

  test("without the CSRF token it is refused with 403 and the session stays", async () => {
    const jar = await signedIn(await createTestUser());
    const result = await callAction(logout.action, post("/logout", {}, { jar }));
    expect(result).toMatchObject({ status: 403, thrown: true });
    expect(await currentUser(jar)).not.toBeNull();
  });

  test("GET /logout does not log out", async () => {
    const jar = await signedIn(await createTestUser());
    const result = await settle(() => logout.loader());
    expect(result.status).toBe(302);
    expect(await currentUser(jar)).not.toBeNull();
  });
});

describe("account", () => {
  test("needs a signed-in user", async () => {
    const result = await callLoader(account.loader, get("/account?tab=1"));
    expect(result).toMatchObject({ status: 302, thrown: true, location: "/login?redirectTo=%2Faccount%3Ftab%3D1" });
  });

  test("updates the profile; an email used by someone else is refused", async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const jar = await signedIn(user);
    const profile = { intent: "profile", fullName: "New Name", email: other.email, institutionType: "court", language: "sr-Cyrl" };
    const taken = await callAction(account.action, await postForm("/account", profile, jar));
    expect(taken.status).toBe(400);
    expect(taken.data.errors).toEqual({ email: "errors.email.taken" });
    expect(findUserByEmail(user.email)!.fullName).toBe(user.fullName);

    // Changing the email address asks for the current password (tests/integration/sessions.test.ts).
    const saved = await callAction(account.action, await postForm("/account", { ...profile, email: "new-address@example.test", currentPassword: user.password }, jar));
    expect(saved.status).toBe(200);
    expect(saved.data.saved).toBe(true);
    expect(findUserByEmail("new-address@example.test")).toMatchObject({ id: user.id, fullName: "New Name", institutionType: "court", language: "sr-Cyrl" });
  });

  test("shows, sets and clears organisation and district", async () => {
    const user = await createTestUser();
    const jar = await signedIn(user);
    const before = await callLoader(account.loader, get("/account", { jar }));
    expect(before.data.profile).toMatchObject({ organisation: "", district: "" });
    const profile = { intent: "profile", fullName: user.fullName, email: user.email, institutionType: "court", language: "en" };
    await callAction(account.action, await postForm("/account", { ...profile, organisation: "Osnovni sud u Pirotu", district: "pirot" }, jar));
    expect(findUserByEmail(user.email)).toMatchObject({ organisation: "Osnovni sud u Pirotu", district: "pirot" });
    const after = await callLoader(account.loader, get("/account", { jar }));
    expect(after.data.profile).toMatchObject({ organisation: "Osnovni sud u Pirotu", district: "pirot" });
    const unknown = await callAction(account.action, await postForm("/account", { ...profile, district: "nowhere" }, jar));
    expect(unknown.status).toBe(400);
    expect(unknown.data.errors).toEqual({ district: "profile.errors.districtUnknown" });
    expect(findUserByEmail(user.email)).toMatchObject({ district: "pirot" });
    await callAction(account.action, await postForm("/account", { ...profile, organisation: "", district: "" }, jar));
    expect(findUserByEmail(user.email)).toMatchObject({ organisation: null, district: null });
  });

  test("changes the password only with the current one", async () => {
    const user = await createTestUser();
    const jar = await signedIn(user);
    const wrong = await callAction(
      account.action,
      await postForm("/account", { intent: "password", currentPassword: "nope", newPassword: "brand new password", confirmPassword: "brand new password" }, jar),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.data.errors).toEqual({ currentPassword: "errors.password.current" });

    const mismatch = await callAction(
      account.action,
      await postForm("/account", { intent: "password", currentPassword: user.password, newPassword: "brand new password", confirmPassword: "brand new passw0rd" }, jar),
    );
    expect(mismatch.data.errors).toEqual({ confirmPassword: "errors.password.mismatch" });

    const ok = await callAction(
      account.action,
      await postForm("/account", { intent: "password", currentPassword: user.password, newPassword: "brand new password", confirmPassword: "brand new password" }, jar),
    );
    expect(ok.status).toBe(200);
    expect((await logIn(new CookieJar(), user.email, user.password)).status).toBe(400);
    expect((await logIn(new CookieJar(), user.email, "brand new password")).status).toBe(302);
  });

  test("an unknown intent is a 400", async () => {
    const jar = await signedIn(await createTestUser());
    const result = await callAction(account.action, await postForm("/account", { intent: "delete-everything" }, jar));
    expect(result).toMatchObject({ status: 400, thrown: true, data: "errors.form.invalid" });
  });
});

describe("CSRF on the account forms", () => {
  test("a missing or wrong token is a 403 and nothing is written", async () => {
    const jar = new CookieJar();
    await getCsrf(jar);
    const fields = { ...validRegistration, email: "csrf@example.test" };
    const missing = await callAction(register.action, post("/register", fields, { jar }));
    const wrong = await callAction(register.action, post("/register", { ...fields, csrf: "forged-token" }, { jar }));
    const noCookie = await callAction(register.action, post("/register", { ...fields, csrf: await getCsrf(new CookieJar()) }));
    for (const result of [missing, wrong, noCookie]) expect(result).toMatchObject({ status: 403, thrown: true, data: "errors.form.csrf" });
    expect(findUserByEmail("csrf@example.test")).toBeUndefined();
  });

  test("login without a valid token is a 403 and starts no session", async () => {
    const user = await createTestUser();
    const jar = new CookieJar();
    await getCsrf(jar);
    const result = await callAction(login.action, post("/login", { email: user.email, password: user.password, csrf: "forged" }, { jar }));
    expect(result).toMatchObject({ status: 403, thrown: true });
    expect(result.headers.getSetCookie()).toEqual([]);
  });

  test("profile and password changes without a valid token are a 403 and change nothing", async () => {
    const user = await createTestUser();
    const jar = await signedIn(user);
    const profile = await callAction(account.action, post("/account", { intent: "profile", fullName: "Changed", email: user.email, institutionType: "court", language: "en" }, { jar }));
    const password = await callAction(
      account.action,
      post("/account", { intent: "password", currentPassword: user.password, newPassword: "another long password", confirmPassword: "another long password", csrf: "forged" }, { jar }),
    );
    for (const result of [profile, password]) expect(result).toMatchObject({ status: 403, thrown: true });
    expect(findUserByEmail(user.email)!.fullName).toBe(user.fullName);
    expect((await logIn(new CookieJar(), user.email, user.password)).status).toBe(302);
  });

  test("the CSRF cookie is set once and the token stays the same for the browser", async () => {
    const jar = new CookieJar();
    const first = await callLoader(root.loader, get("/", { jar }));
    expect(first.headers.getSetCookie().find((c) => c.startsWith("trag_csrf="))).toMatch(/HttpOnly/i);
    jar.absorb(first);
    const second = await callLoader(root.loader, get("/", { jar }));
    expect(second.headers.getSetCookie()).toEqual([]);
    expect(second.data.csrf).toBe(first.data.csrf);
  });
});
