import { beforeAll, describe, expect, test } from "vitest";
import { finishAttempt, startAttempt } from "~/quiz/attempts.server";
import { createTestUser, signedIn, type TestUser } from "../helpers/auth";
import type { CookieJar } from "../helpers/http";
import { bankQuestion, openAttempt, openOverview, openReview, postAnswer, quizScopeFor, reloadAttempt, seedDrawing, type FixtureModuleId } from "../helpers/quiz";
import { findKeys, findSecretTexts, SECRET_KEYS } from "../helpers/quiz-secrets";
import { PersistedQuizSnapshotSchema } from "~/quiz/quiz.schemas";

// The browser gets what the loaders return. Before the reveal policy allows it, that holds no
// correct answers, no correct-option markers, no feedback and no explanations, in any language.

const LANGUAGES = ["en", "sr-Latn", "sr-Cyrl"] as const;
const ALL_TYPES = ["single", "multiple", "truefalse", "matching", "ordering"] as const;
const PUBLIC_ID = /^p[1-9][0-9]*$/;

type QuestionData = { id: string; type: string; options?: Array<{ id: string }>; rights?: Array<{ id: string }>; items?: Array<{ id: string }>; lefts?: Array<{ id: string }> };

/** Questions as the player shows them: ids, texts and the saved response only. */
function expectQuestionsWithoutSecrets(questions: QuestionData[], moduleId: FixtureModuleId) {
  expect(findKeys(questions, SECRET_KEYS)).toEqual([]);
  expect(findSecretTexts(JSON.stringify(questions), moduleId)).toEqual([]);
  for (const question of questions) {
    expect(Object.keys(question).sort()).toEqual(["case", "caseHtml", "id", "number", "prompt", "response", "type", ...partKeys(question.type)].sort());
    // Parts appear under public ids only: authored ids ("a" is the right option) would give answers away.
    for (const part of [...(question.options ?? []), ...(question.rights ?? []), ...(question.items ?? [])]) expect(part.id).toMatch(PUBLIC_ID);
  }
}

function partKeys(type: string) {
  return type === "single" || type === "multiple" ? ["options"] : type === "matching" ? ["lefts", "rights"] : type === "ordering" ? ["items"] : [];
}

/** The browser's copy of the machine navigates only: grades are masked, no score. */
function expectMaskedMachine(machine: { context: { scores: Record<string, number>; scorePercent: number | null } }) {
  expect(Object.values(machine.context.scores).every((score) => score === 0)).toBe(true);
  expect(machine.context.scorePercent).toBeNull();
}

/** The page carries the machine's persisted form and nothing else: no XState internals (`_nodes`, `machine`, state nodes). */
function expectPersistedMachineOnly(machine: unknown) {
  const sent = JSON.parse(JSON.stringify(machine));
  expect(Object.keys(sent).sort()).toEqual(["children", "context", "historyValue", "status", "value"]);
  expect(() => PersistedQuizSnapshotSchema.parse(sent)).not.toThrow();
  expect(JSON.stringify(sent).length).toBeLessThan(4000);
}

async function learnerIn(language: (typeof LANGUAGES)[number]) {
  const user = await createTestUser({ language });
  return { user, jar: await signedIn(user) };
}

/** An attempt with one question of each type, some answered right and some wrong. */
async function deferredAttemptWithAnswers(user: TestUser, jar: CookieJar) {
  const attempt = startAttempt(quizScopeFor(user.id, "basics"), new Date(), seedDrawing("basics", [...ALL_TYPES]));
  for (const [index, questionId] of attempt.questionIds.entries()) {
    if (index < 4) expect(await postAnswer(jar, "basics", attempt.id, questionId, index % 2 === 0)).toMatchObject({ status: 302 });
  }
  return attempt.id;
}

describe.each(LANGUAGES)("in %s", (language) => {
  let user: TestUser;
  let jar: CookieJar;

  beforeAll(async () => ({ user, jar } = await learnerIn(language)));

  test("a deferred attempt in progress shows no answers, markers, feedback or explanations, even for saved answers", async () => {
    const attemptId = await deferredAttemptWithAnswers(user, jar);
    const page = await openAttempt(jar, "basics", attemptId);
    expect(page.status).toBe(200);
    expectQuestionsWithoutSecrets(page.data.questions, "basics");
    expectMaskedMachine(page.data.machine);
    expectPersistedMachineOnly(page.data.machine);
    expect(page.data.revealed).toEqual({});
    // Only what the page needs, and nothing in it names an answer.
    expect(Object.keys(page.data).sort()).toEqual(["answered", "attempt", "base", "course", "deadline", "machine", "module", "questions", "revealed", "serverNow", "title"]);
    expect(findSecretTexts(JSON.stringify(page.data), "basics")).toEqual([]);
    // The saved answers come back in public ids, to pre-fill the forms.
    const single = page.data.questions.find((q: QuestionData) => q.type === "single");
    if (single?.response) expect(single.response.optionId).toMatch(PUBLIC_ID);
  });

  test("the overview shows no questions at all", async () => {
    const overview = await openOverview(jar, "basics");
    expect(findKeys(overview.data, ["questions", "options", ...SECRET_KEYS])).toEqual([]);
    expect(findSecretTexts(JSON.stringify(overview.data), "basics")).toEqual([]);
  });
});

