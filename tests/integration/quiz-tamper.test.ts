import { beforeAll, describe, expect, test } from "vitest";
import { QuizError, finishAttempt, startAttempt, submitAnswer } from "~/quiz/attempts.server";
import * as overviewRoute from "~/routes/courses.$courseId.$moduleId.quiz._index";
import * as attemptRoute from "~/routes/courses.$courseId.$moduleId.quiz.$attemptId._index";
import { createTestUser, getCsrf, signedIn, type TestUser } from "../helpers/auth";
import { callAction, callLoader, CookieJar, get, post, type Outcome } from "../helpers/http";
import {
  answerFields,
  bankQuestion,
  COURSE_ID,
  drawnQuestion,
  fixtureModule,
  openAttempt,
  openReview,
  postAnswer,
  postAttempt,
  postStart,
  quizPaths,
  quizScopeFor,
  quizTables,
  reloadAttempt,
  seedDrawing,
  toFormData,
  toSearchParams,
} from "../helpers/quiz";

// Every refused request: the right status, no 500, and not one row of the quiz or completion tables changed.

async function expectRefused(request: () => Promise<Outcome>, status: number, message?: string): Promise<Outcome> {
  const before = quizTables();
  const result = await request();
  expect(result.status).toBe(status);
  if (message !== undefined) expect(result.data).toEqual(message);
  expect(quizTables()).toEqual(before);
  return result;
}

/** An answer form that does not fit: a 400 with the question type's message, nothing saved. */
async function expectBadAnswer(request: () => Promise<Outcome>, questionId: string, type: string) {
  const result = await expectRefused(request, 400);
  expect(result.data).toEqual({ error: `quiz.answerErrors.${type}`, questionId });
}

const ALL_TYPES = ["single", "multiple", "truefalse", "matching", "ordering"] as const;

