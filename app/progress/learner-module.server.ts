import type { TFunction } from "i18next";
import { calloutLabels } from "~/content/callout-labels.server";
import { findCourse, findModule } from "~/content/courses.server";
import type { Language } from "~/content/localized";
import { reviewedQuestions } from "~/quiz/attempt-view.server";
import { attemptsLeftAfter, getQuizOverview, loadAttempt, type QuizScope } from "~/quiz/attempts.server";
import { orRespond } from "~/quiz/route-helpers.server";
import { errorResponse } from "~/utils/http.server";
import { buildProgressGrid, GridQuerySchema } from "./grid.server";

const positiveId = (value: string | null | undefined) => (value && /^\d{1,12}$/.test(value) ? Number(value) : null);

/**
 * One learner's record in one module assigned to the group, for their trainer: the grid's cell,
 * the quiz attempts (score, dates, time taken), and the answers of one finished attempt, shown as
 * far as the quiz's reveal policy lets the learner see them now. 404 unless the learner is a
 * member of the group and the module is assigned to it (the caller has checked the group).
 */
export function learnerModuleRecord(input: {
  groupId: number;
  userId: string | undefined;
  courseId: string | undefined;
  moduleId: string | undefined;
  attempt: string | null;
  language: Language;
  t: TFunction;
  now: Date;
}) {
  const { groupId, language, now } = input;
  const userId = positiveId(input.userId);
  if (userId === null) throw errorResponse("progress.errors.unknownLearner", 404);
  const course = input.courseId ? findCourse(input.courseId) : undefined;
  const module = course && input.moduleId ? findModule(course, input.moduleId) : undefined;

  // Attempts whose time ran out are ended first, as the learner's own pages would, so that the cell and the list agree.
  const scope: QuizScope | null = course && module ? { userId, course, module } : null;
  const grid = buildProgressGrid(groupId, language, GridQuerySchema.parse({}), now, userId);
  const row = grid.rows[0];
  if (!row) throw errorResponse("progress.errors.unknownLearner", 404);
  const index = scope ? grid.columns.findIndex((column) => column.courseId === scope.course.id && column.moduleId === scope.module.id) : -1;
  if (!scope || index === -1) throw errorResponse("progress.errors.unknownModule", 404);

  const overview = scope.module.bank ? orRespond(() => getQuizOverview(scope, now)) : null;
  // Settling may have ended an attempt: read the cell again.
  const cell = overview ? buildProgressGrid(groupId, language, GridQuerySchema.parse({}), now, userId).rows[0].cells[index] : row.cells[index];
  const attempts = (overview?.attempts ?? []).map((attempt) => ({
    id: attempt.id,
    number: attempt.number,
    status: attempt.status,
    scorePercent: attempt.scorePercent,
    startedAt: attempt.startedAt.getTime(),
    finishedAt: attempt.finishedAt?.getTime() ?? null,
  }));

  const finished = attempts.filter((attempt) => attempt.status !== "in-progress");
  const wanted = input.attempt === null ? (finished.at(-1)?.id ?? null) : positiveId(input.attempt);
  const selected = wanted === null ? null : finished.find((attempt) => attempt.id === wanted);
  if (input.attempt !== null && !selected) throw errorResponse("progress.errors.unknownAttempt", 404);

  let answers = null;
  if (selected && overview) {
    const loaded = orRespond(() => loadAttempt(scope, selected.id, now));
    const context = { course: scope.course, module: scope.module, language, labels: calloutLabels(language, input.t) };
    // What the learner may see of this attempt now: the same moment their review page uses.
    const moment = { finished: true, passed: loaded.attempt.status === "passed", attemptsLeft: attemptsLeftAfter(scope, loaded.attempt) };
    answers = {
      attemptId: selected.id,
      number: selected.number,
      questionCount: loaded.attempt.questionIds.length,
      questions: reviewedQuestions(context, loaded.attempt, loaded.answers, moment),
    };
  }
  return { learner: row.learner, column: grid.columns[index], cell, hasQuiz: Boolean(scope.module.bank), attempts, answers };
}
