import crypto from "node:crypto";
import { findQuestion, type Question, type QuizBank, type QuizSettings } from "~/content/bank.schema";
import type { Course, Module } from "~/content/loader.server";
import { attemptCounts } from "~/content/versions";
import { getQuizAllowance } from "~/models/adjustments.server";
import { recordCompletions } from "~/models/completions.server";
import { recordAttemptFinished, recordModuleBegun } from "~/models/learner-statistics.server";
import { findAttempt, insertAnswer, insertAttempt, latestAnswers, listAttempts, updateAttemptProgress, updateAttemptResult, type AnswerRow, type AttemptRow } from "~/models/quiz-attempts.server";
import { inTransaction, type Db } from "~/models/transaction.server";
import { errorResponse } from "~/utils/http.server";
import { AnswerSchema, parseAnswerForm, type Answer } from "./answer";
import { drawAttempt } from "./draw";
import { AnswerMismatchError, gradeAnswer } from "./grading.server";
import { canAnswer, createQuizActor, quizView, type QuizActor, type QuizInput } from "./quiz.machine";
import { persistQuiz, PersistedQuizSnapshotSchema } from "./quiz.schemas";

/** A refused quiz request: the status to answer with and an i18n key that explains it. */
export class QuizError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly messageKey: string,
  ) {
    super(messageKey);
  }
  toResponse() {
    return errorResponse(this.messageKey, this.status);
  }
}

export type QuizScope = { userId: number; course: Course; module: Module };

export function requireBank(module: Module): QuizBank {
  if (!module.bank) throw new QuizError(404, "quiz.errors.noQuiz");
  return module.bank;
}

function effectiveDeadline(attempt: AttemptRow): number | null {
  return attempt.deadlineAt ? attempt.deadlineAt.getTime() + attempt.extraMinutes * 60_000 : null;
}

function machineInput(attempt: AttemptRow, settings: QuizSettings): QuizInput {
  return { questionIds: attempt.questionIds, mode: settings.mode, navigation: settings.navigation, passMark: settings.passMark, deadline: effectiveDeadline(attempt) };
}

/** The attempt's machine as stored, with the deadline as it stands now (a trainer may have added time). */
function restoreActor(attempt: AttemptRow, settings: QuizSettings): QuizActor {
  const parsed = PersistedQuizSnapshotSchema.safeParse(attempt.snapshot);
  if (!parsed.success) throw new Error(`attempt ${attempt.id} has an invalid stored snapshot`);
  const snapshot = { ...parsed.data, context: { ...parsed.data.context, deadline: effectiveDeadline(attempt) } };
  return createQuizActor(machineInput(attempt, settings), snapshot);
}

/** Loads an attempt for its owner: another learner's attempt answers 404 like an unknown one, so attempt ids cannot be probed. */
function loadOwnedAttempt(scope: QuizScope, attemptId: number): AttemptRow {
  const attempt = Number.isSafeInteger(attemptId) ? findAttempt(attemptId) : undefined;
  if (!attempt || attempt.courseId !== scope.course.id || attempt.moduleId !== scope.module.id || attempt.userId !== scope.userId) {
    throw new QuizError(404, "quiz.errors.unknownAttempt");
  }
  return attempt;
}

/** Saves the machine's new state and, when it finished or expired, the result and any completion it earns. */
function saveProgress(tx: Db, scope: QuizScope, attempt: AttemptRow, actor: QuizActor, now: Date, bumpRevision: boolean) {
  const view = quizView(actor.getSnapshot());
  const over = view.status === "finished" || view.status === "expired";
  const progress = { snapshot: persistQuiz(actor), revision: bumpRevision || over ? attempt.revision + 1 : attempt.revision };
  if (!over) {
    updateAttemptProgress(tx, attempt.id, progress);
    return null;
  }
  updateAttemptResult(tx, attempt.id, { ...progress, status: view.passed ? "passed" : "failed", scorePercent: view.scorePercent, finishedAt: now });
  recordAttemptFinished(tx, attempt, { scorePercent: view.scorePercent, passed: view.passed }, now);
  return recordCompletions(tx, scope.userId, scope.course, now);
}

/**
 * Whether an attempt cannot go on, found when the learner next comes back:
 * - its time ran out: it ends at its deadline, not when it was found, so the wait before the
 *   next attempt counts from there;
 * - the course was updated and one of its questions no longer exists: it ends now, scored on
 *   what was answered, and the learner can start a new attempt.
 */
function mustSettle(scope: QuizScope, attempt: AttemptRow, now: Date): boolean {
  if (attempt.status !== "in-progress") return false;
  const deadline = effectiveDeadline(attempt);
  return (deadline !== null && now.getTime() >= deadline) || attempt.questionIds.some((id) => !findQuestion(requireBank(scope.module), id));
}

