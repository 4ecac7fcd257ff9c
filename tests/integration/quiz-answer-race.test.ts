import { afterEach, describe, expect, test, vi } from "vitest";
import { QuizError, startAttempt, submitAnswer } from "~/quiz/attempts.server";
import { getDb } from "~/utils/db.server";
import { createTestUser } from "../helpers/auth";
import { answerFields, answerRows, bankQuestion, quizScopeFor, reloadAttempt, toFormData } from "../helpers/quiz";

// submitAnswer grades before it takes the write lock and checks again under it. Another serving
// process can write to the attempt in that gap; here that write is made just before the
// transaction starts.
let writeInTheGap: (() => void) | null = null;
vi.mock("~/utils/db.server", async (importOriginal) => {
  const original = await importOriginal<typeof import("~/utils/db.server")>();
  return {
    ...original,
    inTransaction: <T>(work: (tx: import("~/utils/db.server").Db) => T): T => {
      const write = writeInTheGap;
      writeInTheGap = null;
      write?.();
      return original.inTransaction(work);
    },
  };
});

afterEach(() => {
  writeInTheGap = null;
});

async function attemptFor(moduleId: "basics" | "timed") {
  const user = await createTestUser();
  const scope = quizScopeFor(user.id, moduleId);
  const attempt = startAttempt(scope, new Date());
  return { scope, attempt };
}

function answerForm(moduleId: "basics" | "timed", attemptId: number, index: number, correct: boolean) {
  const attempt = reloadAttempt(attemptId);
  const question = bankQuestion(moduleId, attempt.questionIds[index]!);
  return { questionId: question.id, formData: toFormData(answerFields(question, attempt, correct)) };
}

describe("an answer when the attempt changes between grading and the write", () => {
  test("time a trainer added meanwhile is kept: the answer is graded again on the attempt as stored", async () => {
    const { scope, attempt } = await attemptFor("timed");
    const deadline = reloadAttempt(attempt.id).deadlineAt!.getTime();
    const form = answerForm("timed", attempt.id, 0, true);
    writeInTheGap = () => getDb().$client.prepare("update quiz_attempts set extra_minutes = 15 where id = ?").run(attempt.id);

    const result = submitAnswer(scope, { attemptId: attempt.id, revision: attempt.revision, ...form, advance: true }, new Date());

    expect(result).toEqual({ ok: true, finished: false });
    const stored = reloadAttempt(attempt.id);
    expect(stored).toMatchObject({ revision: attempt.revision + 1, extraMinutes: 15 });
    expect((stored.snapshot as { context: { deadline: number } }).context.deadline).toBe(deadline + 15 * 60_000);
    expect(answerRows(attempt.id)).toHaveLength(1);
    expect(answerRows(attempt.id)[0]).toMatchObject({ question_id: form.questionId, score: 1 });
  });

  test("an answer saved meanwhile from another tab makes this one stale: 409 and nothing of it is written", async () => {
    const { scope, attempt } = await attemptFor("basics");
    const mine = answerForm("basics", attempt.id, 0, true);
    const theirs = answerForm("basics", attempt.id, 1, false);
    writeInTheGap = () => submitAnswer(scope, { attemptId: attempt.id, revision: attempt.revision, ...theirs, advance: false }, new Date());

    let refusal: QuizError | null = null;
    try {
      submitAnswer(scope, { attemptId: attempt.id, revision: attempt.revision, ...mine, advance: false }, new Date());
    } catch (error) {
      if (!(error instanceof QuizError)) throw error;
      refusal = error;
    }

    expect(refusal).toMatchObject({ status: 409, messageKey: "quiz.errors.stale" });
    expect(reloadAttempt(attempt.id).revision).toBe(attempt.revision + 1);
    expect(answerRows(attempt.id).map((row) => row.question_id)).toEqual([theirs.questionId]);
  });

  test("with nothing written in between, the answer is stored once, graded as before", async () => {
    const { scope, attempt } = await attemptFor("basics");
    const form = answerForm("basics", attempt.id, 0, false);

    expect(submitAnswer(scope, { attemptId: attempt.id, revision: attempt.revision, ...form, advance: true }, new Date())).toEqual({ ok: true, finished: false });
    expect(reloadAttempt(attempt.id).revision).toBe(attempt.revision + 1);
    expect(answerRows(attempt.id)).toEqual([expect.objectContaining({ question_id: form.questionId, score: 0 })]);
  });
});
