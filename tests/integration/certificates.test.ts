import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import { beforeAll, describe, expect, test } from "vitest";
import { CertificateSnapshotSchema } from "~/certificates/snapshot";
import { formatVerificationCode, isWellFormedCode } from "~/certificates/verification-code";
import { findCourse, findModule } from "~/content/courses.server";
import type { Course } from "~/content/loader.server";
import { findCertificateByCode, MAX_VERIFY_LOOKUPS } from "~/models/certificates.server";
import { recordCompletions } from "~/models/completions.server";
import { markLessonComplete } from "~/models/progress.server";
import { markEmailVerified, setUserActive } from "~/models/users.server";
import { toPublicPartId } from "~/quiz/answer";
import { startAttempt, submitAnswer } from "~/quiz/attempts.server";
import { findQuestion, type Question } from "~/content/bank.schema";
import * as jwks from "~/routes/[.well-known].jwks[.json]";
import * as adminCertificates from "~/routes/admin.certificates";
import * as credentialRoute from "~/routes/certificates.$code.credential";
import * as pdfRoute from "~/routes/certificates.$code.pdf";
import * as quizAttemptRoute from "~/routes/courses.$courseId.$moduleId.quiz.$attemptId._index";
import * as issuerRoute from "~/routes/issuer";
import * as myLearning from "~/routes/my-learning";
import * as verifyCode from "~/routes/verify.$code";
import * as verifyIndex from "~/routes/verify._index";
import { getDb, inTransaction } from "~/utils/db.server";
import { createTestUser, getCsrf, postForm, signedIn, type TestUser } from "../helpers/auth";
import { callAction, callLoader, CookieJar, get, ORIGIN } from "../helpers/http";
import { completeCourse, COURSE_ID, lessonIds, passQuiz } from "../helpers/learning";
import { checkCredential } from "../helpers/verify";

let course: Course;

beforeAll(() => {
  course = findCourse(COURSE_ID)!;
  expect(course).toBeDefined();
});

const sqlite = () => getDb().$client;
const count = (table: string, userId: number) => (sqlite().prepare(`SELECT count(*) AS n FROM ${table} WHERE user_id = ?`).get(userId) as { n: number }).n;

/** The answer fields that score 1 for `question` in an attempt with this drawn order. */
function correctFields(question: Question, optionOrder: Record<string, string[]>): Array<[string, string]> {
  const pub = (bankId: string) => toPublicPartId((optionOrder[question.id] ?? []).indexOf(bankId));
  switch (question.type) {
    case "single":
    case "multiple":
      return question.options.filter((o) => o.correct).map((o) => ["option", pub(o.id)]);
    case "truefalse":
      return [["value", String(question.answer)]];
    case "matching":
      return question.pairs.map((pair) => [`match.${pair.id}`, pub(pair.id)]);
    case "ordering":
      return question.items.map((item, i) => [`position.${pub(item.id)}`, String(i + 1)]);
  }
}

/** Every lesson read, the timed quiz passed, and a basics attempt fully answered: only "finish" is left. */
function readyToFinish(userId: number) {
  const now = new Date();
  passQuiz(userId, "timed", 100, now);
  for (const lessonId of lessonIds()) markLessonComplete(userId, course, lessonId, now);
  const module = findModule(course, "basics")!;
  const scope = { userId, course, module };
  const attempt = startAttempt(scope, now);
  for (const questionId of attempt.questionIds) {
    const form = new FormData();
    for (const [name, value] of correctFields(findQuestion(module.bank!, questionId)!, attempt.optionOrder)) form.append(name, value);
    const revision = (sqlite().prepare("SELECT revision FROM quiz_attempts WHERE id = ?").get(attempt.id) as { revision: number }).revision;
    expect(submitAnswer(scope, { attemptId: attempt.id, revision, questionId, formData: form, advance: true }, now)).toEqual({ ok: true, finished: false });
  }
  const { revision } = sqlite().prepare("SELECT revision FROM quiz_attempts WHERE id = ?").get(attempt.id) as { revision: number };
  expect(count("course_completions", userId)).toBe(0);
  return { attemptId: attempt.id, revision };
}

