/**
 * The answer form a learner posts for a drawn question, right or wrong, in the attempt's public part
 * ids. Kept free of route modules so that scripts (scripts/crash-test.ts) can use it too.
 */
import type { AttemptRow } from "~/models/quiz-attempts.server";
import { toPublicPartId } from "~/quiz/answer";
import type { Question } from "~/content/bank.schema";

export type Fields = Record<string, string | string[]>;

/** The public id the browser sees for a bank part id in this attempt. */
export function publicIdOf(attempt: Pick<AttemptRow, "optionOrder">, questionId: string, bankId: string): string {
  const index = (attempt.optionOrder[questionId] ?? []).indexOf(bankId);
  if (index === -1) throw new Error(`${bankId} is not drawn for ${questionId}`);
  return toPublicPartId(index);
}

/** The answer fields that score 1 (correct) or 0 (wrong) for `question` in `attempt`. */
export function answerFields(question: Question, attempt: Pick<AttemptRow, "optionOrder">, correct: boolean): Fields {
  const pub = (bankId: string) => publicIdOf(attempt, question.id, bankId);
  switch (question.type) {
    case "single":
      return { option: pub(question.options.find((o) => o.correct === correct)!.id) };
    case "multiple":
      // Only wrong picks score 0; every correct pick and nothing else scores 1.
      return { option: question.options.filter((o) => o.correct === correct).map((o) => pub(o.id)) };
    case "truefalse":
      return { value: String(correct ? question.answer : !question.answer) };
    case "matching": {
      const ids = question.pairs.map((p) => p.id);
      // Wrong: every left side gets the next pair's right side.
      return Object.fromEntries(ids.map((id, i) => [`match.${id}`, pub(correct ? id : ids[(i + 1) % ids.length]!)]));
    }
    case "ordering": {
      const ids = question.items.map((item) => item.id);
      // Wrong: every item one place later than its own (the last goes first).
      return Object.fromEntries(ids.map((id, i) => [`position.${pub(id)}`, String(correct ? i + 1 : ((i + 1) % ids.length) + 1)]));
    }
  }
}

export function toSearchParams(fields: Fields): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const item of Array.isArray(value) ? value : [value]) params.append(name, item);
  return params;
}