/** Ends the attempt as mustSettle says it must, in the caller's transaction; false when it can go on. */
function settle(tx: Db, scope: QuizScope, attempt: AttemptRow, now: Date): boolean {
  if (!mustSettle(scope, attempt, now)) return false;
  const deadline = effectiveDeadline(attempt);
  const actor = restoreActor(attempt, scope.module.quizSettings);
  if (deadline !== null && now.getTime() >= deadline) {
    actor.send({ type: "quiz.timeout" });
    saveProgress(tx, scope, attempt, actor, new Date(deadline), true);
  } else {
    actor.send({ type: "quiz.finish", now: now.getTime() });
    saveProgress(tx, scope, attempt, actor, now, true);
  }
  return true;
}

/**
 * How many attempts this learner may make at this quiz: the quiz's own limit plus any extra
 * attempts a trainer granted them (app/models/adjustments.server.ts). Everything that counts
 * attempts left (starting one, the pages, what the reveal policy shows) asks here.
 */
export function attemptLimit(scope: QuizScope): number {
  return scope.module.quizSettings.maxAttempts + getQuizAllowance(scope.userId, scope.course.id, scope.module.id).extraAttempts;
}

/**
 * The attempts that count against the limit: a module changed in a later course version than an
 * attempt was made on starts afresh (courses/README.md). Attempt numbers go on across versions.
 */
function countingAttempts(scope: QuizScope, attempts: AttemptRow[]): AttemptRow[] {
  return attempts.filter((a) => attemptCounts(scope.course, scope.module.id, a.contentVersion));
}

/** Attempts left once `attempt` was made: what the reveal policy asks about a finished attempt. */
export function attemptsLeftAfter(scope: QuizScope, attempt: Pick<AttemptRow, "number" | "contentVersion">): number {
  const counts = attemptCounts(scope.course, scope.module.id, attempt.contentVersion);
  const same = listAttempts(scope.userId, scope.course.id, scope.module.id).filter((a) => a.number <= attempt.number && attemptCounts(scope.course, scope.module.id, a.contentVersion) === counts);
  return Math.max(0, attemptLimit(scope) - same.length);
}

export type QuizOverview = ReturnType<typeof getQuizOverview>;

/** Attempts so far and whether a new one may start now. Settles expired attempts first. */
export function getQuizOverview(scope: QuizScope, now: Date) {
  const settings = scope.module.quizSettings;
  const listed = listAttempts(scope.userId, scope.course.id, scope.module.id);
  // Settling writes; a page that finds nothing to settle takes no write lock.
  const settled = listed.some((attempt) => mustSettle(scope, attempt, now))
    ? inTransaction((tx) => {
        for (const attempt of listAttempts(scope.userId, scope.course.id, scope.module.id)) settle(tx, scope, attempt, now);
        return listAttempts(scope.userId, scope.course.id, scope.module.id);
      })
    : listed;
  const attempts = countingAttempts(scope, settled);
  const finished = attempts.filter((a) => a.status !== "in-progress");
  const inProgress = attempts.find((a) => a.status === "in-progress") ?? null;
  const lastFinished = finished.at(-1);
  const allowance = getQuizAllowance(scope.userId, scope.course.id, scope.module.id);
  const maxAttempts = settings.maxAttempts + allowance.extraAttempts;
  const attemptsLeft = Math.max(0, maxAttempts - attempts.length);
  const opensAt = lastFinished?.finishedAt && settings.waitMinutes > 0 ? new Date(lastFinished.finishedAt.getTime() + settings.waitMinutes * 60_000) : null;
  // No attempts left: nothing opens later either.
  const nextAttemptAt = attemptsLeft > 0 && opensAt && opensAt > now ? opensAt : null;
  const scores = finished.map((a) => a.scorePercent ?? 0);
  return {
    settings,
    questionCount: Math.min(settings.questionsPerAttempt, requireBank(scope.module).questions.length),
    maxAttempts,
    /** Extra minutes a new attempt gets on a timed quiz. */
    extraMinutes: settings.timeLimitMinutes ? allowance.extraMinutes : 0,
    attempts: attempts.map((a) => ({ id: a.id, number: a.number, status: a.status, scorePercent: a.scorePercent, startedAt: a.startedAt, finishedAt: a.finishedAt })),
    inProgressId: inProgress?.id ?? null,
    attemptsLeft,
    nextAttemptAt,
    canStart: !inProgress && attemptsLeft > 0 && !nextAttemptAt,
    passed: finished.some((a) => a.status === "passed"),
    bestScore: scores.length > 0 ? Math.max(...scores) : null,
  };
}