/** Starts `node --import tsx certificates.race.ts` once per task and lets them all go at the same moment. */
async function race(tasks: object[]): Promise<Array<{ ok: boolean; courseCompleted?: boolean; status?: number }>> {
  const script = path.resolve("tests/integration/certificates.race.ts");
  const children = tasks.map((task) => spawn(process.execPath, ["--import", "tsx", script, JSON.stringify(task)], { env: process.env, stdio: ["pipe", "pipe", "pipe"] }));
  const lines = children.map((child) => {
    const stderr: string[] = [];
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
    const reader = readline.createInterface({ input: child.stdout });
    const queue: string[] = [];
    const waiting: Array<(line: string) => void> = [];
    reader.on("line", (line) => (waiting.length ? waiting.shift()!(line) : queue.push(line)));
    child.once("exit", (code) => code && waiting.splice(0).forEach((resolve) => resolve(`exit ${code}: ${stderr.join("")}`)));
    return () => new Promise<string>((resolve) => (queue.length ? resolve(queue.shift()!) : waiting.push(resolve)));
  });
  expect(await Promise.all(lines.map((next) => next()))).toEqual(tasks.map(() => "ready"));
  for (const child of children) child.stdin.write("go\n");
  const results = await Promise.all(lines.map((next) => next()));
  return results.map((line) => {
    try {
      return JSON.parse(line);
    } catch {
      throw new Error(`a racer failed: ${line}`);
    }
  });
}

