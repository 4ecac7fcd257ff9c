import { z } from "zod";
import { IdSchema, LocalizedTextSchema } from "./localized";

// A field is required unless courses/README.md marks it optional or gives a default.

export const QUESTION_TYPES = ["single", "multiple", "truefalse", "matching", "ordering"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const QuizModeSchema = z.enum(["deferred", "immediate"]);
export type QuizMode = z.infer<typeof QuizModeSchema>;

export const NavigationSchema = z.enum(["free", "sequential"]);
export type Navigation = z.infer<typeof NavigationSchema>;

export const RevealWhenSchema = z.enum(["always", "after-finish", "after-pass-or-last-attempt", "never"]);
export type RevealWhen = z.infer<typeof RevealWhenSchema>;

export const RevealPolicySchema = z
  .object({
    correctness: RevealWhenSchema.default("after-finish"),
    answers: RevealWhenSchema.default("after-pass-or-last-attempt"),
    explanations: RevealWhenSchema.default("after-pass-or-last-attempt"),
  })
  .strict();
export type RevealPolicy = z.infer<typeof RevealPolicySchema>;

/** `module.yaml` → `quiz:`. Every field is optional; parsing fills in the README's defaults. */
export const QuizSettingsSchema = z
  .object({
    mode: QuizModeSchema.default("deferred"),
    questionsPerAttempt: z.number().int().min(1).default(10),
    shuffleQuestions: z.boolean().default(true),
    shuffleOptions: z.boolean().default(true),
    passMark: z.number().min(0).max(100).default(70),
    maxAttempts: z.number().int().min(1).default(3),
    waitMinutes: z.number().int().min(0).default(0),
    timeLimitMinutes: z.number().int().min(1).nullable().default(null),
    navigation: NavigationSchema.default("free"),
    reveal: RevealPolicySchema.default({}),
  })
  .strict();
/** Settings after defaults were applied. */
export type QuizSettings = z.infer<typeof QuizSettingsSchema>;
/** Settings as written in `module.yaml`. */
export type QuizSettingsInput = z.input<typeof QuizSettingsSchema>;

const SourceKeySchema = z.string().regex(/^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/, "must be a source key: letters, digits and dashes");

export const QuizCaseSchema = z
  .object({
    id: IdSchema,
    title: LocalizedTextSchema,
    text: LocalizedTextSchema,
    sources: z.array(SourceKeySchema).min(1, "a case needs at least one source"),
  })
  .strict();
export type QuizCase = z.infer<typeof QuizCaseSchema>;

/** What a question asks for: applying the law or the findings to a situation, or recalling facts, figures, definitions. */
export const QuestionKindSchema = z.enum(["application", "recall"]);
export type QuestionKind = z.infer<typeof QuestionKindSchema>;

const questionFields = {
  id: IdSchema,
  kind: QuestionKindSchema,
  case: IdSchema.optional(),
  prompt: LocalizedTextSchema,
  explanation: LocalizedTextSchema,
};

export const ChoiceOptionSchema = z
  .object({
    id: IdSchema,
    text: LocalizedTextSchema,
    correct: z.boolean().default(false),
    feedback: LocalizedTextSchema,
  })
  .strict();
export type ChoiceOption = z.infer<typeof ChoiceOptionSchema>;

const ChoiceOptionsSchema = z.array(ChoiceOptionSchema).min(2, "a choice question needs 2 to 6 options").max(6, "a choice question needs 2 to 6 options");

export const SingleQuestionSchema = z.object({ ...questionFields, type: z.literal("single"), options: ChoiceOptionsSchema }).strict();

export const MultipleQuestionSchema = z.object({ ...questionFields, type: z.literal("multiple"), options: ChoiceOptionsSchema }).strict();

export const TrueFalseQuestionSchema = z
  .object({
    ...questionFields,
    type: z.literal("truefalse"),
    answer: z.boolean(),
    feedback: z.object({ true: LocalizedTextSchema, false: LocalizedTextSchema }).strict(),
  })
  .strict();

export const MatchingPairSchema = z
  .object({
    id: IdSchema,
    left: LocalizedTextSchema,
    right: LocalizedTextSchema,
    feedback: LocalizedTextSchema.optional(),
  })
  .strict();

export const MatchingQuestionSchema = z
  .object({
    ...questionFields,
    type: z.literal("matching"),
    pairs: z.array(MatchingPairSchema).min(3, "a matching question needs 3 to 6 pairs").max(6, "a matching question needs 3 to 6 pairs"),
  })
  .strict();

export const OrderingItemSchema = z.object({ id: IdSchema, text: LocalizedTextSchema }).strict();

/** Items are authored in the correct order. */
export const OrderingQuestionSchema = z
  .object({
    ...questionFields,
    type: z.literal("ordering"),
    items: z.array(OrderingItemSchema).min(3, "an ordering question needs 3 to 6 items").max(6, "an ordering question needs 3 to 6 items"),
  })
  .strict();

const QuestionUnionSchema = z.discriminatedUnion("type", [SingleQuestionSchema, MultipleQuestionSchema, TrueFalseQuestionSchema, MatchingQuestionSchema, OrderingQuestionSchema]);

export const QuestionSchema = QuestionUnionSchema.superRefine(checkQuestion);
export type Question = z.infer<typeof QuestionSchema>;
export type SingleQuestion = z.infer<typeof SingleQuestionSchema>;
export type MultipleQuestion = z.infer<typeof MultipleQuestionSchema>;
export type TrueFalseQuestion = z.infer<typeof TrueFalseQuestionSchema>;
export type MatchingQuestion = z.infer<typeof MatchingQuestionSchema>;
export type OrderingQuestion = z.infer<typeof OrderingQuestionSchema>;

export const MIN_BANK_QUESTIONS = 15;
export const MIN_BANK_TYPES = 3;

/** `quiz.yaml`: the question bank. Server-only data: it holds the answers. */
export const QuizBankSchema = z
  .object({
    cases: z.array(QuizCaseSchema).default([]),
    questions: z.array(QuestionSchema),
  })
  .strict()
  .superRefine(checkBank);
export type QuizBank = z.infer<typeof QuizBankSchema>;

function checkQuestion(question: z.infer<typeof QuestionUnionSchema>, ctx: z.RefinementCtx) {
  switch (question.type) {
    case "single": {
      const correctCount = question.options.filter((option) => option.correct).length;
      if (correctCount !== 1) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["options"],
          message: `a single-choice question needs exactly one correct option (found ${correctCount})`,
        });
      }
      reportDuplicateIds(question.options, "options", "option", ctx);
      break;
    }
    case "multiple":
      if (!question.options.some((option) => option.correct)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["options"],
          message: "a multiple-choice question needs at least one correct option",
        });
      }
      reportDuplicateIds(question.options, "options", "option", ctx);
      break;
    case "matching":
      reportDuplicateIds(question.pairs, "pairs", "pair", ctx);
      break;
    case "ordering":
      reportDuplicateIds(question.items, "items", "item", ctx);
      break;
    case "truefalse":
      break;
  }
}

