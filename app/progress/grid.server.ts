import { z } from "zod";
import { INSTITUTION_TYPES } from "~/accounts/constants";
import { findCourse, findModule, localize } from "~/content/courses.server";
import { attemptCounts } from "~/content/versions";
import type { Course, Module } from "~/content/loader.server";
import type { Language } from "~/content/localized";
import { effectiveDueAt, getLearnerAdjustments } from "~/models/adjustments.server";
import { getGroupLearningRecords, listAssignedModules, listGroupLearners, type AttemptSummary, type GroupLearner } from "~/models/progress-grid.server";
import { errorResponse } from "~/utils/http.server";
import { intlLocale } from "~/utils/i18n";
import { CELL_STATUSES, GRID_ORDERS, GRID_SORTS, type CellStatus } from "./grid";

/** The grid page's and the exports' query string: sort, order and filters; an empty value means "all". */
export const GridQuerySchema = z.object({
  sort: z.enum(GRID_SORTS).default("name"),
  order: z.enum(GRID_ORDERS).default("asc"),
  status: z.enum(CELL_STATUSES).optional(),
  institution: z.enum(INSTITUTION_TYPES).optional(),
});
export type GridQuery = z.infer<typeof GridQuerySchema>;

/** The query of a grid URL; 400 when a parameter has a value the form never sends. */
export function parseGridQuery(url: URL): GridQuery {
  const fields = Object.fromEntries([...url.searchParams].filter(([, value]) => value !== ""));
  const parsed = GridQuerySchema.safeParse(fields);
  if (!parsed.success) throw errorResponse("progress.errors.badQuery", 400);
  return parsed.data;
}

export type GridColumn = {
  courseId: string;
  moduleId: string;
  title: string;
  courseTitle: string;
  /** The earliest due date of the assignments that name the module (epoch ms). */
  dueAt: number;
  lessonsTotal: number;
  quizRequired: boolean;
};

export type GridCell = {
  status: CellStatus;
  lessonsDone: number;
  /** Best quiz score in percent; null before a finished attempt. */
  bestScore: number | null;
  /** Quiz attempts started, and how many the learner may start in all (null without a quiz). */
  attemptsUsed: number;
  attemptsAllowed: number | null;
  quizPassed: boolean;
  /** When the module was completed (its last lesson or its quiz passed, whichever came later), epoch ms. */
  completedAt: number | null;
  dueAt: number;
};

export type GridRow = {
  learner: GroupLearner;
  cells: GridCell[];
  /** Share of the assigned steps done (lessons, and quizzes to pass), 0 to 100. */
  percent: number;
  lastActivityAt: number | null;
};

export type ProgressGrid = { columns: GridColumn[]; rows: GridRow[]; learnerCount: number };

/** The column's assignments (a module may be in several): their ids and due dates. */
type ColumnSource = GridColumn & { course: Course; module: Module; assignments: Array<{ id: number; dueAt: Date }> };

/** The group's assigned modules that exist in the course content, in order of their first due date. */
function gridColumns(groupId: number, language: Language): ColumnSource[] {
  const columns = new Map<string, ColumnSource>();
  for (const assigned of listAssignedModules(groupId)) {
    const key = `${assigned.courseId}/${assigned.moduleId}`;
    const known = columns.get(key);
    if (known) {
      known.dueAt = Math.min(known.dueAt, assigned.dueAt.getTime());
      known.assignments.push({ id: assigned.assignmentId, dueAt: assigned.dueAt });
      continue;
    }
    // A module a course update removed has nothing left to show progress against.
    const course = findCourse(assigned.courseId);
    const module = course && findModule(course, assigned.moduleId);
    if (!course || !module) continue;
    columns.set(key, {
      course,
      module,
      courseId: course.id,
      moduleId: module.id,
      title: localize(module.title, language, course),
      courseTitle: localize(course.title, language, course),
      dueAt: assigned.dueAt.getTime(),
      lessonsTotal: module.lessons.length,
      quizRequired: Boolean(module.bank),
      assignments: [{ id: assigned.assignmentId, dueAt: assigned.dueAt }],
    });
  }
  return [...columns.values()];
}

