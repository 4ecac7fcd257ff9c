import { describe, expect, test } from "vitest";
import { getQuizOverview, startAttempt, submitAnswer, type QuizScope } from "~/quiz/attempts.server";
import { createTestUser } from "../helpers/auth";
import { answerFields, bankQuestion, quizScopeFor, reloadAttempt, toFormData } from "../helpers/quiz";

/** The same module after a course update that removed `questionId` from its bank. */
function withoutQuestion(scope: QuizScope, questionId: string): QuizScope {
  const bank = scope.module.bank!;
  return { ...scope, module: { ...scope.module, bank: { ...bank, questions: bank.questions.filter((q) => q.id !== questionId) } } };
}

describe("a course update during an attempt", () => {
  test("an attempt whose question was removed ends, scored on what was answered, and a new one can start", async () => {
    const user = await createTestUser();
    const scope = quizScopeFor(user.id, "basics");
    const now = new Date();
    const attempt = startAttempt(scope, now);
    const first = bankQuestion("basics", attempt.questionIds[0]!);
    expect(submitAnswer(scope, { attemptId: attempt.id, revision: 0, questionId: first.id, formData: toFormData(answerFields(first, attempt, true)), advance: true }, now)).toEqual({
      ok: true,
      finished: false,
    });

    const updated = withoutQuestion(scope, attempt.questionIds[1]!);
    const later = new Date(now.getTime() + 60_000);
    const overview = getQuizOverview(updated, later);
    expect(overview.inProgressId).toBeNull();
    expect(overview.canStart).toBe(true);
    expect(reloadAttempt(attempt.id)).toMatchObject({ status: "failed", scorePercent: 20, finishedAt: later });

    const next = startAttempt(updated, later);
    expect(next.number).toBe(2);
    expect(next.questionIds).not.toContain(attempt.questionIds[1]);
  });

  test("an attempt whose questions all remain goes on under the new version", async () => {
    const user = await createTestUser();
    const scope = quizScopeFor(user.id, "basics");
    const now = new Date();
    const attempt = startAttempt(scope, now);
    const updated = { ...scope, course: { ...scope.course, version: "2" } };
    const first = bankQuestion("basics", attempt.questionIds[0]!);
    expect(submitAnswer(updated, { attemptId: attempt.id, revision: 0, questionId: first.id, formData: toFormData(answerFields(first, attempt, true)), advance: true }, now)).toEqual({
      ok: true,
      finished: false,
    });
    expect(getQuizOverview(updated, now).inProgressId).toBe(attempt.id);
  });
});

describe("answering from the summary", () => {
  test("saving an answer to the last question while the summary is shown goes back to it and saves", async () => {
    const user = await createTestUser();
    const scope = quizScopeFor(user.id, "basics");
    const now = new Date();
    const attempt = startAttempt(scope, now);
    let revision = 0;
    for (const id of attempt.questionIds) {
      const question = bankQuestion("basics", id);
      expect(submitAnswer(scope, { attemptId: attempt.id, revision, questionId: id, formData: toFormData(answerFields(question, attempt, true)), advance: true }, now)).toEqual({
        ok: true,
        finished: false,
      });
      revision++;
    }
    // Saving the last question moved the attempt to its summary; the learner changes that answer.
    const last = bankQuestion("basics", attempt.questionIds.at(-1)!);
    expect(submitAnswer(scope, { attemptId: attempt.id, revision, questionId: last.id, formData: toFormData(answerFields(last, attempt, false)), advance: true }, now)).toEqual({
      ok: true,
      finished: false,
    });
    expect(reloadAttempt(attempt.id).revision).toBe(revision + 1);
  });
});