function checkBank(bank: { cases: QuizCase[]; questions: Question[] }, ctx: z.RefinementCtx) {
  reportDuplicateIds(bank.cases, "cases", "case", ctx);
  reportDuplicateIds(bank.questions, "questions", "question", ctx);

  const caseIds = new Set(bank.cases.map((quizCase) => quizCase.id));
  bank.questions.forEach((question, index) => {
    if (question.case !== undefined && !caseIds.has(question.case)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["questions", index, "case"],
        message: `unknown case "${question.case}": it is not listed under cases`,
      });
    }
  });

  if (bank.questions.length < MIN_BANK_QUESTIONS) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["questions"],
      message: `a bank needs at least ${MIN_BANK_QUESTIONS} questions (found ${bank.questions.length})`,
    });
  }
  const types = [...new Set(bank.questions.map((question) => question.type))];
  if (types.length < MIN_BANK_TYPES) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["questions"],
      message: `a bank needs questions of at least ${MIN_BANK_TYPES} types (found ${types.join(", ") || "none"})`,
    });
  }
}

function reportDuplicateIds(entries: ReadonlyArray<{ id: string }>, key: string, noun: string, ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    if (seen.has(entry.id)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [key, index, "id"],
        message: `duplicate ${noun} id "${entry.id}"`,
      });
    }
    seen.add(entry.id);
  });
}

/** Looks a question up by id; the caller decides what a miss means. */
export function findQuestion(bank: QuizBank, questionId: string): Question | undefined {
  return bank.questions.find((question) => question.id === questionId);
}
