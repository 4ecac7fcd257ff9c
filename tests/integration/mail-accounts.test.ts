/**
 * Forgot password and email verification, through a real SMTP server on loopback: the links that
 * arrive, what they do when followed, and what they never reveal.
 */
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import { linksIn, startSmtpServer } from "../helpers/smtp";

const smtp = await startSmtpServer();
process.env.SMTP_URL = smtp.url;
afterAll(() => smtp.close());

const { eq } = await import("drizzle-orm");
const { mailMessages, userTokens, users } = await import("#db/schema");
const { setPasswordFromLink, LINKS_PER_ADDRESS, RESET_REQUESTS_PER_CLIENT } = await import("~/accounts/email-links.server");
const { deliverDueMessages } = await import("~/mail/delivery.server");
const { getDb } = await import("~/utils/db.server");
const forgot = await import("~/routes/forgot-password");
const reset = await import("~/routes/reset-password.$token");
const verifyEmail = await import("~/routes/verify-email.$token");
const register = await import("~/routes/register");
const account = await import("~/routes/account");
const myLearning = await import("~/routes/my-learning");
const { createTestUser, postForm, signedIn } = await import("../helpers/auth");
const { callAction, callLoader, CookieJar, get } = await import("../helpers/http");

let client = 0;
/** A request from a client address of its own, so that tests do not share a rate-limit allowance. */
function fromClient(request: Request, address = `192.0.2.${++client}`) {
  const headers = new Headers(request.headers);
  headers.set("X-Forwarded-For", address);
  return new Request(request, { headers });
}

async function requestReset(email: string, address?: string) {
  return callAction(forgot.action, fromClient(await postForm("/forgot-password", { email }, new CookieJar()), address));
}

/** Delivers what is due and returns the one message that arrived for `email`. */
async function receive(email: string) {
  await deliverDueMessages();
  const mails = smtp.received.filter((m) => m.to.includes(email));
  expect(mails).toHaveLength(1);
  return mails[0];
}

function linkPath(text: { text: string }, prefix: string) {
  const link = linksIn(text as Parameters<typeof linksIn>[0]).find((url) => url.includes(prefix));
  expect(link, `a ${prefix} link`).toBeDefined();
  const path = new URL(link!).pathname;
  return { path, token: path.split("/").at(-1)! };
}

beforeEach(() => {
  smtp.received.length = 0;
});

