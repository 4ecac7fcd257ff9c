import { and, assign, createActor, setup, type Actor, type SnapshotFrom } from "xstate";
// Types only from the zod schemas: this module runs in the browser too, and importing zod here
// put it (about 12 KB gzip) in the quiz page's JavaScript (bench/changes.md).
import type { PersistedQuizSnapshot, QuizContext, QuizInput } from "./quiz.schemas";
import { hasPassed, scoreAttempt } from "./score";

export type { PersistedQuizSnapshot, QuizContext, QuizInput } from "./quiz.schemas";

// The quiz's flow, pure: the server decides what is correct (quiz.graded carries its score),
// the machine decides what happens next. Time comes in on events (`now`, epoch ms).

export type QuizEvent =
  /** The learner starts the attempt. */
  | { type: "quiz.start"; now: number }
  /** The learner submitted an answer to the current question; the server grades it next. */
  | { type: "quiz.answer"; questionId: string; now: number }
  /** The server's grade (0..1) for the answer accepted by the last quiz.answer. */
  | { type: "quiz.graded"; questionId: string; score: number }
  | { type: "quiz.next"; now: number }
  | { type: "quiz.previous"; now: number }
  /** Go to a question by its index in `questionIds`. */
  | { type: "quiz.goto"; index: number; now: number }
  /** Show the summary before finishing. */
  | { type: "quiz.review"; now: number }
  | { type: "quiz.finish"; now: number }
  /** The server found the deadline passed (e.g. when the learner comes back late). */
  | { type: "quiz.timeout" };

/** An event carrying a `now` at or past the deadline ends the attempt as expired. */
const expireIfLate = { guard: "isPastDeadline", target: "#quiz.expired", actions: "recordFinalScore" } as const;

/** What every live state does when time is up; states add their own handling on top. */
const expireWhenTimeIsUp = {
  "quiz.start": expireIfLate,
  "quiz.answer": expireIfLate,
  "quiz.next": expireIfLate,
  "quiz.previous": expireIfLate,
  "quiz.goto": expireIfLate,
  "quiz.review": expireIfLate,
  "quiz.finish": expireIfLate,
  "quiz.timeout": { guard: "hasDeadline", target: "#quiz.expired", actions: "recordFinalScore" },
} as const;

/** Moving between questions; a locked question (immediate mode) is shown as its feedback. */
const navigate = {
  "quiz.next": [
    expireIfLate,
    { guard: and(["hasNextQuestion", "isNextLocked"]), target: "#quiz.feedback", actions: "moveNext" },
    { guard: "hasNextQuestion", target: "#quiz.answering.ready", actions: "moveNext" },
    { target: "#quiz.reviewing" },
  ],
  "quiz.previous": [
    expireIfLate,
    { guard: and(["canGoBack", "isPreviousLocked"]), target: "#quiz.feedback", actions: "movePrevious" },
    { guard: "canGoBack", target: "#quiz.answering.ready", actions: "movePrevious" },
  ],
  "quiz.goto": [expireIfLate, { guard: and(["canGoTo", "isGotoTargetLocked"]), target: "#quiz.feedback", actions: "moveTo" }, { guard: "canGoTo", target: "#quiz.answering.ready", actions: "moveTo" }],
  "quiz.review": [expireIfLate, { target: "#quiz.reviewing" }],
  "quiz.finish": [expireIfLate, { target: "#quiz.finished", actions: "recordFinalScore" }],
} as const;

