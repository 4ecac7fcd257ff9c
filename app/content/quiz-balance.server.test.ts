import { describe, expect, test } from "vitest";
import { QuizBankSchema } from "./bank.schema";
import { makeRawBank } from "../quiz/quiz-bank.fixture";
import { loadCourses } from "./loader.server";
import { describeQuizBalance, listQuizShortfalls, quizBalance, quizBalanceShortfalls } from "./quiz-balance.server";

/** The fixture bank (16 questions, all "recall"), with the first `application` questions made "application". */
function bankWith(application: number, change: (questions: Array<Record<string, any>>) => void = () => {}) {
  const raw = makeRawBank();
  const questions = raw.questions as Array<Record<string, any>>;
  questions.forEach((question, index) => (question.kind = index < application ? "application" : "recall"));
  change(questions);
  return QuizBankSchema.parse(raw);
}

describe("quizBalance", () => {
  test("counts application questions and the options of each single-choice question", () => {
    const bank = bankWith(4);
    const balance = quizBalance(bank);
    expect(balance.questions).toBe(16);
    expect(balance.application).toBe(4);
    expect(balance.applicationShare).toBe(0.25);
    const singles = bank.questions.filter((q) => q.type === "single");
    expect(Object.keys(balance.singleChoiceOptions)).toEqual(singles.map((q) => q.id));
    expect(Object.values(balance.singleChoiceOptions).every((n) => n === 3)).toBe(true);
  });

  test("a module without a bank has nothing to report", () => {
    const balance = quizBalance(null);
    expect(balance).toEqual({ questions: 0, application: 0, applicationShare: 0, singleChoiceOptions: {} });
    expect(quizBalanceShortfalls(balance)).toEqual([]);
  });
});

describe("quizBalanceShortfalls", () => {
  test("reports a share of application questions under 40 %", () => {
    expect(quizBalanceShortfalls(quizBalance(bankWith(6)))).toEqual(['6 of 16 questions are of kind "application" (38 %); at least 40 % needed']);
  });

  test("accepts exactly 40 % and more", () => {
    const raw = bankWith(0, (questions) => questions.splice(15));
    expect(raw.questions).toHaveLength(15);
    const balance = quizBalance({ ...raw, questions: raw.questions.map((q, i) => ({ ...q, kind: i < 6 ? "application" : "recall" })) });
    expect(balance.applicationShare).toBe(0.4);
    expect(quizBalanceShortfalls(balance)).toEqual([]);
    expect(quizBalanceShortfalls(quizBalance(bankWith(16)))).toEqual([]);
  });

  test("reports a single-choice question with two options", () => {
    const bank = bankWith(8, (questions) => {
      const single = questions.find((q) => q.type === "single") as Record<string, any>;
      single.options = single.options.slice(0, 2);
    });
    const single = bank.questions.find((q) => q.type === "single")!;
    expect(quizBalanceShortfalls(quizBalance(bank))).toEqual([`single-choice question "${single.id}" has 2 options; at least 3 needed`]);
  });
});

describe("describeQuizBalance", () => {
  test("gives the share and how many single-choice questions have how many options", () => {
    const bank = bankWith(8, (questions) => {
      const single = questions.find((q) => q.type === "single") as Record<string, any>;
      single.options = [...single.options, { id: "d", text: { en: "d", "sr-Latn": "d" }, feedback: { en: "d", "sr-Latn": "d" } }];
    });
    const singles = bank.questions.filter((q) => q.type === "single").length;
    expect(describeQuizBalance(quizBalance(bank))).toBe(`8/16 application (50 %); single choice: 1× 4 options, ${singles - 1}× 3 options`);
  });
});

describe("listQuizShortfalls", () => {
  const { courses } = loadCourses("tests/fixtures/courses");

  test("the fixture course complies", () => {
    expect(courses.length).toBe(1);
    expect(listQuizShortfalls(courses)).toEqual([]);
  });

  test("names the module's quiz file", () => {
    const course = courses[0]!;
    const [first, ...rest] = course.modules;
    const allRecall = { ...first!, bank: { ...first!.bank!, questions: first!.bank!.questions.map((q) => ({ ...q, kind: "recall" as const })) } };
    expect(listQuizShortfalls([{ ...course, modules: [allRecall, ...rest] }])).toEqual([
      `tests/fixtures/courses/fixture-course/${first!.folder}/quiz.yaml: 0 of ${first!.bank!.questions.length} questions are of kind "application" (0 %); at least 40 % needed`,
    ]);
  });
});