describe("forgot password", () => {
  test("sends a link in the user's language that sets a new password once and ends every other session", async () => {
    const user = await createTestUser({ language: "sr-Latn" });
    const otherDevice = await signedIn(user);
    expect((await callLoader(myLearning.loader, get("/my-learning", { jar: otherDevice }))).status).toBe(200);

    const answer = await requestReset(` ${user.email.toUpperCase()} `);
    expect(answer).toMatchObject({ status: 200, data: { sent: true } });
    const mail = await receive(user.email);
    expect(mail.subject).toBe("Izaberite novu lozinku za Trag");
    expect(mail.text).toContain("30 minuta");
    const { path, token } = linkPath(mail, "/reset-password/");
    // Only a hash of the token is stored.
    expect(JSON.stringify(getDb().select().from(userTokens).all())).not.toContain(token);

    const page = await callLoader(reset.loader, get(path), { token });
    expect(page).toMatchObject({ status: 200, data: { link: { invitation: false, email: user.email } } });
    const mismatch = await callAction(reset.action, await postForm(path, { newPassword: "brand new password", confirmPassword: "different" }, new CookieJar()), { token });
    expect(mismatch).toMatchObject({ status: 400, data: { errors: { confirmPassword: "errors.password.mismatch" } } });
    const short = await callAction(reset.action, await postForm(path, { newPassword: "short", confirmPassword: "short" }, new CookieJar()), { token });
    expect(short).toMatchObject({ status: 400, data: { errors: { newPassword: "errors.password.short" } } });

    const browser = new CookieJar();
    const done = await callAction(reset.action, await postForm(path, { newPassword: "brand new password", confirmPassword: "brand new password" }, browser), { token });
    expect(done).toMatchObject({ status: 302, location: "/my-learning" });
    browser.absorb(done);
    expect((await callLoader(myLearning.loader, get("/my-learning", { jar: browser }))).status).toBe(200);
    // The other device is signed out.
    const other = await callLoader(myLearning.loader, get("/my-learning", { jar: otherDevice }));
    expect(other.status).toBe(302);
    expect(other.location).toMatch(/^\/login/);
    await signedIn({ email: user.email, password: "brand new password" });
    // Once only.
    expect((await callLoader(reset.loader, get(path), { token })).status).toBe(404);
    expect(await setPasswordFromLink(token, "yet another password", new Date())).toBeNull();
  });

  test("the link expires after 30 minutes, and a newer link replaces an older one", async () => {
    const user = await createTestUser();
    await requestReset(user.email);
    const first = linkPath(await receive(user.email), "/reset-password/");
    smtp.received.length = 0;
    await requestReset(user.email);
    const second = linkPath(await receive(user.email), "/reset-password/");
    expect((await callLoader(reset.loader, get(first.path), { token: first.token })).status).toBe(404);
    expect(await setPasswordFromLink(second.token, "too late password", new Date(Date.now() + 31 * 60 * 1000))).toBeNull();
    expect(await setPasswordFromLink(second.token, "just in time password", new Date(Date.now() + 29 * 60 * 1000))).not.toBeNull();
  });

  test("answers the same whether or not the address has an account, and writes nothing for an unknown one", async () => {
    const user = await createTestUser();
    const known = await requestReset(user.email);
    const unknown = await requestReset("no-account-here@example.test");
    const inactive = await createTestUser({ active: false });
    const deactivated = await requestReset(inactive.email);
    for (const answer of [unknown, deactivated]) {
      expect(answer.status).toBe(known.status);
      expect({ ...answer.data, values: null }).toEqual({ ...known.data, values: null });
    }
    expect(getDb().select().from(mailMessages).where(eq(mailMessages.recipient, "no-account-here@example.test")).all()).toEqual([]);
    expect(getDb().select().from(mailMessages).where(eq(mailMessages.recipient, inactive.email)).all()).toEqual([]);
    const invalid = await requestReset("not an address");
    expect(invalid).toMatchObject({ status: 400, data: { errors: { email: "errors.email.invalid" } } });
  });

  test("is rate-limited per client (429 with Retry-After) and per address (silently)", async () => {
    const user = await createTestUser();
    const address = "198.51.100.7";
    for (let i = 0; i < RESET_REQUESTS_PER_CLIENT; i++) expect((await requestReset(`someone-${i}@example.test`, address)).status).toBe(200);
    const refused = await requestReset(user.email, address);
    expect(refused).toMatchObject({ status: 429, data: { errors: { form: "mail.errors.tooMany" } } });
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);

    for (let i = 0; i < LINKS_PER_ADDRESS + 2; i++) expect((await requestReset(user.email)).status).toBe(200);
    expect(getDb().select().from(mailMessages).where(eq(mailMessages.recipient, user.email)).all()).toHaveLength(LINKS_PER_ADDRESS);
  });
});

