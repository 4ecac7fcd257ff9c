import type { MatchingQuestion, MultipleQuestion, OrderingQuestion, Question, QuestionType, SingleQuestion } from "~/content/bank.schema";
import type { Answer, AnswerOf } from "./answer";
import type { PartResult } from "./question-view";
import { scoreAttempt } from "./score";

export { scoreAttempt };

export type Grade = {
  /** 0..1, following the scoring rules in courses/README.md. */
  score: number;
  /** `score === 1` */
  correct: boolean;
  /**
   * How each part of the answer fared:
   * - single, multiple: each chosen option; `correct` says whether that option is a correct one
   * - matching: each pair; `correct` says whether its left side got its own right side
   * - ordering: each item; `correct` says whether it is in its correct position
   * - truefalse: none
   */
  parts: PartResult[];
};

export type AnswerMismatchReason = "wrong-type" | "unknown-id" | "incomplete" | "duplicate";

/**
 * The answer does not fit the question (a tampered or stale form). Not the learner's mistake
 * to correct: the action should respond 400.
 */
export class AnswerMismatchError extends Error {
  override name = "AnswerMismatchError";
  constructor(
    readonly reason: AnswerMismatchReason,
    message: string,
  ) {
    super(message);
  }
}

/** Grades one answer. Throws `AnswerMismatchError` when the answer does not fit the question. */
export function gradeAnswer(question: Question, answer: Answer): Grade {
  switch (question.type) {
    case "single":
      return gradeSingle(question, requireAnswerType(question, answer, "single").optionId);
    case "multiple":
      return gradeMultiple(question, requireAnswerType(question, answer, "multiple").optionIds);
    case "truefalse": {
      const { value } = requireAnswerType(question, answer, "truefalse");
      return toGrade(value === question.answer ? 1 : 0, []);
    }
    case "matching":
      return gradeMatching(question, requireAnswerType(question, answer, "matching").pairs);
    case "ordering":
      return gradeOrdering(question, requireAnswerType(question, answer, "ordering").order);
  }
}

function requireAnswerType<T extends QuestionType>(question: Question, answer: Answer, type: T): AnswerOf<T> {
  if (answer.type !== type) {
    throw new AnswerMismatchError("wrong-type", `question "${question.id}" is ${question.type}, the answer is ${answer.type}`);
  }
  return answer as AnswerOf<T>;
}

function gradeSingle(question: SingleQuestion, optionId: string): Grade {
  const option = findOption(question, optionId);
  return toGrade(option.correct ? 1 : 0, [{ id: option.id, correct: option.correct }]);
}

/** +1/(correct options) per correct pick, −1/(wrong options) per wrong pick, never below 0. */
function gradeMultiple(question: MultipleQuestion, optionIds: readonly string[]): Grade {
  requireUnique(question, optionIds, "option");
  const chosen = optionIds.map((id) => findOption(question, id));
  const correctCount = question.options.filter((option) => option.correct).length;
  const wrongCount = question.options.length - correctCount;
  const correctPicks = chosen.filter((option) => option.correct).length;
  const wrongPicks = chosen.length - correctPicks;
  // Divide counts rather than summing fractions, so all correct picks give exactly 1.
  const score = correctPicks / correctCount - (wrongCount === 0 ? 0 : wrongPicks / wrongCount);
  return toGrade(
    Math.max(0, score),
    chosen.map((option) => ({ id: option.id, correct: option.correct })),
  );
}

/** The share of pairs matched correctly. Every left side must be matched. */
function gradeMatching(question: MatchingQuestion, pairs: Readonly<Record<string, string>>): Grade {
  const pairIds = new Set(question.pairs.map((pair) => pair.id));
  for (const [leftId, rightId] of Object.entries(pairs)) {
    if (!pairIds.has(leftId) || !pairIds.has(rightId)) {
      throw new AnswerMismatchError("unknown-id", `question "${question.id}" has no pair "${pairIds.has(leftId) ? rightId : leftId}"`);
    }
  }
  const parts = question.pairs.map((pair) => {
    const rightId = pairs[pair.id];
    if (rightId === undefined) {
      throw new AnswerMismatchError("incomplete", `question "${question.id}": pair "${pair.id}" is not matched`);
    }
    return { id: pair.id, correct: rightId === pair.id };
  });
  return toGrade(shareCorrect(parts), parts);
}

/** The share of items in their correct position. The order must list every item once. */
function gradeOrdering(question: OrderingQuestion, order: readonly string[]): Grade {
  const itemIds = question.items.map((item) => item.id);
  requireUnique(question, order, "item");
  const unknown = order.find((id) => !itemIds.includes(id));
  if (unknown !== undefined) {
    throw new AnswerMismatchError("unknown-id", `question "${question.id}" has no item "${unknown}"`);
  }
  if (order.length !== itemIds.length) {
    throw new AnswerMismatchError("incomplete", `question "${question.id}": every item needs a position`);
  }
  const parts = itemIds.map((id, index) => ({ id, correct: order[index] === id }));
  return toGrade(shareCorrect(parts), parts);
}

function findOption(question: SingleQuestion | MultipleQuestion, optionId: string) {
  const option = question.options.find((candidate) => candidate.id === optionId);
  if (!option) {
    throw new AnswerMismatchError("unknown-id", `question "${question.id}" has no option "${optionId}"`);
  }
  return option;
}

function requireUnique(question: Question, ids: readonly string[], noun: string) {
  if (new Set(ids).size !== ids.length) {
    throw new AnswerMismatchError("duplicate", `question "${question.id}": an ${noun} is given twice`);
  }
}

function shareCorrect(parts: readonly PartResult[]): number {
  return parts.filter((part) => part.correct).length / parts.length;
}

function toGrade(score: number, parts: PartResult[]): Grade {
  return { score, correct: score === 1, parts };
}