/** Starts an attempt (or returns the one in progress): draws questions and stores the machine's first state. */
export function startAttempt(scope: QuizScope, now: Date, seed = crypto.randomInt(0, 2 ** 31)): AttemptRow {
  const bank = requireBank(scope.module);
  const settings = scope.module.quizSettings;
  return inTransaction((tx) => {
    const attempts = listAttempts(scope.userId, scope.course.id, scope.module.id);
    for (const attempt of attempts) settle(tx, scope, attempt, now);
    const all = listAttempts(scope.userId, scope.course.id, scope.module.id);
    const inProgress = all.find((a) => a.status === "in-progress");
    if (inProgress) return inProgress;
    const current = countingAttempts(scope, all);
    const allowance = getQuizAllowance(scope.userId, scope.course.id, scope.module.id);
    if (current.length >= settings.maxAttempts + allowance.extraAttempts) throw new QuizError(409, "quiz.errors.noAttemptsLeft");
    const lastFinishedAt = current.at(-1)?.finishedAt;
    if (lastFinishedAt && now.getTime() < lastFinishedAt.getTime() + settings.waitMinutes * 60_000) throw new QuizError(409, "quiz.errors.wait");

    const drawn = drawAttempt(bank, settings, seed);
    const deadlineAt = settings.timeLimitMinutes ? new Date(now.getTime() + settings.timeLimitMinutes * 60_000) : null;
    // A trainer's extra minutes count on timed quizzes only; they are added to the deadline as it is read.
    const extraMinutes = deadlineAt ? allowance.extraMinutes : 0;
    const deadline = deadlineAt ? deadlineAt.getTime() + extraMinutes * 60_000 : null;
    const actor = createQuizActor({ questionIds: drawn.questionIds, mode: settings.mode, navigation: settings.navigation, passMark: settings.passMark, deadline });
    actor.send({ type: "quiz.start", now: now.getTime() });
    recordModuleBegun(tx, scope.userId, scope.course.id, scope.module.id, now);
    return insertAttempt(tx, {
      userId: scope.userId,
      courseId: scope.course.id,
      moduleId: scope.module.id,
      number: all.length + 1,
      contentVersion: scope.course.version,
      seed,
      questionIds: drawn.questionIds,
      optionOrder: drawn.optionOrder,
      startedAt: now,
      deadlineAt,
      extraMinutes,
      snapshot: persistQuiz(actor),
    });
  });
}

/** Checks shared by every event: the attempt is the user's, still open, its form current and its time not up. Writes nothing. */
function requireOpenAttempt(scope: QuizScope, attemptId: number, now: Date, revision: number | null) {
  const attempt = loadOwnedAttempt(scope, attemptId);
  if (attempt.status !== "in-progress") throw new QuizError(409, "quiz.errors.finished");
  const deadline = effectiveDeadline(attempt);
  if (deadline !== null && now.getTime() >= deadline) throw new QuizError(409, "quiz.errors.timeUp");
  if (revision !== null && revision !== attempt.revision) throw new QuizError(409, "quiz.errors.stale");
  return attempt;
}

export type AnswerResult = { ok: true; finished: boolean } | { ok: false; error: string; field: string | null };

type AnswerInput = { attemptId: number; revision: number; questionId: string; formData: FormData; advance: boolean };
type GradedAnswer = { ok: true; attempt: AttemptRow; actor: QuizActor; answer: Omit<AnswerRow, "id"> } | { ok: false; error: string; field: string | null };

/** Checks one answer against the attempt as stored now, grades it and moves the machine; writes nothing. */
function gradeSubmittedAnswer(scope: QuizScope, bank: QuizBank, input: AnswerInput, now: Date): GradedAnswer {
  const attempt = requireOpenAttempt(scope, input.attemptId, now, input.revision);
  const index = attempt.questionIds.indexOf(input.questionId);
  const question = index === -1 ? undefined : findQuestion(bank, input.questionId);
  if (!question) throw new QuizError(404, "quiz.errors.unknownQuestion");

  const actor = restoreActor(attempt, scope.module.quizSettings);
  // Answering from elsewhere (another question, the summary) first moves there, as the page did.
  const at = quizView(actor.getSnapshot());
  if (at.currentIndex !== index || at.status !== "answering") actor.send({ type: "quiz.goto", index, now: now.getTime() });
  if (quizView(actor.getSnapshot()).currentIndex !== index) throw new QuizError(409, "quiz.errors.notCurrent");
  if (!canAnswer(actor.getSnapshot(), question.id)) throw new QuizError(409, "quiz.errors.locked");

  const parsed = parseAnswerForm(question.type, input.formData, attempt.optionOrder[question.id]);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: answerErrorKey(question), field: issue ? String(issue.path[0] ?? "") : null };
  }
  let score: number;
  try {
    score = gradeAnswer(question, parsed.data).score;
  } catch (error) {
    if (error instanceof AnswerMismatchError) throw new QuizError(400, "quiz.errors.mismatch");
    throw error;
  }
  actor.send({ type: "quiz.answer", questionId: question.id, now: now.getTime() });
  actor.send({ type: "quiz.graded", questionId: question.id, score });
  if (input.advance && scope.module.quizSettings.mode === "deferred") actor.send({ type: "quiz.next", now: now.getTime() });
  return { ok: true, attempt, actor, answer: { attemptId: attempt.id, questionId: question.id, response: parsed.data, score, answeredAt: now } };
}