describe("email verification", () => {
  test("registration sends a link that confirms the address once; the account page shows it", async () => {
    const email = `new-${process.pid}@example.test`;
    const jar = new CookieJar();
    const registered = await callAction(
      register.action,
      await postForm("/register", { fullName: "Nova Korisnica", email, password: "a long password", institutionType: "police", language: "sr-Cyrl" }, jar),
    );
    expect(registered.status).toBe(302);
    jar.absorb(registered);
    expect((await callLoader(account.loader, get("/account", { jar }))).data.emailVerified).toBe(false);

    const mail = await receive(email);
    expect(mail.language).toBe("sr-Cyrl");
    const { path, token } = linkPath(mail, "/verify-email/");
    const followed = await callLoader(verifyEmail.loader, get(path), { token });
    expect(followed).toMatchObject({ status: 200, data: { email } });
    expect(getDb().select().from(users).where(eq(users.email, email)).get()?.emailVerifiedAt).toBeInstanceOf(Date);
    expect((await callLoader(account.loader, get("/account", { jar }))).data.emailVerified).toBe(true);
    expect((await callLoader(verifyEmail.loader, get(path), { token })).status).toBe(404);
    expect((await callLoader(verifyEmail.loader, get("/verify-email/made-up"), { token: "made-up" })).status).toBe(404);
    // Nothing to resend once confirmed.
    expect((await callAction(account.action, await postForm("/account", { intent: "resend-verification" }, jar))).status).toBe(409);
  });

  test("the account page resends the link (a few times an hour); a changed address needs confirming again", async () => {
    const user = await createTestUser({ language: "en" });
    const jar = await signedIn(user);
    const resent = await callAction(account.action, await postForm("/account", { intent: "resend-verification" }, jar));
    expect(resent).toMatchObject({ status: 200, data: { saved: true } });
    const first = linkPath(await receive(user.email), "/verify-email/");
    expect((await callLoader(verifyEmail.loader, get(first.path), { token: first.token })).status).toBe(200);

    const newEmail = `changed-${process.pid}@example.test`;
    const changed = await callAction(
      account.action,
      await postForm(
        "/account",
        { intent: "profile", fullName: user.fullName, email: newEmail, institutionType: "police", language: "en", organisation: "", district: "", currentPassword: user.password },
        jar,
      ),
    );
    expect(changed.status).toBe(200);
    expect((await callLoader(account.loader, get("/account", { jar }))).data.emailVerified).toBe(false);
    const second = linkPath(await receive(newEmail), "/verify-email/");
    expect((await callLoader(verifyEmail.loader, get(second.path), { token: second.token })).status).toBe(200);
    expect((await callLoader(account.loader, get("/account", { jar }))).data.emailVerified).toBe(true);

    const other = await createTestUser();
    const otherJar = await signedIn(other);
    for (let i = 0; i < LINKS_PER_ADDRESS; i++) expect((await callAction(account.action, await postForm("/account", { intent: "resend-verification" }, otherJar))).status).toBe(200);
    expect(await callAction(account.action, await postForm("/account", { intent: "resend-verification" }, otherJar))).toMatchObject({
      status: 429,
      data: { errors: { form: "mail.account.tooMany" } },
    });
  });

  test("a link sent to an address the account no longer has does not confirm the new one", async () => {
    const user = await createTestUser();
    const jar = await signedIn(user);
    await callAction(account.action, await postForm("/account", { intent: "resend-verification" }, jar));
    const old = linkPath(await receive(user.email), "/verify-email/");
    await callAction(
      account.action,
      await postForm(
        "/account",
        {
          intent: "profile",
          fullName: user.fullName,
          email: `moved-${process.pid}@example.test`,
          institutionType: "police",
          language: "en",
          organisation: "",
          district: "",
          currentPassword: user.password,
        },
        jar,
      ),
    );
    expect((await callLoader(verifyEmail.loader, get(old.path), { token: old.token })).status).toBe(404);
    expect((await callLoader(account.loader, get("/account", { jar }))).data.emailVerified).toBe(false);
  });
});

describe("reminder opt-out", () => {
  test("the account page turns reminders off and on", async () => {
    const user = await createTestUser();
    const jar = await signedIn(user);
    expect((await callLoader(account.loader, get("/account", { jar }))).data.reminders).toBe(true);
    expect((await callAction(account.action, await postForm("/account", { intent: "reminders" }, jar))).status).toBe(200);
    expect((await callLoader(account.loader, get("/account", { jar }))).data.reminders).toBe(false);
    expect(getDb().select().from(users).where(eq(users.id, user.id)).get()?.remindersOptOut).toBe(true);
    await callAction(account.action, await postForm("/account", { intent: "reminders", reminders: "on" }, jar));
    expect((await callLoader(account.loader, get("/account", { jar }))).data.reminders).toBe(true);
    expect((await callAction(account.action, await postForm("/account", { intent: "reminders", reminders: "yes please" }, jar))).status).toBe(400);
  });
});
