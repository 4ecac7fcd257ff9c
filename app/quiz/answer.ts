import { z } from "zod";
import type { QuestionType } from "~/content/bank.schema";

// Answers name bank ids (option, pair and item ids): they are what is stored and graded.
// Whether those ids exist in the question is checked by grading, which knows the question.
// Forms use public part ids instead (see `toPublicPartId`); parseAnswerForm translates.

const ChoiceIdSchema = z.string().min(1).max(100);

export const SingleAnswerSchema = z.object({ type: z.literal("single"), optionId: ChoiceIdSchema }).strict();

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
    pairs: z.record(ChoiceIdSchema, ChoiceIdSchema).refine((pairs) => Object.keys(pairs).length <= 6, "Match at most 6 items."),
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
export const AnswerSchema = z.discriminatedUnion("type", [SingleAnswerSchema, MultipleAnswerSchema, TrueFalseAnswerSchema, MatchingAnswerSchema, OrderingAnswerSchema]);
export type Answer = z.infer<typeof AnswerSchema>;
export type AnswerOf<T extends QuestionType> = Extract<Answer, { type: T }>;

/**
 * The browser sees options, matching right sides and ordering items under ids that only say
 * where they were drawn ("p1", "p2", ...), never under their authored ids: those can give the
 * answer away (authors tend to make "a" the correct option; a left and its right share a pair id).
 * Matching left sides keep their pair ids, which reveal nothing.
 */
export function toPublicPartId(drawnIndex: number): string {
  return `p${drawnIndex + 1}`;
}

/** The bank id behind a public part id, given the question's drawn order; undefined if none. */
export function toBankPartId(publicId: string, drawnOrder: readonly string[]): string | undefined {
  const match = /^p([1-9][0-9]*)$/.exec(publicId);
  return match ? drawnOrder[Number(match[1]) - 1] : undefined;
}

/**
 * The HTML form fields of a question, so forms work without JavaScript (ids are public part ids):
 * - single: radio `option`
 * - multiple: checkboxes `option` (repeated)
 * - truefalse: radio `value` = "true" | "false"
 * - matching: one select per left side, `match.<pairId>` = the chosen right side's id
 * - ordering: one select or number input per item, `position.<itemId>` = 1..n
 */
export const ANSWER_FIELDS = {
  option: "option",
  value: "value",
  matchPrefix: "match.",
  positionPrefix: "position.",
} as const;

export type ParsedAnswer = z.SafeParseReturnType<unknown, Answer>;

const NOT_SHOWN = "Choose from what is shown.";

/**
 * Turns a question form's fields into an `Answer` in bank ids.
 *
 * `drawnOrder` is the attempt's drawn order for this question (`optionOrder[questionId]`); it
 * translates public part ids back to bank ids, and is required for every type but truefalse.
 */
export function parseAnswerForm(type: QuestionType, formData: FormData, drawnOrder?: readonly string[]): ParsedAnswer {
  if (type === "truefalse") return parseTrueFalse(formData);
  if (drawnOrder === undefined) {
    throw new TypeError(`parseAnswerForm: a ${type} answer needs the question's drawn order`);
  }
  switch (type) {
    case "single":
      return parseSingle(formData, drawnOrder);
    case "multiple":
      return parseMultiple(formData, drawnOrder);
    case "matching":
      return parseMatching(formData, drawnOrder);
    case "ordering":
      return parseOrdering(formData, drawnOrder);
  }
}

function parseSingle(formData: FormData, drawnOrder: readonly string[]): ParsedAnswer {
  const publicId = getText(formData, ANSWER_FIELDS.option);
  if (publicId === undefined) return failWith("Choose an option.", [ANSWER_FIELDS.option]);
  const optionId = toBankPartId(publicId, drawnOrder);
  if (optionId === undefined) return failWith(NOT_SHOWN, [ANSWER_FIELDS.option]);
  return AnswerSchema.safeParse({ type: "single", optionId });
}

function parseMultiple(formData: FormData, drawnOrder: readonly string[]): ParsedAnswer {
  const publicIds = getTexts(formData, ANSWER_FIELDS.option);
  if (publicIds.length === 0) return failWith("Choose at least one option.", [ANSWER_FIELDS.option]);
  const optionIds = publicIds.map((publicId) => toBankPartId(publicId, drawnOrder));
  if (optionIds.includes(undefined)) return failWith(NOT_SHOWN, [ANSWER_FIELDS.option]);
  return AnswerSchema.safeParse({ type: "multiple", optionIds });
}

function parseTrueFalse(formData: FormData): ParsedAnswer {
  const value = getText(formData, ANSWER_FIELDS.value);
  if (value !== "true" && value !== "false") {
    return failWith("Choose true or false.", [ANSWER_FIELDS.value]);
  }
  return AnswerSchema.safeParse({ type: "truefalse", value: value === "true" });
}

function parseMatching(formData: FormData, drawnOrder: readonly string[]): ParsedAnswer {
  const fields = getPrefixedFields(formData, ANSWER_FIELDS.matchPrefix);
  if (fields.length === 0) return failWith("Choose a match for every item.", [ANSWER_FIELDS.matchPrefix]);
  const pairs: Record<string, string> = {};
  for (const [name, leftId, value] of fields) {
    if (value === "") return failWith("Choose a match for every item.", [name]);
    const rightId = toBankPartId(value, drawnOrder);
    if (rightId === undefined) return failWith(NOT_SHOWN, [name]);
    pairs[leftId] = rightId;
  }
  return AnswerSchema.safeParse({ type: "matching", pairs });
}

function parseOrdering(formData: FormData, drawnOrder: readonly string[]): ParsedAnswer {
  const fields = getPrefixedFields(formData, ANSWER_FIELDS.positionPrefix);
  if (fields.length === 0) return failWith("Put the items in order.", [ANSWER_FIELDS.positionPrefix]);
  const mistake = `Give each item a different position from 1 to ${fields.length}.`;
  const itemAt = new Map<number, string>();
  for (const [name, publicId, value] of fields) {
    const itemId = toBankPartId(publicId, drawnOrder);
    if (itemId === undefined) return failWith(NOT_SHOWN, [name]);
    const position = /^[0-9]+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
    if (!(position >= 1 && position <= fields.length) || itemAt.has(position)) return failWith(mistake, [name]);
    itemAt.set(position, itemId);
  }
  const order = [...itemAt.entries()].sort(([a], [b]) => a - b).map(([, itemId]) => itemId);
  return AnswerSchema.safeParse({ type: "ordering", order });
}

function getText(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" && value !== "" ? value : undefined;
}

function getTexts(formData: FormData, name: string): string[] {
  return formData.getAll(name).filter((value): value is string => typeof value === "string" && value !== "");
}

/** Fields named `<prefix><key>`, as [name, key, value]. */
function getPrefixedFields(formData: FormData, prefix: string): Array<[name: string, key: string, value: string]> {
  const fields: Array<[string, string, string]> = [];
  for (const [name, value] of formData.entries()) {
    if (name.startsWith(prefix) && name.length > prefix.length && typeof value === "string") {
      fields.push([name, name.slice(prefix.length), value]);
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