/** Nothing was written to the attempt between the two reads: every write changes one of these. */
function unchanged(stored: AttemptRow, seen: AttemptRow) {
  return stored.revision === seen.revision && stored.status === seen.status && stored.extraMinutes === seen.extraMinutes && JSON.stringify(stored.snapshot) === JSON.stringify(seen.snapshot);
}

/**
 * Grades and stores one answer, and advances the machine, in one transaction.
 * A form the learner filled in wrongly gives `ok: false` with a message; a refused request throws QuizError.
 *
 * The grading only reads, so it runs before the write lock is taken, which every serving process
 * queues for (bench/changes.md); under the lock the attempt is read again, and graded again if
 * anything was written to it in between.
 */
export function submitAnswer(scope: QuizScope, input: AnswerInput, now: Date): AnswerResult {
  const bank = requireBank(scope.module);
  const early = gradeSubmittedAnswer(scope, bank, input, now);
  if (!early.ok) return early;
  return inTransaction((tx) => {
    const graded = unchanged(loadOwnedAttempt(scope, input.attemptId), early.attempt) ? early : gradeSubmittedAnswer(scope, bank, input, now);
    if (!graded.ok) return graded;
    insertAnswer(tx, graded.answer);
    const completion = saveProgress(tx, scope, graded.attempt, graded.actor, now, true);
    return { ok: true, finished: completion !== null };
  });
}

function answerErrorKey(question: Question): string {
  return `quiz.answerErrors.${question.type}`;
}

export type NavigationEvent = { type: "quiz.next" } | { type: "quiz.previous" } | { type: "quiz.goto"; index: number } | { type: "quiz.review" };

/** Moves through the attempt; navigation never changes answers, so it does not make other forms stale. */
export function navigate(scope: QuizScope, attemptId: number, event: NavigationEvent, now: Date) {
  requireBank(scope.module);
  inTransaction((tx) => {
    const attempt = requireOpenAttempt(scope, attemptId, now, null);
    const actor = restoreActor(attempt, scope.module.quizSettings);
    const before = JSON.stringify(persistQuiz(actor));
    actor.send({ ...event, now: now.getTime() });
    if (JSON.stringify(persistQuiz(actor)) === before) throw new QuizError(409, "quiz.errors.cannotMove");
    saveProgress(tx, scope, attempt, actor, now, false);
  });
}

/** Finishes the attempt; completion of the module (and course) is written in the same transaction. */
export function finishAttempt(scope: QuizScope, attemptId: number, revision: number, now: Date) {
  requireBank(scope.module);
  return inTransaction((tx) => {
    const attempt = requireOpenAttempt(scope, attemptId, now, revision);
    const actor = restoreActor(attempt, scope.module.quizSettings);
    actor.send({ type: "quiz.finish", now: now.getTime() });
    const completion = saveProgress(tx, scope, attempt, actor, now, true);
    if (!completion) throw new QuizError(409, "quiz.errors.cannotFinish");
    return completion;
  });
}

/** The attempt with its machine and latest answers, for the pages. Settles it first if it cannot go on. */
export function loadAttempt(scope: QuizScope, attemptId: number, now: Date) {
  const found = loadOwnedAttempt(scope, attemptId);
  // As in getQuizOverview: the write lock only when there is something to settle.
  const attempt = mustSettle(scope, found, now)
    ? inTransaction((tx) => {
        const current = loadOwnedAttempt(scope, attemptId);
        return settle(tx, scope, current, now) ? loadOwnedAttempt(scope, attemptId) : current;
      })
    : found;
  const answers = new Map<string, Answer>();
  const grades = new Map<string, number>();
  for (const [questionId, row] of latestAnswers(attempt.id)) {
    const parsed = AnswerSchema.safeParse(row.response);
    if (parsed.success) answers.set(questionId, parsed.data);
    grades.set(questionId, row.score);
  }
  const actor = restoreActor(attempt, scope.module.quizSettings);
  // The persisted form (a few hundred bytes of plain data), never the live snapshot with XState's internals.
  return { attempt, snapshot: persistQuiz(actor), view: quizView(actor.getSnapshot()), answers, grades, deadline: effectiveDeadline(attempt) };
}
