import path from "node:path";
import type { QuizBank } from "./bank.schema";
import type { Course } from "./loader.server";

/** courses/README.md: at least this share of a module's bank asks the learner to apply the law or the findings. */
export const MIN_APPLICATION_SHARE = 0.4;
/** A single-choice question with fewer options is close to a true/false question. */
export const MIN_SINGLE_OPTIONS = 3;

export type QuizBalance = {
  questions: number;
  application: number;
  /** application / questions, 0 for an empty bank. */
  applicationShare: number;
  /** Number of options of each single-choice question, by question id. */
  singleChoiceOptions: Record<string, number>;
};

export function quizBalance(bank: QuizBank | null): QuizBalance {
  const questions = bank?.questions ?? [];
  const application = questions.filter((question) => question.kind === "application").length;
  const singleChoiceOptions: Record<string, number> = {};
  for (const question of questions) if (question.type === "single") singleChoiceOptions[question.id] = question.options.length;
  return { questions: questions.length, application, applicationShare: questions.length === 0 ? 0 : application / questions.length, singleChoiceOptions };
}

/** What a module's bank falls short of: too few application questions, single-choice questions with too few options. */
export function quizBalanceShortfalls(balance: QuizBalance): string[] {
  const shortfalls: string[] = [];
  if (balance.questions > 0 && balance.applicationShare < MIN_APPLICATION_SHARE) {
    shortfalls.push(`${balance.application} of ${balance.questions} questions are of kind "application" (${percent(balance.applicationShare)}); at least ${percent(MIN_APPLICATION_SHARE)} needed`);
  }
  for (const [id, options] of Object.entries(balance.singleChoiceOptions)) {
    if (options < MIN_SINGLE_OPTIONS) shortfalls.push(`single-choice question "${id}" has ${options} options; at least ${MIN_SINGLE_OPTIONS} needed`);
  }
  return shortfalls;
}

/** One line per module for the readable summary: the application share and how many single-choice questions have how many options. */
export function describeQuizBalance(balance: QuizBalance): string {
  const byCount = new Map<number, number>();
  for (const options of Object.values(balance.singleChoiceOptions)) byCount.set(options, (byCount.get(options) ?? 0) + 1);
  const counts = [...byCount.entries()].sort(([a], [b]) => b - a).map(([options, n]) => `${n}× ${options} options`);
  return `${balance.application}/${balance.questions} application (${percent(balance.applicationShare)}); single choice: ${counts.join(", ") || "none"}`;
}

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** Every module's shortfalls as `file: message`, the file being the module's quiz.yaml relative to `cwd`. */
export function listQuizShortfalls(courses: Course[], cwd = process.cwd()): string[] {
  return courses.flatMap((course) =>
    course.modules.flatMap((module) => {
      const file = path.relative(cwd, path.join(course.directory, module.folder, "quiz.yaml"));
      return quizBalanceShortfalls(quizBalance(module.bank)).map((message) => `${file}: ${message}`);
    }),
  );
}
