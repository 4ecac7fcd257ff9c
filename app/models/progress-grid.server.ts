import { and, asc, eq } from "drizzle-orm";
import { assignmentModules, assignments, groupMembers, users } from "#db/schema";
import { getDb } from "~/utils/db.server";

/**
 * What the progress grid of a group is made of, read in a handful of set-based queries (one per
 * table, each joined to the group's members), never one query per learner: the grid of 500
 * learners × 8 modules is in the benchmarks (bench/scenarios/trainer-grid.ts).
 * Callers have already checked that the user manages the group (requireManagedGroup).
 */

export type GroupLearner = { id: number; fullName: string; email: string; institutionType: (typeof users.$inferSelect)["institutionType"] };

const learnerColumns = { id: users.id, fullName: users.fullName, email: users.email, institutionType: users.institutionType };

/** The group's learners; only `onlyUserId` when given (none when they are not a member). */
export function listGroupLearners(groupId: number, onlyUserId?: number): GroupLearner[] {
  return getDb()
    .select(learnerColumns)
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(and(eq(groupMembers.groupId, groupId), onlyUserId === undefined ? undefined : eq(groupMembers.userId, onlyUserId)))
    .all();
}

export type AssignedModule = { assignmentId: number; courseId: string; moduleId: string; dueAt: Date };

/** Every module assigned to the group, once per assignment that names it, earliest due first. */
export function listAssignedModules(groupId: number): AssignedModule[] {
  return getDb()
    .select({ assignmentId: assignments.id, courseId: assignments.courseId, moduleId: assignmentModules.moduleId, dueAt: assignments.dueAt })
    .from(assignments)
    .innerJoin(assignmentModules, eq(assignmentModules.assignmentId, assignments.id))
    .where(eq(assignments.groupId, groupId))
    .orderBy(asc(assignments.dueAt), asc(assignments.id))
    .all();
}

/**
 * Times are epoch ms here: thousands of rows a grid reads are not worth a Date each. A lesson done
 * is a row of values, not an object: a grid reads ten thousand, and naming them costs more than
 * SQLite spends finding them.
 */
export type LessonDone = [userId: number, courseId: string, lessonId: string, completedAt: number];
export type AttemptSummary = {
  userId: number;
  courseId: string;
  moduleId: string;
  /** The course version the attempts were made on: a module changed since needs passing again (app/content/versions.ts). */
  contentVersion: string;
  attempts: number;
  inProgress: number;
  passed: number;
  bestScore: number | null;
  /** When the first passing attempt ended. */
  passedAt: number | null;
  /** The latest start or end of an attempt. */
  lastAt: number | null;
};
export type CourseVisit = { userId: number; courseId: string; lastVisitedAt: number };

/** The group's members, or the one member asked for (`? is null or`: the same statement either way). */
const MEMBERS = "select user_id from group_members where group_id = ? and (? is null or user_id = ?)";
const IN_COURSES = "course_id in (select value from json_each(?))";

/**
 * The group's learners' (or one member's) lessons done, quiz attempts (summed per module and course version) and
 * last visits, in the given courses. Each query looks the members' rows up by the index that
 * starts with (user_id, course_id), whatever else the course has: the members are an IN list
 * (a join let SQLite read every attempt in the course instead; tests/integration/progress-grid.test.ts
 * checks the plans). Plain SQLite statements, not drizzle's builder: mapping each of a grid's
 * rows through drizzle's result mapper cost more than SQLite's reading them.
 */
export function getGroupLearningRecords(groupId: number, courseIds: string[], onlyUserId?: number) {
  if (courseIds.length === 0) return { lessons: [] as LessonDone[], attempts: [] as AttemptSummary[], visits: [] as CourseVisit[] };
  const sqlite = getDb().$client;
  const params: [number, number | null, number | null, string] = [groupId, onlyUserId ?? null, onlyUserId ?? null, JSON.stringify(courseIds)];
  const lessons = sqlite
    .prepare<typeof params, LessonDone>(`select user_id, course_id, lesson_id, completed_at from lesson_progress where user_id in (${MEMBERS}) and ${IN_COURSES}`)
    .raw()
    .all(...params);
  const attempts = sqlite
    .prepare<typeof params, AttemptSummary>(
      `select user_id as userId, course_id as courseId, module_id as moduleId, content_version as contentVersion, count(*) as attempts,
        sum(status = 'in-progress') as inProgress, sum(status = 'passed') as passed, max(score_percent) as bestScore,
        min(case when status = 'passed' then finished_at end) as passedAt, max(coalesce(finished_at, started_at)) as lastAt
      from quiz_attempts where user_id in (${MEMBERS}) and ${IN_COURSES} group by user_id, course_id, module_id, content_version`,
    )
    .all(...params);
  const visits = sqlite
    .prepare<typeof params, CourseVisit>(`select user_id as userId, course_id as courseId, last_visited_at as lastVisitedAt from enrolments where user_id in (${MEMBERS}) and ${IN_COURSES}`)
    .all(...params);
  return { lessons, attempts, visits };
}
