import { z } from "zod";
import type { QuestionType } from "./bank.schema";

// Answers name bank ids (option, pair and item ids). Whether those ids exist in the
// question is checked by grading, which knows the question.

const ChoiceIdSchema = z.string().min(1).max(100);

export const SingleAnswerSchema = z
  .object({ type: z.literal("single"), optionId: ChoiceIdSchema })
  .strict();

export const MultipleAnswerSchema = z
  .object({
    type: z.literal("multiple"),
    optionIds: z
      .array(ChoiceIdSchema)
      .min(1, "Choose at least one option.")
      .max(6, "Choose at most 6 options.")
      .refine((ids) => new Set(ids).size === ids.length, "Choose each option only once."),
  })
  .strict();

export const TrueFalseAnswerSchema = z.object({ type: z.literal("truefalse"), value: z.boolean() }).strict();

/** `pairs` maps a pair's id (its left side) to the id of the pair whose right side was chosen. */
export const MatchingAnswerSchema = z
  .object({
    type: z.literal("matching"),
    pairs: z
      .record(ChoiceIdSchema, ChoiceIdSchema)
      .refine((pairs) => Object.keys(pairs).length <= 6, "Match at most 6 items."),
  })
  .strict();

/** `order` lists item ids from first to last. */
export const OrderingAnswerSchema = z
  .object({
    type: z.literal("ordering"),
    order: z
      .array(ChoiceIdSchema)
      .max(6, "Order at most 6 items.")
      .refine((ids) => new Set(ids).size === ids.length, "Give each item its own position."),
  })
  .strict();

/** A learner's response to one question: what is stored and graded. */
export const AnswerSchema = z.discriminatedUnion("type", [
  SingleAnswerSchema,
  MultipleAnswerSchema,
  TrueFalseAnswerSchema,
  MatchingAnswerSchema,
  OrderingAnswerSchema,
]);
export type Answer = z.infer<typeof AnswerSchema>;
export type AnswerOf<T extends QuestionType> = Extract<Answer, { type: T }>;

/**
 * The HTML form fields a question's form uses, so it works without JavaScript:
 * - single: radio `option` = option id
 * - multiple: checkboxes `option` (repeated) = option id
 * - truefalse: radio `value` = "true" | "false"
 * - matching: one select per left side, `match.<pairId>` = public right id (see `toPublicRightId`)
 * - ordering: one select or number input per item, `position.<itemId>` = 1..n
 */
export const ANSWER_FIELDS = {
  option: "option",
  value: "value",
  matchPrefix: "match.",
  positionPrefix: "position.",
} as const;

/**
 * Matching right sides are shown under ids that only say where they were drawn ("r1", "r2", ...),
 * because showing them under their pair ids would pair each left with its right in the page.
 */
export function toPublicRightId(drawnIndex: number): string {
  return `r${drawnIndex + 1}`;
}

export type ParsedAnswer = z.SafeParseReturnType<unknown, Answer>;

/**
 * Turns a question form's fields into an `Answer`.
 *
 * `rightOrder` is the attempt's drawn order for this question (`optionOrder[questionId]`).
 * It is required for matching questions — it translates public right ids back to pair ids —
 * and ignored otherwise.
 */
export function parseAnswerForm(
  type: QuestionType,
  formData: FormData,
  rightOrder?: readonly string[],
): ParsedAnswer {
  switch (type) {
    case "single": {
      const optionId = getText(formData, ANSWER_FIELDS.option);
      return optionId === undefined
        ? failWith("Choose an option.", [ANSWER_FIELDS.option])
        : AnswerSchema.safeParse({ type, optionId });
    }
    case "multiple": {
      const optionIds = getTexts(formData, ANSWER_FIELDS.option);
      return optionIds.length === 0
        ? failWith("Choose at least one option.", [ANSWER_FIELDS.option])
        : AnswerSchema.safeParse({ type, optionIds });
    }
    case "truefalse":
      return parseTrueFalse(formData);
    case "matching":
      if (rightOrder === undefined) {
        throw new TypeError("parseAnswerForm: a matching answer needs the drawn right-side order");
      }
      return parseMatching(formData, rightOrder);
    case "ordering":
      return parseOrdering(formData);
  }
}

function parseTrueFalse(formData: FormData): ParsedAnswer {
  const value = getText(formData, ANSWER_FIELDS.value);
  if (value !== "true" && value !== "false") {
    return failWith("Choose true or false.", [ANSWER_FIELDS.value]);
  }
  return AnswerSchema.safeParse({ type: "truefalse", value: value === "true" });
}

function parseMatching(formData: FormData, rightOrder: readonly string[]): ParsedAnswer {
  const pairs: Record<string, string> = {};
  for (const [name, value] of getPrefixedFields(formData, ANSWER_FIELDS.matchPrefix)) {
    if (value === "") {
      return failWith("Choose a match for every item.", [name]);
    }
    const index = rightOrder.findIndex((_, drawnIndex) => toPublicRightId(drawnIndex) === value);
    if (index === -1) {
      return failWith("Choose a match from the list.", [name]);
    }
    pairs[name.slice(ANSWER_FIELDS.matchPrefix.length)] = rightOrder[index]!;
  }
  if (Object.keys(pairs).length === 0) {
    return failWith("Choose a match for every item.", [ANSWER_FIELDS.matchPrefix]);
  }
  return AnswerSchema.safeParse({ type: "matching", pairs });
}

function parseOrdering(formData: FormData): ParsedAnswer {
  const fields = getPrefixedFields(formData, ANSWER_FIELDS.positionPrefix);
  const count = fields.length;
  const mistake = `Give each item a different position from 1 to ${count}.`;
  if (count === 0) {
    return failWith("Put the items in order.", [ANSWER_FIELDS.positionPrefix]);
  }
  const byPosition = new Map<number, string>();
  for (const [name, value] of fields) {
    const position = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
    if (!(position >= 1 && position <= count) || byPosition.has(position)) {
      return failWith(mistake, [name]);
    }
    byPosition.set(position, name.slice(ANSWER_FIELDS.positionPrefix.length));
  }
  const order = [...byPosition.entries()].sort(([a], [b]) => a - b).map(([, itemId]) => itemId);
  return AnswerSchema.safeParse({ type: "ordering", order });
}

function getText(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" && value !== "" ? value : undefined;
}

function getTexts(formData: FormData, name: string): string[] {
  return formData.getAll(name).filter((value): value is string => typeof value === "string" && value !== "");
}

function getPrefixedFields(formData: FormData, prefix: string): Array<[name: string, value: string]> {
  const fields: Array<[string, string]> = [];
  for (const [name, value] of formData.entries()) {
    if (name.startsWith(prefix) && name.length > prefix.length && typeof value === "string") {
      fields.push([name, value]);
    }
  }
  return fields;
}

function failWith(message: string, path: Array<string | number>): ParsedAnswer {
  return {
    success: false,
    error: new z.ZodError([{ code: z.ZodIssueCode.custom, message, path }]),
  };
}
