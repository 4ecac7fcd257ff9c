import { and, asc, count, eq, inArray, max, sql } from "drizzle-orm";
import { assignmentModules, assignments, enrolments, groupMembers, lessonProgress, quizAttempts, users } from "#db/schema";
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

/** Times are epoch ms here: thousands of rows a grid reads are not worth a Date each. */
export type LessonDone = { userId: number; courseId: string; lessonId: string; completedAt: number };
export type AttemptSummary = {
  userId: number;
  courseId: string;
  moduleId: string;
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

/**
 * The group's learners' (or one member's) lessons done, quiz attempts (summed per module) and
 * last visits, in the given courses. Each query looks the members' rows up by the index that
 * starts with (user_id, course_id), whatever else the course has: the members are an IN list
 * (a join let SQLite read every attempt in the course instead; tests/integration/progress-grid.test.ts
 * checks the plans).
 */
export function getGroupLearningRecords(groupId: number, courseIds: string[], onlyUserId?: number) {
  const db = getDb();
  if (courseIds.length === 0) return { lessons: [] as LessonDone[], attempts: [] as AttemptSummary[], visits: [] as CourseVisit[] };
  const members = db
    .select({ userId: groupMembers.userId })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), onlyUserId === undefined ? undefined : eq(groupMembers.userId, onlyUserId)));
  const lessons: LessonDone[] = db
    .select({ userId: lessonProgress.userId, courseId: lessonProgress.courseId, lessonId: lessonProgress.lessonId, completedAt: sql<number>`${lessonProgress.completedAt}` })
    .from(lessonProgress)
    .where(and(inArray(lessonProgress.userId, members), inArray(lessonProgress.courseId, courseIds)))
    .all();
  const attempts: AttemptSummary[] = db
    .select({
      userId: quizAttempts.userId,
      courseId: quizAttempts.courseId,
      moduleId: quizAttempts.moduleId,
      attempts: count(),
      inProgress: sql<number>`sum(${quizAttempts.status} = 'in-progress')`,
      passed: sql<number>`sum(${quizAttempts.status} = 'passed')`,
      bestScore: max(quizAttempts.scorePercent),
      passedAt: sql<number | null>`min(case when ${quizAttempts.status} = 'passed' then ${quizAttempts.finishedAt} end)`,
      lastAt: sql<number | null>`max(coalesce(${quizAttempts.finishedAt}, ${quizAttempts.startedAt}))`,
    })
    .from(quizAttempts)
    .where(and(inArray(quizAttempts.userId, members), inArray(quizAttempts.courseId, courseIds)))
    .groupBy(quizAttempts.userId, quizAttempts.courseId, quizAttempts.moduleId)
    .all();
  const visits: CourseVisit[] = db
    .select({ userId: enrolments.userId, courseId: enrolments.courseId, lastVisitedAt: sql<number>`${enrolments.lastVisitedAt}` })
    .from(enrolments)
    .where(and(inArray(enrolments.userId, members), inArray(enrolments.courseId, courseIds)))
    .all();
  return { lessons, attempts, visits };
}