describe("issuing", () => {
  test("completing the course issues one certificate in the same transaction, with a snapshot of what it certifies", async () => {
    const user = await createTestUser({ fullName: "Đorđe Šćepanović" });
    const at = new Date("2026-03-01T10:00:00Z");
    const certificate = completeCourse(user.id, at);
    expect(count("course_completions", user.id)).toBe(1);
    expect(count("certificates", user.id)).toBe(1);
    expect(isWellFormedCode(certificate.code)).toBe(true);
    expect(certificate.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{20}$/);
    expect(certificate.recipientSalt).toMatch(/^[0-9a-f]{32}$/);
    expect(certificate).toMatchObject({ courseId: COURSE_ID, courseVersion: course.version, issuedAt: at, version: 1, revokedAt: null, signedCredential: null });
    expect(CertificateSnapshotSchema.parse(certificate.snapshot)).toEqual({
      learner: { name: "Đorđe Šćepanović", email: user.email },
      course: { id: COURSE_ID, version: course.version, title: { en: "Fixture course", "sr-Latn": "Probni kurs" }, latinTerms: ["GRETA"] },
      modules: [
        { id: "basics", title: { en: "Basics", "sr-Latn": "Osnove" } },
        { id: "timed", title: { en: "Timed module", "sr-Latn": "Modul sa vremenom" } },
      ],
      scorePercent: 85,
      completedAt: at.toISOString(),
      issuer: { id: `${ORIGIN}/issuer`, name: "Trag", url: ORIGIN, names: { en: "Trag", "sr-Latn": "Trag" } },
    });
    const events = sqlite().prepare("SELECT kind, at, reason, actor_id AS actorId FROM certificate_events WHERE certificate_id = ?").all(certificate.id);
    expect(events).toEqual([{ kind: "issued", at: at.getTime(), reason: null, actorId: null }]);

    // Marking a lesson again, or any later write that re-checks completion, issues nothing more.
    markLessonComplete(user.id, course, lessonIds()[0]!, new Date());
    inTransaction((tx) => recordCompletions(tx, user.id, course, new Date()));
    expect(count("certificates", user.id)).toBe(1);
  });

  test("a crash inside the completion's transaction leaves neither a completion nor a certificate", async () => {
    const user = await createTestUser();
    passQuiz(user.id, "basics", 100, new Date());
    passQuiz(user.id, "timed", 100, new Date());
    const [last, ...others] = lessonIds().reverse();
    for (const lessonId of others) markLessonComplete(user.id, course, lessonId, new Date());
    expect(() =>
      inTransaction((tx) => {
        tx.$client.prepare("INSERT INTO lesson_progress (user_id, course_id, lesson_id, completed_at) VALUES (?, ?, ?, ?)").run(user.id, COURSE_ID, last, Date.now());
        expect(recordCompletions(tx, user.id, course, new Date()).courseCompleted).toBe(true);
        expect(count("certificates", user.id)).toBe(1);
        throw new Error("the process died here");
      }),
    ).toThrow("the process died here");
    expect(count("course_completions", user.id)).toBe(0);
    expect(count("certificates", user.id)).toBe(0);
  });

  test("the database refuses a certificate without its completion", async () => {
    const user = await createTestUser();
    expect(() =>
      sqlite()
        .prepare("INSERT INTO certificates (code, user_id, course_id, course_version, snapshot, recipient_salt, issued_at) VALUES (?, ?, ?, ?, '{}', ?, ?)")
        .run("23456789ABCDEFGHJKMN", user.id, COURSE_ID, course.version, "0".repeat(32), Date.now()),
    ).toThrow(/FOREIGN KEY/);
  });

  test("the last submission made twice at the same moment through the quiz page issues one certificate", async () => {
    const user = await createTestUser();
    const jar = await signedIn(user);
    const { attemptId, revision } = readyToFinish(user.id);
    const url = `/courses/${COURSE_ID}/basics/quiz/${attemptId}`;
    const params = { courseId: COURSE_ID, moduleId: "basics", attemptId: String(attemptId) };
    const csrf = await getCsrf(jar);
    const submit = () =>
      callAction(
        quizAttemptRoute.action,
        new Request(new URL(url, ORIGIN), {
          method: "POST",
          headers: { Cookie: jar.header(), "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ csrf, intent: "finish", revision: String(revision) }),
        }),
        params,
      );
    const outcomes = await Promise.all([submit(), submit()]);
    expect(outcomes.map((o) => o.status).sort()).toEqual([302, 409]);
    expect(count("course_completions", user.id)).toBe(1);
    expect(count("certificates", user.id)).toBe(1);
  });

  test("the last submission made twice at once from two processes (two connections) issues one certificate", async () => {
    const user = await createTestUser();
    const { attemptId, revision } = readyToFinish(user.id);
    const task = { kind: "finish", userId: user.id, courseId: COURSE_ID, moduleId: "basics", attemptId, revision };
    const results = await race([task, task]);
    expect(results.filter((r) => r.ok)).toEqual([{ ok: true, courseCompleted: true }]);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, status: 409 }]);
    expect(count("course_completions", user.id)).toBe(1);
    expect(count("certificates", user.id)).toBe(1);
    expect((sqlite().prepare("SELECT count(*) AS n FROM certificate_events e JOIN certificates c ON c.id = e.certificate_id WHERE c.user_id = ?").get(user.id) as { n: number }).n).toBe(1);
  }, 60_000);

  test("the last lesson marked complete twice at once from two processes issues one certificate", async () => {
    const user = await createTestUser();
    passQuiz(user.id, "basics", 100, new Date());
    passQuiz(user.id, "timed", 100, new Date());
    const [last, ...others] = lessonIds().reverse();
    for (const lessonId of others) markLessonComplete(user.id, course, lessonId, new Date());
    const task = { kind: "lesson", userId: user.id, courseId: COURSE_ID, lessonId: last };
    const results = await race([task, task]);
    expect(results.map((r) => r.courseCompleted).sort()).toEqual([false, true]);
    expect(count("course_completions", user.id)).toBe(1);
    expect(count("certificates", user.id)).toBe(1);
  }, 60_000);
});

// ---------------------------------------------------------------------------------------

async function extractText(bytes: Uint8Array) {
  const document = await pdfjs.getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const content = await (await document.getPage(1)).getTextContent();
  const info = (await document.getMetadata()).info as Record<string, unknown>;
  return { text: content.items.map((item) => ("str" in item ? item.str : "")).join("\n"), info };
}