const latest = (...times: Array<number | null | undefined>) => times.reduce<number | null>((a, b) => (b === null || b === undefined ? a : a === null ? b : Math.max(a, b)), null);

type Adjustments = ReturnType<typeof getLearnerAdjustments>;

/**
 * What holds for one learner in one column after the trainer's adjustments (app/models/adjustments.server.ts):
 * the earliest of their due dates per assignment, each moved later if the learner was given more
 * time, and the quiz's attempts plus the most extra attempts given on any of the assignments.
 */
function learnerTerms(column: ColumnSource, userId: number, adjustments: Adjustments) {
  let dueAt = Infinity;
  let extraAttempts = 0;
  for (const assignment of column.assignments) {
    const adjustment = adjustments.get(assignment.id)?.get(userId);
    dueAt = Math.min(dueAt, effectiveDueAt(assignment, adjustment).getTime());
    extraAttempts = Math.max(extraAttempts, adjustment?.extraAttempts ?? 0);
  }
  return { dueAt, attemptsAllowed: column.quizRequired ? column.module.quizSettings.maxAttempts + extraAttempts : null };
}

/** What a learner has done in one column: lessons of its module done, and when the last was. */
type LessonsDone = { count: number; lastAt: number | null };

/**
 * A learner's state in one assigned module. In order of precedence: passed (every lesson done
 * and the quiz, if any, passed), failed (no attempt left and none passed), overdue (past the due
 * date), in progress (a lesson done or an attempt started), not started.
 */
function cellFor(column: ColumnSource, terms: ReturnType<typeof learnerTerms>, lessons: LessonsDone, quiz: AttemptSummary | undefined, now: number): GridCell {
  const quizPassed = Boolean(quiz && quiz.passed > 0);
  const attemptsUsed = quiz?.attempts ?? 0;
  const { attemptsAllowed, dueAt } = terms;
  const complete = lessons.count === column.lessonsTotal && (!column.quizRequired || quizPassed);
  let status: CellStatus;
  if (complete) status = "passed";
  else if (column.quizRequired && !quizPassed && attemptsAllowed !== null && attemptsUsed >= attemptsAllowed && !quiz?.inProgress) status = "failed";
  else if (now > dueAt) status = "overdue";
  else if (lessons.count > 0 || attemptsUsed > 0) status = "in-progress";
  else status = "not-started";
  return {
    status,
    lessonsDone: lessons.count,
    bestScore: quiz?.bestScore ?? null,
    attemptsUsed,
    attemptsAllowed,
    quizPassed,
    completedAt: complete ? latest(lessons.lastAt, quiz?.passedAt) : null,
    dueAt,
  };
}

/**
 * The progress grid of a group: its learners × its assigned modules, sorted and filtered as
 * asked; with `onlyUserId`, that member's row alone (no row when they are not in the group).
 */