export const quizMachine = setup({
  types: {
    input: {} as QuizInput,
    context: {} as QuizContext,
    events: {} as QuizEvent,
  },
  guards: {
    isPastDeadline: ({ context, event }) => context.deadline !== null && "now" in event && event.now >= context.deadline,
    hasDeadline: ({ context }) => context.deadline !== null,
    hasPassed: ({ context }) => context.scorePercent !== null && hasPassed(context.scorePercent, context.passMark),
    isImmediate: ({ context }) => context.mode === "immediate",
    isAnswerable: ({ context, event }) => event.type === "quiz.answer" && isAnswerable(context, event.questionId),
    isPendingGrade: ({ context, event }) => event.type === "quiz.graded" && event.questionId === context.pendingQuestionId && event.score >= 0 && event.score <= 1,
    hasNextQuestion: ({ context }) => context.currentIndex < context.questionIds.length - 1,
    isNextLocked: ({ context }) => isLockedAt(context, context.currentIndex + 1),
    canGoBack: ({ context }) => context.navigation === "free" && context.currentIndex > 0,
    isPreviousLocked: ({ context }) => isLockedAt(context, context.currentIndex - 1),
    canGoTo: ({ context, event }) => event.type === "quiz.goto" && canGoTo(context, event.index),
    isGotoTargetLocked: ({ context, event }) => event.type === "quiz.goto" && isLockedAt(context, event.index),
  },
  actions: {
    markPending: assign({
      pendingQuestionId: ({ event }) => (event.type === "quiz.answer" ? event.questionId : null),
    }),
    recordScore: assign(({ context, event }) => (event.type === "quiz.graded" ? { scores: { ...context.scores, [event.questionId]: event.score }, pendingQuestionId: null } : {})),
    lockQuestion: assign({
      locked: ({ context, event }) => (event.type === "quiz.graded" && !context.locked.includes(event.questionId) ? [...context.locked, event.questionId] : context.locked),
    }),
    moveNext: assign({ currentIndex: ({ context }) => context.currentIndex + 1 }),
    movePrevious: assign({ currentIndex: ({ context }) => context.currentIndex - 1 }),
    moveTo: assign({
      currentIndex: ({ context, event }) => (event.type === "quiz.goto" ? event.index : context.currentIndex),
    }),
    recordFinalScore: assign({
      scorePercent: ({ context }) => computeScorePercent(context),
      pendingQuestionId: null,
    }),
  },
}).createMachine({
  id: "quiz",
  context: ({ input }) => ({
    ...input,
    currentIndex: 0,
    scores: {},
    locked: [],
    pendingQuestionId: null,
    scorePercent: null,
  }),
  initial: "notStarted",
  states: {
    notStarted: {
      on: { ...expireWhenTimeIsUp, "quiz.start": [expireIfLate, { target: "answering" }] },
    },
    answering: {
      initial: "ready",
      // Catches time running out in both substates (e.g. navigation while grading).
      on: expireWhenTimeIsUp,
      states: {
        ready: {
          on: {
            ...navigate,
            "quiz.answer": [expireIfLate, { guard: "isAnswerable", target: "grading", actions: "markPending" }],
          },
        },
        grading: {
          on: {
            "quiz.graded": [
              {
                guard: and(["isPendingGrade", "isImmediate"]),
                target: "#quiz.feedback",
                actions: ["recordScore", "lockQuestion"],
              },
              { guard: "isPendingGrade", target: "ready", actions: "recordScore" },
            ],
          },
        },
      },
    },
    /** Immediate mode: the current question is graded and locked; its reveal may be shown. */
    feedback: {
      on: { ...expireWhenTimeIsUp, ...navigate },
    },
    /** The summary before finishing; `selectUnansweredIds` lists what is left. */
    reviewing: {
      on: { ...expireWhenTimeIsUp, "quiz.goto": navigate["quiz.goto"], "quiz.finish": navigate["quiz.finish"] },
    },
    /** Finished by the learner. Terminal: no event leaves it. */
    finished: {
      initial: "judging",
      states: {
        /** Passed through at once: routes by the score just recorded. */
        judging: { always: [{ guard: "hasPassed", target: "passed" }, { target: "failed" }] },
        passed: { type: "final" },
        failed: { type: "final" },
      },
    },
    /** The time limit was reached: scored on what was answered before it. Terminal. */
    expired: {
      initial: "judging",
      states: {
        judging: { always: [{ guard: "hasPassed", target: "passed" }, { target: "failed" }] },
        passed: { type: "final" },
        failed: { type: "final" },
      },
    },
  },
});