async function downloadPdf(jar: CookieJar, code: string, query = "") {
  const response = (await pdfRoute.loader({ request: get(`/certificates/${code}/pdf${query}`, { jar }), params: { code }, context: {} })) as Response;
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

describe("downloads", () => {
  let latinLearner: TestUser;
  let cyrillicLearner: TestUser;
  let latinCode: string;
  let cyrillicCode: string;

  beforeAll(async () => {
    latinLearner = await createTestUser({ fullName: "Đorđe Šćepanović", language: "sr-Latn" });
    cyrillicLearner = await createTestUser({ fullName: "Јелена Петровић", language: "sr-Cyrl" });
    latinCode = formatVerificationCode(completeCourse(latinLearner.id).code);
    cyrillicCode = formatVerificationCode(completeCourse(cyrillicLearner.id).code);
  });

  test("the PDF is in the learner's language and script, with the name as written (Latin with diacritics)", async () => {
    const jar = await signedIn(latinLearner);
    const { response, bytes } = await downloadPdf(jar, latinCode);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="trag-certificate-${latinCode}.pdf"`);
    const { text, info } = await extractText(bytes);
    for (const expected of ["Đorđe Šćepanović", "Uverenje o završenoj obuci", "Probni kurs", "Osnove", "Modul sa vremenom", "85%", "1. marta 2026.", latinCode, `${ORIGIN}/verify/${latinCode}`]) {
      expect(text).toContain(expected);
    }
    expect(info).toMatchObject({ Title: "Uverenje o završenoj obuci: Đorđe Šćepanović", Language: "sr-Latn", Subject: "Probni kurs" });
  });

  test("the PDF in Cyrillic shows the name and the generated text in Cyrillic; other languages on request", async () => {
    const jar = await signedIn(cyrillicLearner);
    const cyrillic = await extractText((await downloadPdf(jar, cyrillicCode)).bytes);
    for (const expected of ["Јелена Петровић", "Уверење о завршеној обуци", "Пробни курс", "Основе", "1. марта 2026.", cyrillicCode]) expect(cyrillic.text).toContain(expected);
    expect(cyrillic.info).toMatchObject({ Title: "Уверење о завршеној обуци: Јелена Петровић", Language: "sr-Cyrl" });

    // In English her name is in Latin with diacritics, with the name as she wrote it beneath.
    const english = await extractText((await downloadPdf(jar, cyrillicCode, "?language=en")).bytes);
    for (const expected of ["Jelena Petrović", "Јелена Петровић", "Certificate of completion", "Fixture course", "Timed module", "1 March 2026"]) expect(english.text).toContain(expected);
    expect(english.info).toMatchObject({ Title: "Certificate of completion: Jelena Petrović", Language: "en" });

    // A Latin name on a Cyrillic certificate: in Cyrillic, and as written.
    const latinJar = await signedIn(latinLearner);
    const latinInCyrillic = await extractText((await downloadPdf(latinJar, latinCode, "?language=sr-Cyrl")).bytes);
    for (const expected of ["Ђорђе Шћепановић", "Đorđe Šćepanović", "Уверење о завршеној обуци"]) expect(latinInCyrillic.text).toContain(expected);
  });

  // Generation time is measured by `npm run bench` (certificate_pdf), not asserted in a test.
  test("the PDF is under 200 KB", async () => {
    const jar = await signedIn(latinLearner);
    const { bytes } = await downloadPdf(jar, latinCode);
    expect(bytes.length).toBeLessThan(200 * 1024);
  });

  test("only the holder (or an admin) can download; others get 404 and visitors are sent to log in", async () => {
    const other = await signedIn(await createTestUser());
    await expect(callLoader(pdfRoute.loader, get(`/certificates/${latinCode}/pdf`, { jar: other }), { code: latinCode })).resolves.toMatchObject({ status: 404, thrown: true });
    await expect(callLoader(credentialRoute.loader, get(`/certificates/${latinCode}/credential`, { jar: other }), { code: latinCode })).resolves.toMatchObject({ status: 404, thrown: true });
    await expect(callLoader(pdfRoute.loader, get(`/certificates/${latinCode}/pdf`), { code: latinCode })).resolves.toMatchObject({ status: 302, location: expect.stringMatching(/^\/login/) });
    const admin = await signedIn(await createTestUser({ role: "admin" }));
    expect((await downloadPdf(admin, latinCode)).response.status).toBe(200);
  });

  test("My learning lists the learner's certificates with their links", async () => {
    const jar = await signedIn(latinLearner);
    const result = await callLoader(myLearning.loader, get("/my-learning", { jar }));
    expect(result.data.certificates).toEqual([
      expect.objectContaining({ code: latinCode, status: "valid", courseTitle: "Probni kurs", learnerName: "Đorđe Šćepanović", completedOn: "1. marta 2026.", score: "85%" }),
    ]);
  });
});

// ---------------------------------------------------------------------------------------

/** A different client address per test, so the rate limit of one test does not reach another. */
let clientCounter = 0;
const nextClient = () => ({ "X-Forwarded-For": `203.0.113.${++clientCounter}` });

async function openVerifyPage(code: string, headers = nextClient()) {
  return callLoader(verifyCode.loader, get(`/verify/${code}`, { headers }), { code });
}

const outcomes = (report: { checks: Array<{ id: string; status: string }> }) => Object.fromEntries(report.checks.map((c) => [c.id, c.status]));

describe("verification", () => {
  let holder: TestUser;
  let code: string;
  let credential: string;

  beforeAll(async () => {
    holder = await createTestUser({ fullName: "Marija Kovačević", email: `marija-${process.pid}@example.test` });
    code = formatVerificationCode(completeCourse(holder.id).code);
    const result = await callLoader(credentialRoute.loader, get(`/certificates/${code}/credential`, { jar: await signedIn(holder) }), { code });
    expect(result.headers.get("Content-Type")).toBe("application/ld+json; charset=utf-8");
    credential = result.data;
  });

  test("the signed credential is an OpenBadgeCredential with an eddsa-rdfc-2022 proof and no email in it", async () => {
    const document = JSON.parse(credential);
    expect(document).toMatchObject({
      id: `${ORIGIN}/verify/${code}`,
      type: ["VerifiableCredential", "OpenBadgeCredential"],
      issuer: { id: `${ORIGIN}/issuer`, name: "Trag" },
      validFrom: "2026-03-01T10:00:00Z",
      proof: { type: "DataIntegrityProof", cryptosuite: "eddsa-rdfc-2022", proofPurpose: "assertionMethod", verificationMethod: `${ORIGIN}/issuer#key-1`, created: "2026-03-01T10:00:00Z" },
    });
    expect(credential).not.toContain(holder.email);
    expect(document.credentialSubject.identifier[0]).toMatchObject({ identityType: "emailAddress", hashed: true, identityHash: expect.stringMatching(/^sha256\$[0-9a-f]{64}$/) });
    // Reproducible: kept after the first signing, and signing again gives the same bytes.
    const again = await callLoader(credentialRoute.loader, get(`/certificates/${code}/credential`, { jar: await signedIn(holder) }), { code });
    expect(again.data).toBe(credential);
  });

  test("the public page says valid, with name, course, date and score, without logging in", async () => {
    const result = await openVerifyPage(code);
    expect(result.status).toBe(200);
    expect(result.headers.get("Cache-Control")).toBe("no-store");
    expect(result.data.view).toMatchObject({ code, status: "valid", learnerName: "Marija Kovačević", courseTitle: "Fixture course", completedOn: "1 March 2026", score: "85%", issuerName: "Trag" });
    expect(result.data.view.history).toEqual([{ kind: "issued", on: "1 March 2026", reason: null }]);
  });

  test("codes match whatever the case, spaces and dashes; the typed form on /verify leads to the page", async () => {
    const bare = code.replace(/-/g, "");
    const loose = `${bare.slice(0, 7).toLowerCase()} ${bare.slice(7, 13)}–${bare.slice(13).toLowerCase()}`;
    expect(await callLoader(verifyCode.loader, get(`/verify/${encodeURIComponent(loose)}`, { headers: nextClient() }), { code: loose })).toMatchObject({ status: 301, location: `/verify/${code}` });
    expect(await callLoader(verifyIndex.loader, get(`/verify?code=${encodeURIComponent(loose)}`))).toMatchObject({ status: 302, location: `/verify/${code}` });
    expect(await callLoader(verifyIndex.loader, get("/verify?code=not-a-code"))).toMatchObject({ status: 400, data: { codeError: "certificates.verify.codeInvalid" } });
  });

  test("an unknown or ill-formed code gets a 404 that says so", async () => {
    const unknown = "2222-2222-2222-2222-2222";
    expect(findCertificateByCode(unknown)).toBeUndefined();
    expect(await openVerifyPage(unknown)).toMatchObject({ status: 404, thrown: true, data: "certificates.errors.unknown" });
    expect(await openVerifyPage("HELLO")).toMatchObject({ status: 404, thrown: true });
  });

  test(`guessing is rate-limited: ${MAX_VERIFY_LOOKUPS} look-ups a minute per client, then 429 with Retry-After`, async () => {
    const client = nextClient();
    for (let i = 0; i < MAX_VERIFY_LOOKUPS; i++) expect((await openVerifyPage(`2222-2222-2222-2222-${String((i % 8) + 2).repeat(4)}`, client)).status).toBe(404);
    const refused = await openVerifyPage(code, client);
    expect(refused).toMatchObject({ status: 429, thrown: true, data: "certificates.errors.tooManyBody" });
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await checkCredential(credential, { headers: client })).status).toBe(429);
    expect((await openVerifyPage(code)).status).toBe(200);
  });

  test("a pasted credential passes every check through the verify page; uploaded as a file too", async () => {
    const pasted = await checkCredential(credential, { email: holder.email.toUpperCase() });
    expect(pasted.status).toBe(200);
    const report = pasted.data.report;
    expect(report.verdict).toBe("verified");
    expect(report.record).toEqual({ kind: "current", code });
    expect(outcomes(report)).toEqual({
      "conformance.json": "pass",
      "conformance.context": "pass",
      "conformance.type": "pass",
      "conformance.schema": "pass",
      "conformance.subject": "pass",
      "conformance.terms": "pass",
      "proof.present": "pass",
      "proof.issuerKey": "pass",
      "proof.signature": "pass",
      "refresh.service": "skip",
      "status.revocation": "pass",
      "status.validFrom": "pass",
      "status.validUntil": "pass",
      "recipient.identity": "pass",
      "endorsement.verify": "skip",
    });
    expect(report.differences).toEqual([]);
    const uploaded = await checkCredential(credential, { asFile: true });
    expect(uploaded.data.report.verdict).toBe("verified");
    expect(uploaded.data.checked).toEqual({ kind: "file", name: "credential.json" });
    expect(outcomes(uploaded.data.report)["recipient.identity"]).toBe("skip");
  });

  test("a tampered credential, a wrong email or something that is not a credential fails", async () => {
    const tampered = JSON.parse(credential);
    tampered.credentialSubject.identifier[1].identityHash = "Someone Else";
    const altered = await checkCredential(JSON.stringify(tampered));
    expect(altered.data.report.verdict).toBe("notVerified");
    expect(outcomes(altered.data.report)["proof.signature"]).toBe("fail");
    // What differs from the record it names, field by field.
    expect(altered.data.report.differences).toEqual([{ path: "credentialSubject.identifier[1].identityHash", field: "name", presented: "Someone Else", recorded: holder.fullName }]);
    expect(altered.data.checked).toEqual({ kind: "text" });

    const wrongEmail = await checkCredential(credential, { email: "someone@example.test" });
    expect(wrongEmail.data.report.verdict).toBe("notVerified");
    expect(outcomes(wrongEmail.data.report)["recipient.identity"]).toBe("fail");

    const garbage = await checkCredential("this is not JSON");
    expect(garbage.data.report).toMatchObject({ verdict: "notVerified", record: { kind: "unknown" } });
    expect(outcomes(garbage.data.report)["conformance.json"]).toBe("fail");

    // A file and pasted text together: one at a time, and nothing is checked.
    const both = await checkCredential(credential, { asFile: true, alsoPasted: JSON.stringify(tampered) });
    expect(both).toMatchObject({ status: 400, data: { errors: { credential: "certificates.verify.credentialBoth" }, report: null } });

    const empty = await checkCredential("  ");
    expect(empty).toMatchObject({ status: 400, data: { errors: { credential: "certificates.verify.credentialMissing" } } });
    const badEmail = await checkCredential(credential, { email: "not an address" });
    expect(badEmail).toMatchObject({ status: 400, data: { errors: { email: "certificates.verify.emailInvalid" } } });
  });

  test("the recipient check on the code's page matches only the holder's email, and vouches for it only once the holder confirmed it", async () => {
    const jar = new CookieJar();
    const check = async (email: string) =>
      callAction(
        verifyCode.action,
        await postForm(`/verify/${code}`, { intent: "recipient", email }, jar).then((r) => new Request(r, { headers: { ...Object.fromEntries(r.headers), ...nextClient() } })),
        { code },
      );
    expect(await check(` ${holder.email.toUpperCase()} `)).toMatchObject({ status: 200, data: { recipient: "unconfirmed" } });
    expect(await check("other@example.test")).toMatchObject({ status: 200, data: { recipient: "noMatch" } });
    inTransaction((tx) => markEmailVerified(tx, holder.id, new Date()));
    expect(await check(` ${holder.email.toUpperCase()} `)).toMatchObject({ status: 200, data: { recipient: "match" } });
    expect(await check("other@example.test")).toMatchObject({ status: 200, data: { recipient: "noMatch" } });
  });

  test("the issuer profile and the JWKS publish the key that signed the credential", async () => {
    const profile = (await callLoader(issuerRoute.loader, get("/issuer"))) as { status: number; headers: Headers; data: string };
    expect(profile.headers.get("Content-Type")).toBe("application/ld+json; charset=utf-8");
    const body = JSON.parse(profile.data);
    expect(body).toMatchObject({
      id: `${ORIGIN}/issuer`,
      type: ["Profile"],
      name: "Trag",
      url: ORIGIN,
      assertionMethod: [{ id: `${ORIGIN}/issuer#key-1`, type: "Multikey", controller: `${ORIGIN}/issuer` }],
    });
    const keySet = await callLoader(jwks.loader, get("/.well-known/jwks.json"));
    expect(keySet.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(keySet.data).toEqual({ keys: [{ kty: "OKP", crv: "Ed25519", x: expect.any(String), kid: `${ORIGIN}/issuer#key-1`, alg: "EdDSA", use: "sig" }] });
    const keyFile = path.join(process.env.DATA_DIR!, "issuer-key.json");
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(keyFile, "utf8")).publicKeyMultibase).toBe(body.assertionMethod[0].publicKeyMultibase);
  });
});

