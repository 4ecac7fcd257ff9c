import { describe, expect, test } from "vitest";
import { finishAttempt, getQuizOverview, QuizError, startAttempt, submitAnswer } from "~/quiz/attempts.server";
import { createTestUser, signedIn } from "../helpers/auth";
import {
  answerFields,
  bankQuestion,
  openAttempt,
  openOverview,
  openReview,
  postStart,
  quizPaths,
  quizScopeFor,
  quizTables,
  reloadAttempt,
  startThroughRoute,
  toFormData,
  type FixtureModuleId,
} from "../helpers/quiz";

const MINUTE = 60_000;
const at = (time: number) => new Date(time);

function refusal(work: () => unknown) {
  try {
    work();
  } catch (error) {
    if (error instanceof QuizError) return { status: error.status, key: error.messageKey };
    throw error;
  }
  return "accepted";
}

/** Saves an answer through the server at `now`, right or wrong. */
function answerAt(userId: number, moduleId: FixtureModuleId, attemptId: number, questionIndex: number, correct: boolean, now: Date) {
  const attempt = reloadAttempt(attemptId);
  const question = bankQuestion(moduleId, attempt.questionIds[questionIndex]!);
  return submitAnswer(
    quizScopeFor(userId, moduleId),
    { attemptId, revision: attempt.revision, questionId: question.id, formData: toFormData(answerFields(question, attempt, correct)), advance: true },
    now,
  );
}

/** Starts and at once finishes an attempt (unanswered, so failed) at `time`. */
function failAttemptAt(userId: number, moduleId: FixtureModuleId, time: number) {
  const scope = quizScopeFor(userId, moduleId);
  const attempt = startAttempt(scope, at(time));
  finishAttempt(scope, attempt.id, attempt.revision, at(time));
  return reloadAttempt(attempt.id);
}

describe("the number of attempts", () => {
  test("a fourth attempt at a three-attempt quiz is refused with 409 and nothing is written", async () => {
    const user = await createTestUser();
    const jar = await signedIn(user);
    for (const number of [1, 2, 3]) {
      expect((await openOverview(jar, "basics")).data).toMatchObject({ canStart: true, attemptsLeft: 4 - number });
      const attemptId = await startThroughRoute(jar, "basics");
      const { revision } = reloadAttempt(attemptId);
      finishAttempt(quizScopeFor(user.id, "basics"), attemptId, revision, new Date());
      expect(reloadAttempt(attemptId)).toMatchObject({ number, status: "failed", scorePercent: 0 });
    }
    const overview = await openOverview(jar, "basics");
    expect(overview.data).toMatchObject({ canStart: false, attemptsLeft: 0, nextAttemptAt: null, inProgressId: null, passed: false });
    expect(overview.data.attempts.map((a: { number: number; status: string }) => [a.number, a.status])).toEqual([
      [1, "failed"],
      [2, "failed"],
      [3, "failed"],
    ]);
    const before = quizTables();
    expect(await postStart(jar, "basics")).toMatchObject({ status: 409, data: "quiz.errors.noAttemptsLeft" });
    expect(quizTables()).toEqual(before);
  });

  test("starting while an attempt is in progress resumes it instead of using another attempt", async () => {
    const user = await createTestUser();
    const jar = await signedIn(user);
    const first = await startThroughRoute(jar, "basics");
    expect(await startThroughRoute(jar, "basics")).toBe(first);
    expect((await openOverview(jar, "basics")).data).toMatchObject({ inProgressId: first, attemptsLeft: 2, canStart: false });
    expect(quizTables().attempts.filter((row) => (row as { user_id: number }).user_id === user.id)).toHaveLength(1);
  });
});

describe("waiting between attempts (timed module: 60 minutes, 2 attempts)", () => {
  test("the next attempt is refused with 409 until 60 minutes after the last one ended, and the pages say when it opens", async () => {
    const user = await createTestUser();
    const jar = await signedIn(user);
    const ended = Date.now() - 30 * MINUTE;
    const first = failAttemptAt(user.id, "timed", ended);
    const opensAt = new Date(ended + 60 * MINUTE).toISOString();

    const overview = await openOverview(jar, "timed");
    expect(overview.data).toMatchObject({ canStart: false, attemptsLeft: 1, nextAttemptAt: opensAt, settings: { waitMinutes: 60 } });
    const review = await openReview(jar, "timed", first.id);
    expect(review.data).toMatchObject({ canStart: false, attemptsLeft: 1, nextAttemptAt: opensAt });

    const before = quizTables();
    expect(await postStart(jar, "timed")).toMatchObject({ status: 409, data: "quiz.errors.wait" });
    expect(quizTables()).toEqual(before);

    // To the millisecond: refused just before the hour is up, accepted at it.
    const scope = quizScopeFor(user.id, "timed");
    expect(refusal(() => startAttempt(scope, at(ended + 60 * MINUTE - 1)))).toEqual({ status: 409, key: "quiz.errors.wait" });
    expect(quizTables()).toEqual(before);
    expect(startAttempt(scope, at(ended + 60 * MINUTE))).toMatchObject({ number: 2, status: "in-progress" });
  });

  test("once the wait is over the learner starts the next attempt; after the last one nothing opens", async () => {
    const user = await createTestUser();
    const jar = await signedIn(user);
    failAttemptAt(user.id, "timed", Date.now() - 61 * MINUTE);
    expect((await openOverview(jar, "timed")).data).toMatchObject({ canStart: true, nextAttemptAt: null, attemptsLeft: 1 });
    const second = await startThroughRoute(jar, "timed");
    finishAttempt(quizScopeFor(user.id, "timed"), second, reloadAttempt(second).revision, new Date());

    // No attempts left: no "next attempt opens at" either, now or later.
    expect((await openOverview(jar, "timed")).data).toMatchObject({ canStart: false, attemptsLeft: 0, nextAttemptAt: null });
    expect((await openReview(jar, "timed", second)).data).toMatchObject({ canStart: false, attemptsLeft: 0, nextAttemptAt: null });
    const before = quizTables();
    expect(await postStart(jar, "timed")).toMatchObject({ status: 409, data: "quiz.errors.noAttemptsLeft" });
    expect(refusal(() => startAttempt(quizScopeFor(user.id, "timed"), at(Date.now() + 24 * 60 * MINUTE)))).toEqual({ status: 409, key: "quiz.errors.noAttemptsLeft" });
    expect(quizTables()).toEqual(before);
  });
});

