import { describe, expect, test } from "vitest";
import { QuestionSchema, QuizBankSchema, QuizSettingsSchema } from "./bank.schema";
import { localized, makeRawBank } from "../quiz/quiz-bank.fixture";

type RawBank = ReturnType<typeof makeRawBank>;
type RawQuestion = Record<string, any>;

function issuesOf(bank: unknown) {
  const result = QuizBankSchema.safeParse(bank);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

function withQuestion(index: number, change: (question: RawQuestion) => void): RawBank {
  const bank = makeRawBank();
  change(bank.questions[index] as RawQuestion);
  return bank;
}

describe("QuizSettingsSchema", () => {
  test("fills in the README's defaults", () => {
    expect(QuizSettingsSchema.parse({})).toEqual({
      mode: "deferred",
      questionsPerAttempt: 10,
      shuffleQuestions: true,
      shuffleOptions: true,
      passMark: 70,
      maxAttempts: 3,
      waitMinutes: 0,
      timeLimitMinutes: null,
      navigation: "free",
      reveal: {
        correctness: "after-finish",
        answers: "after-pass-or-last-attempt",
        explanations: "after-pass-or-last-attempt",
      },
    });
  });

  test("keeps what is set and defaults the rest of reveal", () => {
    const settings = QuizSettingsSchema.parse({
      mode: "immediate",
      timeLimitMinutes: 20,
      navigation: "sequential",
      reveal: { answers: "always" },
    });
    expect(settings.mode).toBe("immediate");
    expect(settings.timeLimitMinutes).toBe(20);
    expect(settings.navigation).toBe("sequential");
    expect(settings.reveal).toEqual({ correctness: "after-finish", answers: "always", explanations: "after-pass-or-last-attempt" });
  });

  test.each([[{ shuffle: true }], [{ reveal: { feedback: "always" } }], [{ mode: "instant" }], [{ passMark: 101 }], [{ questionsPerAttempt: 0 }], [{ reveal: { answers: "sometimes" } }]])(
    "rejects %j",
    (settings) => {
      expect(QuizSettingsSchema.safeParse(settings).success).toBe(false);
    },
  );
});

describe("QuizBankSchema", () => {
  test("accepts a valid bank and fills in option defaults", () => {
    const bank = QuizBankSchema.parse(makeRawBank());
    expect(bank.questions).toHaveLength(16);
    const first = bank.questions[0]!;
    expect(first.type === "single" && first.options.map((option) => option.correct)).toEqual([true, false, false]);
  });

  test("cases are optional", () => {
    const bank = makeRawBank();
    const questions = bank.questions.map(({ case: _case, ...question }: RawQuestion) => question);
    expect(QuizBankSchema.safeParse({ questions }).success).toBe(true);
  });

  test.each([
    ["the bank", (bank: RawBank) => Object.assign(bank, { title: "x" }), ""],
    ["a question", (bank: RawBank) => Object.assign(bank.questions[0]!, { hint: localized("x") }), "questions.0"],
    ["an option", (bank: RawBank) => Object.assign((bank.questions[0] as RawQuestion).options[0], { score: 1 }), "questions.0.options.0"],
    ["a case", (bank: RawBank) => Object.assign(bank.cases[0]!, { date: "2024" }), "cases.0"],
    ["localized text", (bank: RawBank) => Object.assign(bank.questions[0]!.prompt, { de: "x" }), "questions.0.prompt"],
  ])("an unknown key in %s fails", (_where, change, path) => {
    const bank = makeRawBank();
    change(bank);
    expect(issuesOf(bank)).toEqual([expect.objectContaining({ path, message: expect.stringMatching(/Unrecognized key/) })]);
  });

  test("an unknown question type fails", () => {
    expect(issuesOf(withQuestion(0, (question) => (question.type = "essay")))).toEqual([expect.objectContaining({ path: "questions.0.type" })]);
  });

  test("every question says what it asks for: kind application or recall", () => {
    expect(issuesOf(withQuestion(3, (question) => (question.kind = "application")))).toEqual([]);
    expect(issuesOf(withQuestion(3, (question) => delete question.kind))).toEqual([expect.objectContaining({ path: "questions.3.kind", message: "Required" })]);
    expect(issuesOf(withQuestion(3, (question) => (question.kind = "judgement")))).toEqual([expect.objectContaining({ path: "questions.3.kind" })]);
  });

  test("single needs exactly one correct option", () => {
    expect(issuesOf(withQuestion(0, (question) => (question.options[1].correct = true)))).toEqual([
      { path: "questions.0.options", message: "a single-choice question needs exactly one correct option (found 2)" },
    ]);
    expect(issuesOf(withQuestion(0, (question) => delete question.options[0].correct))).toEqual([
      { path: "questions.0.options", message: "a single-choice question needs exactly one correct option (found 0)" },
    ]);
  });

  test("multiple needs at least one correct option", () => {
    const bank = withQuestion(2, (question) => {
      for (const option of question.options) delete option.correct;
    });
    expect(issuesOf(bank)).toEqual([{ path: "questions.2.options", message: "a multiple-choice question needs at least one correct option" }]);
  });

  test("option, pair and item ids are unique within a question", () => {
    expect(issuesOf(withQuestion(0, (question) => (question.options[2].id = "b")))).toEqual([{ path: "questions.0.options.2.id", message: 'duplicate option id "b"' }]);
    expect(issuesOf(withQuestion(6, (question) => (question.pairs[1].id = "budapest")))).toEqual([{ path: "questions.6.pairs.1.id", message: 'duplicate pair id "budapest"' }]);
    expect(issuesOf(withQuestion(8, (question) => (question.items[2].id = "identify")))).toEqual([{ path: "questions.8.items.2.id", message: 'duplicate item id "identify"' }]);
  });

  test("choice questions have 2 to 6 options", () => {
    const message = "a choice question needs 2 to 6 options";
    expect(issuesOf(withQuestion(0, (question) => question.options.splice(1)))).toEqual([{ path: "questions.0.options", message }]);
    const seven = withQuestion(2, (question) => {
      for (const id of ["e", "f", "g"]) question.options.push({ id, text: localized(id), feedback: localized(id) });
    });
    expect(issuesOf(seven)).toEqual([{ path: "questions.2.options", message }]);
  });

  test("matching and ordering have 3 to 6 pairs or items", () => {
    expect(issuesOf(withQuestion(6, (question) => question.pairs.splice(2)))).toEqual([{ path: "questions.6.pairs", message: "a matching question needs 3 to 6 pairs" }]);
    const sevenItems = withQuestion(9, (question) => {
      question.items.push({ id: "s6", text: localized("6") }, { id: "s7", text: localized("7") });
    });
    expect(issuesOf(sevenItems)).toEqual([{ path: "questions.9.items", message: "an ordering question needs 3 to 6 items" }]);
  });

  test("a question's case must be listed under cases", () => {
    expect(issuesOf(withQuestion(10, (question) => (question.case = "case-harbour")))).toEqual([{ path: "questions.10.case", message: 'unknown case "case-harbour": it is not listed under cases' }]);
  });

  test("question ids are unique", () => {
    expect(issuesOf(withQuestion(1, (question) => (question.id = "q-single-1")))).toEqual([{ path: "questions.1.id", message: 'duplicate question id "q-single-1"' }]);
  });

  test("case ids are unique", () => {
    const bank = makeRawBank();
    bank.cases[1]!.id = "case-farm";
    expect(issuesOf(bank)).toEqual(expect.arrayContaining([{ path: "cases.1.id", message: 'duplicate case id "case-farm"' }]));
  });

  test("a bank has at least 15 questions of at least three types", () => {
    const bank = makeRawBank();
    bank.questions = bank.questions.filter((question) => question.type === "single" || question.type === "multiple");
    expect(issuesOf(bank)).toEqual([
      { path: "questions", message: "a bank needs at least 15 questions (found 7)" },
      { path: "questions", message: "a bank needs questions of at least 3 types (found single, multiple)" },
    ]);
  });

  test("ids are kebab-case and text is given in both authored languages", () => {
    expect(issuesOf(withQuestion(0, (question) => (question.id = "Q_1")))[0]).toEqual({
      path: "questions.0.id",
      message: "must be kebab-case: lower-case letters, digits and dashes",
    });
    expect(issuesOf(withQuestion(0, (question) => delete question.prompt["sr-Latn"]))[0]?.path).toBe("questions.0.prompt.sr-Latn");
  });

  test("a true/false question needs feedback for both choices", () => {
    expect(issuesOf(withQuestion(4, (question) => delete question.feedback.true))[0]?.path).toBe("questions.4.feedback.true");
  });
});

describe("QuestionSchema", () => {
  test("checks one question on its own", () => {
    const question = makeRawBank().questions[0] as RawQuestion;
    expect(QuestionSchema.safeParse(question).success).toBe(true);
    question.options[1].correct = true;
    expect(QuestionSchema.safeParse(question).success).toBe(false);
  });
});