describe("tampered quiz requests", () => {
  let alice: TestUser;
  let aliceJar: CookieJar;
  let bobJar: CookieJar;
  /** Alice's deferred attempt holding one question of every type. */
  let attemptId: number;

  beforeAll(async () => {
    alice = await createTestUser();
    aliceJar = await signedIn(alice);
    bobJar = await signedIn(await createTestUser());
    attemptId = startAttempt(quizScopeFor(alice.id, "basics"), new Date(), seedDrawing("basics", [...ALL_TYPES])).id;
  });

  const attempt = () => reloadAttempt(attemptId);
  const revision = () => String(attempt().revision);
  const questionOf = (type: (typeof ALL_TYPES)[number]) => drawnQuestion("basics", attempt(), type).question;

  describe("CSRF and sign-in", () => {
    test("a POST without a CSRF token is refused with 403", async () => {
      const question = questionOf("single");
      const fields = { intent: "save", questionId: question.id, revision: revision(), ...answerFields(question, attempt(), true) };
      await expectRefused(
        () =>
          callAction(attemptRoute.action, post(quizPaths("basics", attemptId).attempt, toSearchParams(fields), { jar: aliceJar }), {
            courseId: COURSE_ID,
            moduleId: "basics",
            attemptId: String(attemptId),
          }),
        403,
        "errors.form.csrf",
      );
    });

    test("an empty or someone else's CSRF token is refused with 403", async () => {
      const question = questionOf("single");
      const fields = { intent: "save", questionId: question.id, revision: revision(), ...answerFields(question, attempt(), true) };
      await expectRefused(() => postAttempt(aliceJar, "basics", attemptId, { ...fields, csrf: "" }), 403, "errors.form.csrf");
      const bobsToken = await getCsrf(bobJar);
      await expectRefused(() => postAttempt(aliceJar, "basics", attemptId, { ...fields, csrf: bobsToken }), 403, "errors.form.csrf");
    });

    test("a visitor who is not signed in is sent to log in", async () => {
      const result = await expectRefused(() => postAttempt(new CookieJar(), "basics", attemptId, { intent: "finish", revision: revision() }), 302);
      expect(result.location).toMatch(/^\/login\?redirectTo=/);
    });

    test("starting an attempt without a CSRF token or without the start intent is refused", async () => {
      const jar = await signedIn(await createTestUser());
      await expectRefused(() => postStart(jar, "basics", { intent: "begin" }), 400, "errors.form.invalid");
      await expectRefused(() => postStart(jar, "basics", { intent: "start", csrf: "forged" }), 403, "errors.form.csrf");
    });
  });

  describe("malformed and oversized payloads", () => {
    test("an unknown, missing or malformed intent is a 400", async () => {
      await expectRefused(() => postAttempt(aliceJar, "basics", attemptId, {}), 400, "errors.form.invalid");
      await expectRefused(() => postAttempt(aliceJar, "basics", attemptId, { intent: "explode" }), 400, "errors.form.invalid");
      await expectRefused(() => postAttempt(aliceJar, "basics", attemptId, { intent: "goto:x" }), 400, "errors.form.invalid");
      await expectRefused(() => postAttempt(aliceJar, "basics", attemptId, { intent: "goto:-1" }), 400, "errors.form.invalid");
      await expectRefused(() => postAttempt(aliceJar, "basics", attemptId, { intent: "goto:100000" }), 400, "errors.form.invalid");
    });

    test("a save without a question or with a malformed revision is a 400", async () => {
      const question = questionOf("single");
      const answer = answerFields(question, attempt(), true);
      await expectRefused(() => postAttempt(aliceJar, "basics", attemptId, { intent: "save", revision: revision(), ...answer }), 400, "errors.form.invalid");
      await expectRefused(() => postAttempt(aliceJar, "basics", attemptId, { intent: "save", questionId: question.id, revision: "abc", ...answer }), 400, "errors.form.invalid");
      await expectRefused(() => postAttempt(aliceJar, "basics", attemptId, { intent: "save", questionId: question.id, revision: "-1", ...answer }), 400, "errors.form.invalid");
      await expectRefused(() => postAttempt(aliceJar, "basics", attemptId, { intent: "save", questionId: "q".repeat(101), revision: revision(), ...answer }), 400, "errors.form.invalid");
      await expectRefused(() => postAttempt(aliceJar, "basics", attemptId, { intent: "finish" }), 400, "errors.form.invalid");
    });

    test("an attempt id that is not a number is a 404", async () => {
      for (const id of ["abc", "1e3", "0x10", "-1", "9".repeat(20)]) {
        await expectRefused(() => postAttempt(aliceJar, "basics", id, { intent: "next" }), 404, "quiz.errors.unknownAttempt");
        await expectRefused(() => openAttempt(aliceJar, "basics", id), 404, "quiz.errors.unknownAttempt");
      }
    });

    test("answers that do not fit the question are a 400 and nothing is saved", async () => {
      const base = (type: (typeof ALL_TYPES)[number]) => ({ intent: "save", questionId: questionOf(type).id, revision: revision() });
      const single = questionOf("single");
      // No choice; a part id that was not drawn; the authored option id instead of the public one.
      await expectBadAnswer(() => postAttempt(aliceJar, "basics", attemptId, base("single")), single.id, "single");
      await expectBadAnswer(() => postAttempt(aliceJar, "basics", attemptId, { ...base("single"), option: "p99" }), single.id, "single");
      await expectBadAnswer(() => postAttempt(aliceJar, "basics", attemptId, { ...base("single"), option: "a" }), single.id, "single");
      // Another type's fields.
      await expectBadAnswer(() => postAttempt(aliceJar, "basics", attemptId, { ...base("single"), value: "true" }), single.id, "single");

      const multiple = questionOf("multiple");
      await expectBadAnswer(() => postAttempt(aliceJar, "basics", attemptId, { ...base("multiple"), option: ["p1", "p1"] }), multiple.id, "multiple");
      await expectBadAnswer(() => postAttempt(aliceJar, "basics", attemptId, { ...base("multiple"), option: Array.from({ length: 3000 }, () => "p1") }), multiple.id, "multiple");

      const truefalse = questionOf("truefalse");
      await expectBadAnswer(() => postAttempt(aliceJar, "basics", attemptId, { ...base("truefalse"), value: "maybe" }), truefalse.id, "truefalse");

      const matching = questionOf("matching");
      await expectBadAnswer(() => postAttempt(aliceJar, "basics", attemptId, { ...base("matching"), "match.one": "" }), matching.id, "matching");
      await expectBadAnswer(() => postAttempt(aliceJar, "basics", attemptId, { ...base("matching"), "match.one": "one" }), matching.id, "matching");
      const sevenLefts = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`match.left${i}`, "p1"]));
      await expectBadAnswer(() => postAttempt(aliceJar, "basics", attemptId, { ...base("matching"), ...sevenLefts }), matching.id, "matching");

      const ordering = questionOf("ordering");
      await expectBadAnswer(() => postAttempt(aliceJar, "basics", attemptId, { ...base("ordering"), "position.p1": "1", "position.p2": "1", "position.p3": "2" }), ordering.id, "ordering");
      await expectBadAnswer(() => postAttempt(aliceJar, "basics", attemptId, { ...base("ordering"), "position.p1": "1", "position.p2": "2", "position.p3": "9" }), ordering.id, "ordering");
      await expectBadAnswer(() => postAttempt(aliceJar, "basics", attemptId, { ...base("ordering"), "position.first": "1", "position.p2": "2", "position.p3": "3" }), ordering.id, "ordering");
    });

    test("answers that parse but name parts the question does not have are a 400", async () => {
      const matching = questionOf("matching");
      const fields = { intent: "save", questionId: matching.id, revision: revision() };
      // An unknown left side, and a matching with a left side left out.
      await expectRefused(() => postAttempt(aliceJar, "basics", attemptId, { ...fields, ...answerFields(matching, attempt(), true), "match.zzz": "p1" }), 400, "quiz.errors.mismatch");
      await expectRefused(() => postAttempt(aliceJar, "basics", attemptId, { ...fields, "match.one": "p1" }), 400, "quiz.errors.mismatch");
      const ordering = questionOf("ordering");
      await expectRefused(
        () => postAttempt(aliceJar, "basics", attemptId, { intent: "save", questionId: ordering.id, revision: revision(), "position.p1": "1", "position.p2": "2" }),
        400,
        "quiz.errors.mismatch",
      );
    });

    test("a body over the size limit is a 413, whether or not it declares its length", async () => {
      const path = quizPaths("basics", attemptId).attempt;
      const params = { courseId: COURSE_ID, moduleId: "basics", attemptId: String(attemptId) };
      const big = new URLSearchParams({ csrf: await getCsrf(aliceJar), intent: "save", questionId: questionOf("single").id, revision: revision(), option: "p1", padding: "x".repeat(70 * 1024) });
      const streamed = post(path, big, { jar: aliceJar });
      await expectRefused(() => callAction(attemptRoute.action, streamed, params), 413, "errors.form.tooLarge");
      const declared = new Request(streamed.url, {
        method: "POST",
        headers: { ...Object.fromEntries(post(path, big, { jar: aliceJar }).headers), "Content-Length": String(big.toString().length) },
        body: big.toString(),
      });
      await expectRefused(() => callAction(attemptRoute.action, declared, params), 413, "errors.form.tooLarge");
    });

    test("a body that is not a form is a 400", async () => {
      const path = quizPaths("basics", attemptId).attempt;
      const request = post(path, new URLSearchParams(), { jar: aliceJar });
      const broken = new Request(request.url, { method: "POST", headers: { Cookie: request.headers.get("Cookie")!, "Content-Type": "multipart/form-data; boundary=nope" }, body: "--garbage" });
      await expectRefused(() => callAction(attemptRoute.action, broken, { courseId: COURSE_ID, moduleId: "basics", attemptId: String(attemptId) }), 400, "errors.form.unreadable");
    });
  });

  describe("questions and attempts that are not there", () => {
    test("a question of the bank that was not drawn into the attempt is a 404", async () => {
      const notDrawn = fixtureModule("basics").bank!.questions.find((q) => !attempt().questionIds.includes(q.id))!;
      const fields = { intent: "save", questionId: notDrawn.id, revision: revision(), option: "p1", value: "true" };
      await expectRefused(() => postAttempt(aliceJar, "basics", attemptId, fields), 404, "quiz.errors.unknownQuestion");
      await expectRefused(() => postAttempt(aliceJar, "basics", attemptId, { ...fields, questionId: "no-such-question" }), 404, "quiz.errors.unknownQuestion");
      // A question of the other module's bank.
      await expectRefused(() => postAttempt(aliceJar, "basics", attemptId, { ...fields, questionId: "m2-single-1" }), 404, "quiz.errors.unknownQuestion");
    });

    test("an attempt that does not exist, or exists under another module, is a 404", async () => {
      await expectRefused(() => postAttempt(aliceJar, "basics", 999_999, { intent: "next" }), 404, "quiz.errors.unknownAttempt");
      await expectRefused(() => openAttempt(aliceJar, "basics", 999_999), 404, "quiz.errors.unknownAttempt");
      await expectRefused(() => postAttempt(aliceJar, "timed", attemptId, { intent: "finish", revision: revision() }), 404, "quiz.errors.unknownAttempt");
      await expectRefused(() => openReview(aliceJar, "timed", attemptId), 404, "quiz.errors.unknownAttempt");
    });

    test("a module or course that does not exist is a 404", async () => {
      const before = quizTables();
      const noModule = await callLoader(overviewRoute.loader, get(`/courses/${COURSE_ID}/nope/quiz`, { jar: aliceJar }), { courseId: COURSE_ID, moduleId: "nope" });
      const noCourse = await callLoader(overviewRoute.loader, get(`/courses/nope/basics/quiz`, { jar: aliceJar }), { courseId: "nope", moduleId: "basics" });
      expect([noModule.status, noCourse.status]).toEqual([404, 404]);
      expect(quizTables()).toEqual(before);
    });
  });

  describe("someone else's attempt", () => {
    test("is 404, like an unknown attempt, for every read and every action", async () => {
      const question = questionOf("single");
      const answer = { intent: "save", questionId: question.id, revision: revision(), ...answerFields(question, attempt(), true) };
      await expectRefused(() => openAttempt(bobJar, "basics", attemptId), 404, "quiz.errors.unknownAttempt");
      await expectRefused(() => openReview(bobJar, "basics", attemptId), 404, "quiz.errors.unknownAttempt");
      await expectRefused(() => postAttempt(bobJar, "basics", attemptId, answer), 404, "quiz.errors.unknownAttempt");
      await expectRefused(() => postAttempt(bobJar, "basics", attemptId, { intent: "next" }), 404, "quiz.errors.unknownAttempt");
      await expectRefused(() => postAttempt(bobJar, "basics", attemptId, { intent: "goto:2" }), 404, "quiz.errors.unknownAttempt");
      await expectRefused(() => postAttempt(bobJar, "basics", attemptId, { intent: "finish", revision: revision() }), 404, "quiz.errors.unknownAttempt");
    });
  });

  describe("replays, second submissions and finished attempts", () => {
    test("replaying an answer POST after the attempt moved on is a 409", async () => {
      const question = questionOf("truefalse");
      const fields = { intent: "save", questionId: question.id, revision: revision(), ...answerFields(question, attempt(), false) };
      expect(await postAttempt(aliceJar, "basics", attemptId, fields)).toMatchObject({ status: 302, location: quizPaths("basics", attemptId).attempt });
      await expectRefused(() => postAttempt(aliceJar, "basics", attemptId, fields), 409, "quiz.errors.stale");
      // Even a different answer on the old form is refused: the form is stale.
      await expectRefused(() => postAttempt(aliceJar, "basics", attemptId, { ...fields, ...answerFields(question, attempt(), true) }), 409, "quiz.errors.stale");
      await expectRefused(() => postAttempt(aliceJar, "basics", attemptId, { intent: "finish", revision: fields.revision }), 409, "quiz.errors.stale");
    });

    test("in immediate mode a checked question is locked: a second check is a 409 from this tab or another", async () => {
      const user = await createTestUser();
      const jar = await signedIn(user);
      const timed = startAttempt(quizScopeFor(user.id, "timed"), new Date());
      const questionId = timed.questionIds[0]!;
      const question = bankQuestion("timed", questionId);
      const otherTab = { intent: "check", questionId, revision: String(timed.revision), ...answerFields(question, timed, true) };
      expect(await postAnswer(jar, "timed", timed.id, questionId, false)).toMatchObject({ status: 302 });
      // The other tab still has the old revision.
      await expectRefused(() => postAttempt(jar, "timed", timed.id, otherTab), 409, "quiz.errors.stale");
      // A reloaded tab has the current revision, and the question is locked.
      await expectRefused(() => postAnswer(jar, "timed", timed.id, questionId, true), 409, "quiz.errors.locked");
      // Sequential navigation: once past a question there is no going back to it.
      expect(await postAttempt(jar, "timed", timed.id, { intent: "next" })).toMatchObject({ status: 302 });
      await expectRefused(() => postAnswer(jar, "timed", timed.id, questionId, true), 409, "quiz.errors.notCurrent");
      await expectRefused(() => postAttempt(jar, "timed", timed.id, { intent: "previous" }), 409, "quiz.errors.cannotMove");
      await expectRefused(() => postAttempt(jar, "timed", timed.id, { intent: "goto:0" }), 409, "quiz.errors.cannotMove");
    });

    test("navigating past the last question or to one that does not exist is a 409", async () => {
      await expectRefused(() => postAttempt(aliceJar, "basics", attemptId, { intent: "goto:5" }), 409, "quiz.errors.cannotMove");
      await expectRefused(() => postAttempt(aliceJar, "basics", attemptId, { intent: "goto:999" }), 409, "quiz.errors.cannotMove");
    });

    test("after finishing, answering, moving and finishing again are a 409", async () => {
      const question = questionOf("single");
      const answer = answerFields(question, attempt(), true);
      const oldRevision = revision();
      expect(await postAttempt(aliceJar, "basics", attemptId, { intent: "finish", revision: oldRevision })).toMatchObject({ status: 302, location: quizPaths("basics", attemptId).review });
      await expectRefused(() => postAttempt(aliceJar, "basics", attemptId, { intent: "save", questionId: question.id, revision: revision(), ...answer }), 409, "quiz.errors.finished");
      await expectRefused(() => postAttempt(aliceJar, "basics", attemptId, { intent: "save", questionId: question.id, revision: oldRevision, ...answer }), 409, "quiz.errors.finished");
      await expectRefused(() => postAttempt(aliceJar, "basics", attemptId, { intent: "next" }), 409, "quiz.errors.finished");
      await expectRefused(() => postAttempt(aliceJar, "basics", attemptId, { intent: "finish", revision: revision() }), 409, "quiz.errors.finished");
      // Someone else still gets 403: ownership is checked before anything else.
      await expectRefused(() => postAttempt(bobJar, "basics", attemptId, { intent: "finish", revision: revision() }), 404, "quiz.errors.unknownAttempt");
      // The attempt page sends a finished attempt to its review.
      expect(await openAttempt(aliceJar, "basics", attemptId)).toMatchObject({ status: 302, location: quizPaths("basics", attemptId).review });
    });
  });

  describe("after the deadline", () => {
    let user: TestUser;
    let jar: CookieJar;
    let timedId: number;
    const startedAt = new Date(Date.now() - 11 * 60_000);

    beforeAll(async () => {
      user = await createTestUser();
      jar = await signedIn(user);
      // Started 11 minutes ago with a 10-minute limit: its time ran out a minute ago.
      const timed = startAttempt(quizScopeFor(user.id, "timed"), startedAt);
      timedId = timed.id;
      const first = bankQuestion("timed", timed.questionIds[0]!);
      const saved = submitAnswer(
        quizScopeFor(user.id, "timed"),
        { attemptId: timed.id, revision: 0, questionId: first.id, formData: toFormData(answerFields(first, timed, true)), advance: false },
        new Date(startedAt.getTime() + 60_000),
      );
      expect(saved).toEqual({ ok: true, finished: false });
    });

    test("the server refuses an answer, a move or a finish with 409 timeUp and writes nothing", () => {
      const scope = quizScopeFor(user.id, "timed");
      const timed = reloadAttempt(timedId);
      const second = bankQuestion("timed", timed.questionIds[1]!);
      const before = quizTables();
      const refusal = (work: () => unknown) => {
        try {
          work();
        } catch (error) {
          return error instanceof QuizError ? { status: error.status, key: error.messageKey } : error;
        }
        return "accepted";
      };
      const now = new Date();
      expect(
        refusal(() => submitAnswer(scope, { attemptId: timedId, revision: timed.revision, questionId: second.id, formData: toFormData(answerFields(second, timed, true)), advance: false }, now)),
      ).toEqual({ status: 409, key: "quiz.errors.timeUp" });
      expect(refusal(() => finishAttempt(scope, timedId, timed.revision, now))).toEqual({ status: 409, key: "quiz.errors.timeUp" });
      expect(quizTables()).toEqual(before);
    });

    test("through the actions, a late answer, move or finish is refused with 409 and nothing is written", async () => {
      const timed = reloadAttempt(timedId);
      const questionId = timed.questionIds[1]!;
      await expectRefused(() => postAnswer(jar, "timed", timedId, questionId, true), 409, "quiz.errors.timeUp");
      await expectRefused(() => postAttempt(jar, "timed", timedId, { intent: "next" }), 409, "quiz.errors.timeUp");
      await expectRefused(() => postAttempt(jar, "timed", timedId, { intent: "finish", revision: String(timed.revision) }), 409, "quiz.errors.timeUp");
    });

    test("the attempt then ends as expired, scored on the one answer saved in time", async () => {
      const result = await openReview(jar, "timed", timedId);
      expect(result.status).toBe(200);
      expect(result.data.attempt).toMatchObject({ expired: true, passed: false, scorePercent: 25 });
      expect(result.data.questions.map((q: { answered: boolean }) => q.answered)).toEqual([true, false, false, false]);
      const stored = reloadAttempt(timedId);
      expect(stored).toMatchObject({ status: "failed", scorePercent: 25 });
      // It ended when its time ran out, not when the learner came back.
      expect(stored.finishedAt).toEqual(stored.deadlineAt);
      // Once settled, it is finished: 409, not the time-up redirect.
      await expectRefused(() => postAnswer(jar, "timed", timedId, stored.questionIds[1]!, true), 409, "quiz.errors.finished");
    });
  });
});