describe("the time limit (timed module: 10 minutes)", () => {
  test("the attempt page gives the deadline and the server's clock for the timer", async () => {
    const user = await createTestUser();
    const jar = await signedIn(user);
    const attemptId = await startThroughRoute(jar, "timed");
    const attempt = reloadAttempt(attemptId);
    const page = await openAttempt(jar, "timed", attemptId);
    expect(page.data.deadline).toBe(new Date(attempt.startedAt.getTime() + 10 * MINUTE).toISOString());
    expect(Date.parse(page.data.serverNow)).toBeLessThan(Date.parse(page.data.deadline));
    // The untimed module has no deadline.
    const basics = await openAttempt(jar, "basics", await startThroughRoute(jar, "basics"));
    expect(basics.data.deadline).toBeNull();
  });

  test("an answer is accepted until the deadline and refused from it on, writing nothing", async () => {
    const user = await createTestUser();
    const start = Date.now() - 20 * MINUTE;
    const attempt = startAttempt(quizScopeFor(user.id, "timed"), at(start));
    const deadline = start + 10 * MINUTE;
    expect(attempt.deadlineAt!.getTime()).toBe(deadline);
    expect(answerAt(user.id, "timed", attempt.id, 0, true, at(deadline - 1))).toEqual({ ok: true, finished: false });
    const before = quizTables();
    expect(refusal(() => answerAt(user.id, "timed", attempt.id, 1, true, at(deadline)))).toEqual({ status: 409, key: "quiz.errors.timeUp" });
    expect(quizTables()).toEqual(before);
  });

  test("found after its deadline, the attempt ends as expired and is scored on what was answered: failed", async () => {
    const user = await createTestUser();
    const jar = await signedIn(user);
    const start = Date.now() - 11 * MINUTE;
    const attempt = startAttempt(quizScopeFor(user.id, "timed"), at(start));
    answerAt(user.id, "timed", attempt.id, 0, true, at(start + MINUTE));
    answerAt(user.id, "timed", attempt.id, 1, false, at(start + 2 * MINUTE));

    // Opening the attempt settles it and sends the learner to the result.
    expect(await openAttempt(jar, "timed", attempt.id)).toMatchObject({ status: 302, location: quizPaths("timed", attempt.id).review });
    const ended = reloadAttempt(attempt.id);
    expect(ended).toMatchObject({ status: "failed", scorePercent: 25, finishedAt: ended.deadlineAt });
    const review = await openReview(jar, "timed", attempt.id);
    expect(review.data.attempt).toMatchObject({ expired: true, passed: false, scorePercent: 25 });
    expect(review.data.questions.map((q: { answered: boolean }) => q.answered)).toEqual([true, true, false, false]);
    // The wait counts from the deadline.
    expect(review.data.nextAttemptAt).toBe(new Date(start + 70 * MINUTE).toISOString());
  });

  test("an expired attempt whose saved answers reach the pass mark passes, and the overview settles it too", async () => {
    const user = await createTestUser();
    const jar = await signedIn(user);
    const start = Date.now() - 15 * MINUTE;
    const attempt = startAttempt(quizScopeFor(user.id, "timed"), at(start));
    for (const index of [0, 1, 2]) answerAt(user.id, "timed", attempt.id, index, true, at(start + (index + 1) * MINUTE));
    expect(reloadAttempt(attempt.id).status).toBe("in-progress");

    const overview = await openOverview(jar, "timed");
    expect(overview.data).toMatchObject({ inProgressId: null, passed: true, bestScore: 75, attemptsLeft: 1 });
    expect(reloadAttempt(attempt.id)).toMatchObject({ status: "passed", scorePercent: 75 });
    expect((await openReview(jar, "timed", attempt.id)).data.attempt).toMatchObject({ expired: true, passed: true });
    // Settling is done once: the overview of another moment changes nothing.
    const before = quizTables();
    getQuizOverview(quizScopeFor(user.id, "timed"), new Date());
    expect(quizTables()).toEqual(before);
  });
});