// ---------------------------------------------------------------------------------------

describe("revoking and reissuing", () => {
  let admin: TestUser;
  let adminJar: CookieJar;

  beforeAll(async () => {
    admin = await createTestUser({ role: "admin", fullName: "Ada Admin" });
    adminJar = await signedIn(admin);
  });

  const adminAction = async (fields: Record<string, string>, jar = adminJar) => callAction(adminCertificates.action, await postForm("/admin/certificates", fields, jar));

  test("only admins may see the page or change certificates", async () => {
    const learner = await signedIn(await createTestUser());
    expect(await callLoader(adminCertificates.loader, get("/admin/certificates", { jar: learner }))).toMatchObject({ status: 403, thrown: true });
    expect(await adminAction({ intent: "revoke", code: "2222-2222-2222-2222-2222", reason: "x" }, learner)).toMatchObject({ status: 403, thrown: true });
  });

  test("a revoked certificate reads 'revoked' with date and reason, on its page and for its credential", async () => {
    const holder = await createTestUser({ fullName: "Petar Petrović" });
    const code = formatVerificationCode(completeCourse(holder.id).code);
    const credential = (await callLoader(credentialRoute.loader, get(`/certificates/${code}/credential`, { jar: await signedIn(holder) }), { code })).data as string;

    expect(await adminAction({ intent: "revoke", code, reason: "  " })).toMatchObject({ status: 400, data: { error: "certificates.admin.reasonRequired" } });
    const revoked = await adminAction({ intent: "revoke", code: code.toLowerCase(), reason: "Issued in error" });
    expect(revoked).toMatchObject({ status: 200, data: { done: "certificates.admin.revoked", code } });
    expect(await adminAction({ intent: "revoke", code, reason: "Again" })).toMatchObject({ status: 409, data: { error: "certificates.admin.alreadyRevoked" } });
    expect(await adminAction({ intent: "revoke", code: "2222-2222-2222-2222-2222", reason: "x" })).toMatchObject({ status: 404, thrown: true });

    const page = await openVerifyPage(code);
    expect(page.data.view).toMatchObject({ status: "revoked", revocationReason: "Issued in error", revokedOn: expect.any(String) });
    expect(page.data.view.history.map((e: { kind: string; reason: string | null }) => [e.kind, e.reason])).toEqual([
      ["issued", null],
      ["revoked", "Issued in error"],
    ]);
    expect(page.data.view.history[1]).not.toHaveProperty("actorName");

    const report = (await checkCredential(credential)).data.report;
    expect(report.verdict).toBe("revoked");
    expect(report.checks.find((c: { id: string }) => c.id === "status.revocation")).toMatchObject({
      status: "fail",
      messageKey: "certificates.report.checks.status.revocation.fail",
      values: { reason: "Issued in error" },
    });

    const adminPage = await callLoader(adminCertificates.loader, get(`/admin/certificates?q=${code}`, { jar: adminJar }));
    expect(adminPage.data.certificates).toHaveLength(1);
    expect(adminPage.data.certificates[0].history[1]).toMatchObject({ kind: "revoked", actorName: "Ada Admin" });
  });

  test("reissuing after a name correction keeps the code, takes the new name and supersedes the old credential", async () => {
    const holder = await createTestUser({ fullName: "Ivan Jovanovic" });
    const code = formatVerificationCode(completeCourse(holder.id).code);
    const holderJar = await signedIn(holder);
    const download = async () => (await callLoader(credentialRoute.loader, get(`/certificates/${code}/credential`, { jar: holderJar }), { code })).data as string;
    const before = await download();

    sqlite().prepare("UPDATE users SET full_name = ? WHERE id = ?").run("Ivan Jovanović", holder.id);
    expect(await adminAction({ intent: "reissue", code, reason: "Name corrected" })).toMatchObject({ status: 200, data: { done: "certificates.admin.reissued" } });

    const page = await openVerifyPage(code);
    expect(page.data.view).toMatchObject({ code, status: "valid", learnerName: "Ivan Jovanović", version: 2 });
    expect(page.data.view.history.map((e: { kind: string }) => e.kind)).toEqual(["issued", "reissued"]);

    const after = await download();
    expect(JSON.parse(after).id).toBe(JSON.parse(before).id);
    expect(after).toContain("Ivan Jovanović");
    expect((await checkCredential(after)).data.report.verdict).toBe("verified");
    const old = (await checkCredential(before)).data.report;
    expect(old).toMatchObject({ verdict: "notVerified", record: { kind: "superseded", code } });
    expect(outcomes(old)).toMatchObject({ "proof.signature": "pass", "status.revocation": "fail" });

    // Reissuing a revoked certificate makes it valid again; the history keeps every step.
    await adminAction({ intent: "revoke", code, reason: "Wrong course" });
    await adminAction({ intent: "reissue", code, reason: "Revoked by mistake" });
    const final = await openVerifyPage(code);
    expect(final.data.view.status).toBe("valid");
    expect(final.data.view.history.map((e: { kind: string }) => e.kind)).toEqual(["issued", "reissued", "revoked", "reissued"]);
  });

  test("a deactivated holder's certificate stays valid and verifiable", async () => {
    const holder = await createTestUser();
    const code = formatVerificationCode(completeCourse(holder.id).code);
    setUserActive(holder.id, false);
    expect((await openVerifyPage(code)).data.view.status).toBe("valid");
  });
});