describe("the review of a finished attempt follows the reveal policy", () => {
  // basics: correctness after finishing; answers and explanations after a pass or the last attempt.
  test("failed with attempts left: which answers were right, but not the right answers or explanations", async () => {
    const { user, jar } = await learnerIn("en");
    const attemptId = await deferredAttemptWithAnswers(user, jar);
    finishAttempt(quizScopeFor(user.id, "basics"), attemptId, reloadAttempt(attemptId).revision, new Date());
    const review = await openReview(jar, "basics", attemptId);
    expect(review.data).toMatchObject({ attemptsLeft: 2, attempt: { passed: false } });
    const answered = review.data.questions.filter((q: { answered: boolean }) => q.answered);
    expect(answered).toHaveLength(4);
    for (const { revealed } of answered) {
      expect(revealed.result).toEqual(expect.objectContaining({ correct: expect.any(Boolean) }));
      expect(revealed).toMatchObject({ correctAnswer: null, feedback: [], explanationHtml: null, references: [] });
    }
    expectQuestionsWithoutSecrets(
      review.data.questions.map((q: { page: QuestionData }) => q.page),
      "basics",
    );
    expect(findSecretTexts(JSON.stringify(review.data), "basics")).toEqual([]);
  });

  test("failed on the last attempt: the right answers and explanations are shown", async () => {
    const { user, jar } = await learnerIn("sr-Cyrl");
    const scope = quizScopeFor(user.id, "basics");
    for (let i = 0; i < 2; i++) {
      const attempt = startAttempt(scope, new Date());
      finishAttempt(scope, attempt.id, attempt.revision, new Date());
    }
    const attemptId = await deferredAttemptWithAnswers(user, jar);
    finishAttempt(scope, attemptId, reloadAttempt(attemptId).revision, new Date());
    const review = await openReview(jar, "basics", attemptId);
    expect(review.data).toMatchObject({ attemptsLeft: 0, attempt: { passed: false } });
    const answered = review.data.questions.filter((q: { answered: boolean }) => q.answered);
    for (const { revealed } of answered) {
      expect(revealed.correctAnswer).not.toBeNull();
      expect(revealed.explanationHtml).toEqual(expect.any(String));
    }
    // The explanations are in Cyrillic.
    expect(findSecretTexts(JSON.stringify(review.data), "basics").some((text) => /[\u0400-\u04FF]/.test(text))).toBe(true);
  });

  test("passed: the right answers and explanations are shown", async () => {
    const { user, jar } = await learnerIn("en");
    const attempt = startAttempt(quizScopeFor(user.id, "basics"), new Date());
    for (const questionId of attempt.questionIds) await postAnswer(jar, "basics", attempt.id, questionId, true);
    finishAttempt(quizScopeFor(user.id, "basics"), attempt.id, reloadAttempt(attempt.id).revision, new Date());
    const review = await openReview(jar, "basics", attempt.id);
    expect(review.data.attempt).toMatchObject({ passed: true, scorePercent: 100 });
    for (const { revealed } of review.data.questions) expect(revealed).toMatchObject({ result: { correct: true }, correctAnswer: expect.any(Object), explanationHtml: expect.any(String) });
    // The detector used above finds them once they are allowed (which ones depends on the questions drawn).
    expect(findSecretTexts(JSON.stringify(review.data), "basics")).not.toEqual([]);
  });
});

describe("immediate mode reveals a question only once it is checked", () => {
  test.each(LANGUAGES)("in %s: the checked question's result is shown, nothing about the others", async (language) => {
    const { user, jar } = await learnerIn(language);
    const attempt = startAttempt(quizScopeFor(user.id, "timed"), new Date());
    const before = await openAttempt(jar, "timed", attempt.id);
    expect(before.data.revealed).toEqual({});
    expectQuestionsWithoutSecrets(before.data.questions, "timed");
    expect(findSecretTexts(JSON.stringify(before.data), "timed")).toEqual([]);

    const checked = attempt.questionIds[0]!;
    await postAnswer(jar, "timed", attempt.id, checked, false);
    const after = await openAttempt(jar, "timed", attempt.id);
    // timed reveals everything "always": for the checked question only.
    expect(Object.keys(after.data.revealed)).toEqual([checked]);
    expect(after.data.revealed[checked]).toMatchObject({ result: { correct: false }, correctAnswer: { type: bankQuestion("timed", checked).type } });
    expectQuestionsWithoutSecrets(after.data.questions, "timed");
    expectMaskedMachine(after.data.machine);
    const { revealed: _shown, ...rest } = after.data;
    expect(findSecretTexts(JSON.stringify(rest), "timed")).toEqual([]);
  });
});
