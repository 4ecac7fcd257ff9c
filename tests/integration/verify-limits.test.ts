/**
 * The public verification page's bounds (issue 13): a presented credential larger than the size
 * limit or holding too many values is refused before it is read further, and verification runs in
 * the verifier's worker pool, which refuses at once when its queue is full and abandons a
 * verification that runs past its timeout. A worker that never answers stands in for a slow
 * credential, so that nothing here depends on how fast the machine is.
 */
import path from "node:path";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { formatVerificationCode } from "~/certificates/verification-code";
import { configureVerifierPool, MAX_CREDENTIAL_BYTES, MAX_CREDENTIAL_VALUES } from "~/certificates/verifier-pool.server";
import * as credentialRoute from "~/routes/certificates.$code.credential";
import * as verifyCode from "~/routes/verify.$code";
import { createTestUser, getCsrf, postForm, signedIn } from "../helpers/auth";
import { callAction, callLoader, CookieJar, get, ORIGIN } from "../helpers/http";
import { fetchApp } from "../helpers/app";
import { completeCourse } from "../helpers/learning";
import { TEST_VERIFIER_POOL } from "../helpers/verifier-pool";
import { checkCredential, nextClient } from "../helpers/verify";

const NEVER_ANSWERS = path.resolve("tests/fixtures/workers/never-answers.mjs");

let credential: string;
let code: string;
beforeAll(async () => {
  const holder = await createTestUser({ fullName: "Ana Petrović" });
  code = formatVerificationCode(completeCourse(holder.id).code);
  credential = (await callLoader(credentialRoute.loader, get(`/certificates/${code}/credential`, { jar: await signedIn(holder) }), { code })).data;
});

afterEach(() => configureVerifierPool(TEST_VERIFIER_POOL));

/** The credential with `count` more results: each is an object, its type list and its strings (4 values). */
function withResults(count: number) {
  const document = JSON.parse(credential);
  for (let i = 0; i < count; i++) document.credentialSubject.result.push({ type: ["Result"], value: String(i % 10) });
  return JSON.stringify(document);
}

describe("a presented credential is bounded before it is checked", () => {
  test("one larger than the limit answers 413 and says so on the page", async () => {
    const document = JSON.parse(credential);
    document.name = "x".repeat(MAX_CREDENTIAL_BYTES);
    const result = await checkCredential(JSON.stringify(document));
    expect(result).toMatchObject({ status: 413, thrown: false, data: { errors: { credential: "certificates.verify.credentialTooLarge" }, report: null } });
  });

  test("one with too many values answers 400 and says so; one just within the limits is checked", async () => {
    const count = (value: unknown): number => 1 + (typeof value === "object" && value !== null ? Object.values(value).reduce((sum: number, child) => sum + count(child), 0) : 0);
    const base = count(JSON.parse(credential));
    const within = withResults(Math.floor((MAX_CREDENTIAL_VALUES - base) / 4));
    const over = withResults(Math.floor((MAX_CREDENTIAL_VALUES - base) / 4) + 1);
    expect(Buffer.byteLength(over)).toBeLessThan(MAX_CREDENTIAL_BYTES);

    const refused = await checkCredential(over);
    expect(refused).toMatchObject({ status: 400, thrown: false, data: { errors: { credential: "certificates.verify.credentialTooComplex" }, report: null } });
    // Within the limits: checked, and (the results were added after signing) its signature fails.
    const checked = await checkCredential(within);
    expect(checked.status).toBe(200);
    expect(checked.data.report.verdict).toBe("notVerified");
    expect(checked.data.report.checks.find((check: { id: string }) => check.id === "proof.signature").status).toBe("fail");
  });
});

describe("verification runs in the verifier's worker pool", () => {
  test("a verification past its timeout is abandoned: 503, the page says it could not complete, and the slot is free again", async () => {
    await configureVerifierPool({ filename: NEVER_ANSWERS, threads: 1, maxQueue: 0, timeoutMs: 50 });
    for (let i = 0; i < 2; i++) {
      const result = await checkCredential(credential);
      expect(result).toMatchObject({ status: 503, thrown: true, data: "certificates.verify.notCompleted" });
    }
    // The page as the browser gets it, in the visitor's language.
    const jar = new CookieJar();
    const form = new FormData();
    form.set("csrf", await getCsrf(jar));
    form.set("intent", "credential");
    form.set("credential", credential);
    const headers = { Cookie: jar.header(), "Accept-Language": "sr-Latn" };
    const page = await fetchApp(new Request(new URL("/verify", ORIGIN), { method: "POST", headers, body: form }), nextClient()["X-Forwarded-For"]);
    expect(page.status).toBe(503);
    const html = await page.text();
    expect(html).toContain("Privremeno nedostupno");
    expect(html).toContain("Kredencijal nije mogao da se proveri");
  });

  test("with its queue full, a verification is refused at once: 503 with Retry-After, and the page says so", async () => {
    await configureVerifierPool({ filename: NEVER_ANSWERS, threads: 1, maxQueue: 1, timeoutMs: 600_000 });
    const checks = [checkCredential(credential), checkCredential(credential), checkCredential(credential)];
    // Two are held by a worker that never answers; the third cannot wait.
    const refused = await Promise.race(checks);
    expect(refused).toMatchObject({ status: 503, thrown: true, data: "certificates.verify.busy" });
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Closing the pool ends the two held ones: they could not complete.
    await configureVerifierPool(TEST_VERIFIER_POOL);
    const outcomes = await Promise.all(checks);
    expect(outcomes.filter((outcome) => outcome.data === "certificates.verify.notCompleted")).toHaveLength(2);
  });

  test("the recipient check on a code's page verifies in the pool too: 503 when it could not complete", async () => {
    await configureVerifierPool({ filename: NEVER_ANSWERS, timeoutMs: 50 });
    const request = await postForm(`/verify/${code}`, { intent: "recipient", email: "someone@example.test" }, new CookieJar());
    const headers = new Headers(request.headers);
    headers.set("X-Forwarded-For", nextClient()["X-Forwarded-For"]);
    const result = await callAction(verifyCode.action, new Request(request, { headers }), { code });
    expect(result).toMatchObject({ status: 503, thrown: true, data: "certificates.verify.notCompleted" });
  });

  test("after the pool was closed, the next verification starts it again and a valid credential verifies", async () => {
    await configureVerifierPool({ filename: NEVER_ANSWERS, timeoutMs: 50 });
    expect((await checkCredential(credential)).status).toBe(503);
    await configureVerifierPool(TEST_VERIFIER_POOL);
    const result = await checkCredential(credential);
    expect(result.status).toBe(200);
    expect(result.data.report.verdict).toBe("verified");
  });
});