export function buildProgressGrid(groupId: number, language: Language, query: GridQuery, now: Date, onlyUserId?: number): ProgressGrid {
  const columns = gridColumns(groupId, language);
  const learners = listGroupLearners(groupId, onlyUserId);
  const courseIds = [...new Set(columns.map((column) => column.courseId))];
  const records = getGroupLearningRecords(groupId, courseIds, onlyUserId);
  const adjustments = getLearnerAdjustments(groupId);

  // Lessons done are counted per learner and column as the rows come: a lesson is in one module.
  const rowOf = new Map(learners.map((learner, i) => [learner.id, i]));
  const columnOfLesson = new Map<string, number>();
  columns.forEach((column, i) => column.module.lessons.forEach((lesson) => columnOfLesson.set(`${column.courseId}/${lesson.id}`, i)));
  const lessonsDone: LessonsDone[] = Array.from({ length: learners.length * columns.length }, () => ({ count: 0, lastAt: null }));
  const activity = new Map<number, number>();
  const touch = (userId: number, at: number | null) => {
    if (at !== null) activity.set(userId, Math.max(activity.get(userId) ?? at, at));
  };
  for (const [userId, courseId, lessonId, completedAt] of records.lessons) {
    touch(userId, completedAt);
    const column = columnOfLesson.get(`${courseId}/${lessonId}`);
    const learner = rowOf.get(userId);
    if (column === undefined || learner === undefined) continue;
    const done = lessonsDone[learner * columns.length + column];
    done.count += 1;
    done.lastAt = latest(done.lastAt, completedAt);
  }
  // Only the attempts that count in the course's current version, as on the learner's own pages.
  const courseOf = new Map(columns.map((column) => [column.courseId, column.course]));
  const quizOf = new Map<string, AttemptSummary>();
  for (const row of records.attempts) {
    touch(row.userId, row.lastAt);
    const course = courseOf.get(row.courseId);
    if (!course || !attemptCounts(course, row.moduleId, row.contentVersion)) continue;
    const key = `${row.userId}/${row.courseId}/${row.moduleId}`;
    const earlier = quizOf.get(key);
    quizOf.set(key, earlier ? addAttempts(earlier, row) : row);
  }
  for (const row of records.visits) touch(row.userId, row.lastVisitedAt);

  const stepsTotal = columns.reduce((sum, column) => sum + column.lessonsTotal + (column.quizRequired ? 1 : 0), 0);
  const rows: GridRow[] = learners.map((learner, i) => {
    const cells = columns.map((column, j) =>
      cellFor(column, learnerTerms(column, learner.id, adjustments), lessonsDone[i * columns.length + j], quizOf.get(`${learner.id}/${column.courseId}/${column.moduleId}`), now.getTime()),
    );
    const stepsDone = cells.reduce((sum, cell) => sum + cell.lessonsDone + (cell.quizPassed ? 1 : 0), 0);
    return { learner, cells, percent: stepsTotal === 0 ? 0 : Math.floor((stepsDone / stepsTotal) * 100), lastActivityAt: activity.get(learner.id) ?? null };
  });

  const shown = rows.filter((row) => (!query.institution || row.learner.institutionType === query.institution) && (!query.status || row.cells.some((cell) => cell.status === query.status)));
  const collator = new Intl.Collator(intlLocale(language), { sensitivity: "base" });
  const byName = (a: GridRow, b: GridRow) => collator.compare(a.learner.fullName, b.learner.fullName) || a.learner.id - b.learner.id;
  // Never active sorts as the earliest activity; ties go by name.
  const key = (row: GridRow) => (query.sort === "progress" ? row.percent : query.sort === "activity" ? (row.lastActivityAt ?? 0) : 0);
  const direction = query.order === "desc" ? -1 : 1;
  shown.sort((a, b) => (query.sort === "name" ? direction * byName(a, b) : direction * (key(a) - key(b)) || byName(a, b)));
  return { columns: columns.map(({ course: _course, module: _module, assignments: _assignments, ...column }) => column), rows: shown, learnerCount: learners.length };
}

/** Two versions' attempt sums of one learner and module, as one. */
function addAttempts(a: AttemptSummary, b: AttemptSummary): AttemptSummary {
  const either = (x: number | null, y: number | null, pick: (x: number, y: number) => number) => (x === null ? y : y === null ? x : pick(x, y));
  return {
    ...a,
    attempts: a.attempts + b.attempts,
    inProgress: a.inProgress + b.inProgress,
    passed: a.passed + b.passed,
    bestScore: either(a.bestScore, b.bestScore, Math.max),
    passedAt: either(a.passedAt, b.passedAt, Math.min),
    lastAt: latest(a.lastAt, b.lastAt),
  };
}