function computeScorePercent(context: QuizContext): number {
  const scores = context.questionIds.map((id) => context.scores[id] ?? 0);
  return scoreAttempt(scores, context.questionIds.length);
}

function isLockedAt(context: QuizContext, index: number): boolean {
  const questionId = context.questionIds[index];
  return questionId !== undefined && context.locked.includes(questionId);
}

function isAnswerable(context: QuizContext, questionId: string): boolean {
  return context.questionIds[context.currentIndex] === questionId && !context.locked.includes(questionId);
}

function canGoTo(context: QuizContext, index: number): boolean {
  const isInRange = Number.isInteger(index) && index >= 0 && index < context.questionIds.length;
  return isInRange && (context.navigation === "free" || index >= context.currentIndex);
}

export type QuizSnapshot = SnapshotFrom<typeof quizMachine>;
export type QuizActor = Actor<typeof quizMachine>;

/** Questions without a grade yet, in attempt order. */
export function selectUnansweredIds(context: QuizContext): string[] {
  return context.questionIds.filter((id) => context.scores[id] === undefined);
}

/**
 * Whether `quiz.answer` for this question would be accepted now (ignoring the deadline, which
 * the event's `now` decides): the quiz is answering, the question is the current one, and in
 * immediate mode it is not graded yet. The server answers 409 when this is false.
 */
export function canAnswer(snapshot: QuizSnapshot, questionId: string): boolean {
  return snapshot.matches({ answering: "ready" }) && isAnswerable(snapshot.context, questionId);
}

export type QuizStatus = "notStarted" | "answering" | "grading" | "feedback" | "reviewing" | "finished" | "expired";

export type QuizView = {
  status: QuizStatus;
  currentIndex: number;
  currentQuestionId: string;
  questionCount: number;
  answeredCount: number;
  unansweredIds: string[];
  /** Whether the current question takes an answer now (see `canAnswer`). */
  canAnswerCurrent: boolean;
  /** Set once finished or expired. */
  scorePercent: number | null;
  /** Null until finished or expired. */
  passed: boolean | null;
};

/** What the UI needs to know about where the quiz is. */
export function quizView(snapshot: QuizSnapshot): QuizView {
  const { context } = snapshot;
  const currentQuestionId = context.questionIds[context.currentIndex]!;
  const unansweredIds = selectUnansweredIds(context);
  const isOver = snapshot.matches("finished") || snapshot.matches("expired");
  return {
    status: getStatus(snapshot),
    currentIndex: context.currentIndex,
    currentQuestionId,
    questionCount: context.questionIds.length,
    answeredCount: context.questionIds.length - unansweredIds.length,
    unansweredIds,
    canAnswerCurrent: canAnswer(snapshot, currentQuestionId),
    scorePercent: context.scorePercent,
    passed: isOver ? snapshot.matches({ finished: "passed" }) || snapshot.matches({ expired: "passed" }) : null,
  };
}

function getStatus(snapshot: QuizSnapshot): QuizStatus {
  if (snapshot.matches({ answering: "grading" })) return "grading";
  if (snapshot.matches("answering")) return "answering";
  if (snapshot.matches("feedback")) return "feedback";
  if (snapshot.matches("reviewing")) return "reviewing";
  if (snapshot.matches("finished")) return "finished";
  if (snapshot.matches("expired")) return "expired";
  return "notStarted";
}

/**
 * A started quiz actor: a new attempt from `input`, or — given a stored snapshot, already
 * validated with `PersistedQuizSnapshotSchema` — the attempt where it was left (input is then unused).
 */
export function createQuizActor(input: QuizInput, snapshot?: PersistedQuizSnapshot): QuizActor {
  const actor = snapshot ? createActor(quizMachine, { input, snapshot }) : createActor(quizMachine, { input });
  return actor.start();
}
