import { z } from "zod";
import { NavigationSchema, QuizModeSchema } from "~/content/bank.schema";
import type { QuizActor } from "./quiz.machine";

// The quiz machine's input, context and persisted snapshot as zod schemas: checked on the server
// when an attempt is stored or read back. Kept apart from quiz.machine.ts, which the browser runs.

const QuizInputObjectSchema = z
  .object({
    /** The drawn questions, in the order shown. */
    questionIds: z.array(z.string().min(1)).min(1),
    mode: QuizModeSchema,
    navigation: NavigationSchema,
    /** Percent needed to pass. */
    passMark: z.number().min(0).max(100),
    /** Epoch ms at which the attempt expires; null without a time limit. */
    deadline: z.number().nullable(),
  })
  .strict();

export const QuizInputSchema = QuizInputObjectSchema.refine((input) => new Set(input.questionIds).size === input.questionIds.length, { message: "question ids must be unique", path: ["questionIds"] });
export type QuizInput = z.infer<typeof QuizInputSchema>;

export const QuizContextSchema = QuizInputObjectSchema.extend({
  currentIndex: z.number().int().min(0),
  /** The server's grade (0..1) of each answered question. Unanswered questions have none. */
  scores: z.record(z.string(), z.number().min(0).max(1)),
  /** Immediate mode: questions graded and no longer answerable. */
  locked: z.array(z.string()),
  /** The question whose answer was accepted and awaits its grade. */
  pendingQuestionId: z.string().nullable(),
  /** Set when the attempt finishes or expires. */
  scorePercent: z.number().min(0).max(100).nullable(),
})
  .strict()
  .superRefine((context, ctx) => {
    const ids = new Set(context.questionIds);
    const complain = (message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    if (ids.size !== context.questionIds.length) complain("question ids must be unique");
    if (context.currentIndex >= context.questionIds.length) complain("currentIndex is past the last question");
    if (Object.keys(context.scores).some((id) => !ids.has(id))) complain("a score is for a question not in the attempt");
    if (context.locked.some((id) => context.scores[id] === undefined)) complain("a locked question has no score");
    if (context.pendingQuestionId !== null && !ids.has(context.pendingQuestionId)) {
      complain("the pending question is not in the attempt");
    }
  });
export type QuizContext = z.infer<typeof QuizContextSchema>;

const QuizStateValueSchema = z.union([
  z.literal("notStarted"),
  z.object({ answering: z.enum(["ready", "grading"]) }).strict(),
  z.literal("feedback"),
  z.literal("reviewing"),
  z.object({ finished: z.enum(["passed", "failed"]) }).strict(),
  z.object({ expired: z.enum(["passed", "failed"]) }).strict(),
]);

/** A stored snapshot (from `persistQuiz`), checked before it is rehydrated. */
export const PersistedQuizSnapshotSchema = z
  .object({
    status: z.literal("active"),
    value: QuizStateValueSchema,
    context: QuizContextSchema,
    historyValue: z.object({}).strict(),
    children: z.object({}).strict(),
    output: z.undefined().optional(),
    error: z.undefined().optional(),
  })
  .strict()
  .superRefine((snapshot, ctx) => {
    const isGrading = typeof snapshot.value === "object" && "answering" in snapshot.value && snapshot.value.answering === "grading";
    const isOver = typeof snapshot.value === "object" && ("finished" in snapshot.value || "expired" in snapshot.value);
    if (isOver !== (snapshot.context.scorePercent !== null)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["context", "scorePercent"],
        message: "a score percent goes with a finished or expired attempt, and only with it",
      });
    }
    if (isGrading !== (snapshot.context.pendingQuestionId !== null)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["context", "pendingQuestionId"],
        message: "a pending question goes with the grading state, and only with it",
      });
    }
  });
export type PersistedQuizSnapshot = z.infer<typeof PersistedQuizSnapshotSchema>;

/** The actor's state as plain JSON-safe data, for storing with the attempt. */
export function persistQuiz(actor: QuizActor): PersistedQuizSnapshot {
  return PersistedQuizSnapshotSchema.parse(actor.getPersistedSnapshot());
}
