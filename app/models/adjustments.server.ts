import { and, desc, eq, inArray, isNull, max, sql } from "drizzle-orm";
import { assignmentAdjustments, assignmentModules, assignments, groupMembers, groups, users } from "#db/schema";
import { getDb, preparedOnce } from "~/utils/db.server";

/** The adjustment in force for one learner on one assignment, with who made it and when. */
export type LearnerAdjustment = {
  assignmentId: number;
  userId: number;
  /** A later due date for this learner; null keeps the assignment's. */
  dueAt: Date | null;
  extraAttempts: number;
  extraMinutes: number;
  changedBy: number | null;
  changedByName: string | null;
  changedAt: Date;
};

/** The latest adjustment row of each (assignment, learner), as a subquery on row ids. */
function latestIds() {
  return getDb()
    .select({ id: max(assignmentAdjustments.id).as("latest_id") })
    .from(assignmentAdjustments)
    .groupBy(assignmentAdjustments.assignmentId, assignmentAdjustments.userId);
}

function selectAdjustments() {
  return getDb()
    .select({
      assignmentId: assignmentAdjustments.assignmentId,
      userId: assignmentAdjustments.userId,
      dueAt: assignmentAdjustments.dueAt,
      extraAttempts: assignmentAdjustments.extraAttempts,
      extraMinutes: assignmentAdjustments.extraMinutes,
      changedBy: assignmentAdjustments.changedBy,
      changedByName: users.fullName,
      changedAt: assignmentAdjustments.changedAt,
    })
    .from(assignmentAdjustments)
    .leftJoin(users, eq(users.id, assignmentAdjustments.changedBy));
}

/**
 * The adjustments in force for every learner on every assignment of a group, by assignment id and
 * then learner id. A learner without an entry has none. Authorise the group first
 * (requireManagedGroup); this reads whatever group it is given.
 */
export function getLearnerAdjustments(groupId: number): Map<number, Map<number, LearnerAdjustment>> {
  const rows = selectAdjustments()
    .innerJoin(assignments, eq(assignments.id, assignmentAdjustments.assignmentId))
    .where(and(eq(assignments.groupId, groupId), inArray(assignmentAdjustments.id, latestIds())))
    .all();
  const byAssignment = new Map<number, Map<number, LearnerAdjustment>>();
  for (const row of rows) {
    let learners = byAssignment.get(row.assignmentId);
    if (!learners) byAssignment.set(row.assignmentId, (learners = new Map()));
    learners.set(row.userId, row);
  }
  return byAssignment;
}

/** One learner's adjustment in force on one assignment, or undefined. */
export function getLearnerAdjustment(assignmentId: number, userId: number): LearnerAdjustment | undefined {
  return selectAdjustments()
    .where(and(eq(assignmentAdjustments.assignmentId, assignmentId), eq(assignmentAdjustments.userId, userId)))
    .orderBy(desc(assignmentAdjustments.id))
    .get();
}

/** The due date that holds for a learner: their own later one if a trainer gave it, else the assignment's. */
export function effectiveDueAt(assignment: { dueAt: Date }, adjustment: Pick<LearnerAdjustment, "dueAt"> | undefined): Date {
  return adjustment?.dueAt && adjustment.dueAt > assignment.dueAt ? adjustment.dueAt : assignment.dueAt;
}

/** Records a new state of one learner's adjustment (the earlier rows stay, as history). */
export function recordAdjustment(input: { assignmentId: number; userId: number; dueAt: Date | null; extraAttempts: number; extraMinutes: number; changedBy: number; changedAt: Date }) {
  getDb().insert(assignmentAdjustments).values(input).run();
}

/** Every change made to one learner's adjustment on an assignment, newest first. */
export function listAdjustmentHistory(assignmentId: number, userId: number): LearnerAdjustment[] {
  return selectAdjustments()
    .where(and(eq(assignmentAdjustments.assignmentId, assignmentId), eq(assignmentAdjustments.userId, userId)))
    .orderBy(desc(assignmentAdjustments.id))
    .all();
}

/**
 * What trainers granted a learner on one module's quiz: the largest extra attempts and extra minutes
 * among the adjustments in force on assignments that include the module, in groups the learner is
 * still a member of and that are not archived. The largest, not the sum: a learner in two groups
 * given one extra attempt in each was meant to get one.
 */
export function getQuizAllowance(userId: number, courseId: string, moduleId: string): { extraAttempts: number; extraMinutes: number } {
  const row = quizAllowance().get({ userId, courseId, moduleId });
  return { extraAttempts: row?.extraAttempts ?? 0, extraMinutes: row?.extraMinutes ?? 0 };
}

// Asked on every load of a quiz attempt's page and every start (bench/changes.md).
const quizAllowance = preparedOnce((db) =>
  db
    .select({
      extraAttempts: sql<number>`coalesce(max(${assignmentAdjustments.extraAttempts}), 0)`,
      extraMinutes: sql<number>`coalesce(max(${assignmentAdjustments.extraMinutes}), 0)`,
    })
    .from(assignmentAdjustments)
    .innerJoin(assignments, eq(assignments.id, assignmentAdjustments.assignmentId))
    .innerJoin(assignmentModules, and(eq(assignmentModules.assignmentId, assignments.id), eq(assignmentModules.moduleId, sql.placeholder("moduleId"))))
    .innerJoin(groups, and(eq(groups.id, assignments.groupId), isNull(groups.archivedAt)))
    .innerJoin(groupMembers, and(eq(groupMembers.groupId, assignments.groupId), eq(groupMembers.userId, sql.placeholder("userId"))))
    .where(and(eq(assignmentAdjustments.userId, sql.placeholder("userId")), eq(assignments.courseId, sql.placeholder("courseId")), inArray(assignmentAdjustments.id, latestIds())))
    .prepare(),
);
