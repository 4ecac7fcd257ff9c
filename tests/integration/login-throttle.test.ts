import crypto from "node:crypto";
import { describe, expect, test } from "vitest";
import { loginAttempts, verificationLookups } from "#db/schema";
import { formatVerificationCode, generateVerificationCode } from "~/certificates/verification-code";
import * as login from "~/routes/login";
import * as verifyCode from "~/routes/verify.$code";
import { MAX_ACCOUNT_FAILURES, MAX_ADDRESS_FAILURES } from "~/models/login-attempts.server";
import { setPasswordFromLink } from "~/accounts/email-links.server";
import { createUserToken } from "~/models/tokens.server";
import { getDb, inTransaction } from "~/utils/db.server";
import { createTestUser, getCsrf } from "../helpers/auth";
import { callAction, callLoader, CookieJar, get, post } from "../helpers/http";

let addressCounter = 0;
const newAddress = () => `198.51.100.${++addressCounter}`;

/** A login POST through the real action from `address`, with the jar's cookies. */
async function attempt(jar: CookieJar, email: string, password: string, address: string) {
  const csrf = await getCsrf(jar);
  const result = await callAction(login.action, post("/login", { csrf, email, password }, { jar, headers: { "X-Forwarded-For": address } }));
  jar.absorb(result);
  return result;
}

describe("failed logins are counted before the password is checked", () => {
  test(`30 simultaneous wrong guesses: only ${MAX_ACCOUNT_FAILURES} get their password checked, the rest are refused with 429`, async () => {
    const user = await createTestUser();
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(new CookieJar(), user.email, `guess ${i}`, newAddress())));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(MAX_ACCOUNT_FAILURES);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - MAX_ACCOUNT_FAILURES);
    // Locked now, also for the right password from a browser that never signed in to this account.
    expect((await attempt(new CookieJar(), user.email, user.password, newAddress())).status).toBe(429);
  });
});

describe("per-address limit", () => {
  test(`after ${MAX_ADDRESS_FAILURES} failures from one address (across accounts) it is refused; other addresses are not`, async () => {
    const address = newAddress();
    const users = await Promise.all(Array.from({ length: 6 }, () => createTestUser()));
    let failures = 0;
    for (const user of users) {
      for (let i = 0; i < MAX_ACCOUNT_FAILURES - 1 && failures < MAX_ADDRESS_FAILURES; i++, failures++) {
        expect((await attempt(new CookieJar(), user.email, "wrong", address)).status).toBe(400);
      }
    }
    const fresh = await createTestUser();
    const refused = await attempt(new CookieJar(), fresh.email, fresh.password, address);
    expect(refused.status).toBe(429);
    expect(refused.data.errors).toEqual({ form: "errors.login.tooManyFromAddress" });
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await attempt(new CookieJar(), fresh.email, fresh.password, newAddress())).status).toBe(302);
  });
});

describe("the account lock slows an attacker without locking the owner out", () => {
  test("a browser that signed in to the account before may still sign in with the right password while it is locked", async () => {
    const owner = await createTestUser();
    const ownersBrowser = new CookieJar();
    expect((await attempt(ownersBrowser, owner.email, owner.password, newAddress())).status).toBe(302);
    expect(ownersBrowser.get("trag_device")).toBeTruthy();
    ownersBrowser.delete("trag_session"); // signed out later; the browser keeps its device cookie

    for (let i = 0; i < MAX_ACCOUNT_FAILURES; i++) await attempt(new CookieJar(), owner.email, `attacker ${i}`, newAddress());
    expect((await attempt(new CookieJar(), owner.email, owner.password, newAddress())).status).toBe(429);

    expect((await attempt(ownersBrowser, owner.email, owner.password, newAddress())).status).toBe(302);
    // The owner's success cleared the failures: a new browser gets in again too.
    expect((await attempt(new CookieJar(), owner.email, owner.password, newAddress())).status).toBe(302);
  });

  test("setting a new password from a reset link lifts the lock", async () => {
    const owner = await createTestUser();
    for (let i = 0; i < MAX_ACCOUNT_FAILURES; i++) await attempt(new CookieJar(), owner.email, `attacker ${i}`, newAddress());
    expect((await attempt(new CookieJar(), owner.email, owner.password, newAddress())).status).toBe(429);
    const now = new Date();
    const token = inTransaction((tx) => createUserToken(tx, { userId: owner.id, purpose: "password-reset", email: owner.email, now }));
    expect(await setPasswordFromLink(token, "a new password 2026", now)).toBe(owner.id);
    expect((await attempt(new CookieJar(), owner.email, "a new password 2026", newAddress())).status).toBe(302);
  });

  test("another account's device cookie does not lift the lock", async () => {
    const attacker = await createTestUser();
    const victim = await createTestUser();
    const attackersBrowser = new CookieJar();
    await attempt(attackersBrowser, attacker.email, attacker.password, newAddress());
    attackersBrowser.delete("trag_session");
    for (let i = 0; i < MAX_ACCOUNT_FAILURES; i++) await attempt(attackersBrowser, victim.email, `guess ${i}`, newAddress());
    expect((await attempt(attackersBrowser, victim.email, "guess again", newAddress())).status).toBe(429);
  });
});

describe("rate-limit keys are keyed hashes", () => {
  const plainHashes = (value: string) => [crypto.createHash("sha256").update(value).digest("base64url"), crypto.createHash("sha256").update(value).digest("hex")];

  test("login attempts store neither the email nor the address, nor a plain hash of either", async () => {
    const address = newAddress();
    await attempt(new CookieJar(), "someone@example.test", "wrong", address);
    const rows = getDb().select().from(loginAttempts).all();
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain("someone@example.test");
    expect(stored).not.toContain(address);
    for (const hash of [...plainHashes("someone@example.test"), ...plainHashes(address)]) expect(stored).not.toContain(hash.slice(0, 16));
  });

  test("verification look-ups store no plain hash of the address", async () => {
    const address = "192.0.2.77";
    const code = formatVerificationCode(generateVerificationCode(crypto.randomBytes(16)));
    await callLoader(verifyCode.loader, get(`/verify/${code}`, { headers: { "X-Forwarded-For": address } }), { code });
    const stored = JSON.stringify(getDb().select().from(verificationLookups).all());
    expect(stored).not.toContain(address);
    for (const hash of plainHashes(address)) expect(stored).not.toContain(hash.slice(0, 16));
    expect(getDb().select().from(verificationLookups).all().length).toBeGreaterThan(0);
  });
});
