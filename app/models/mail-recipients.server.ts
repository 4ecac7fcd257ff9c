import { and, asc, desc, eq, gte, inArray, isNull, or } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { assignmentAdjustments, assignmentModules, assignments, groupMembers, groups, groupTrainers, moduleCompletions, users } from "#db/schema";
import { getDb } from "~/utils/db.server";

/** Who an email goes to, in which language. */
export function getMailRecipient(userId: number) {
  return getDb()
    .select({ id: users.id, email: users.email, fullName: users.fullName, language: users.language, active: users.active, emailVerifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.id, userId))
    .get();
}

const creators = alias(users, "creators");

/** The group a user joined last, with its creator's name, for the invitation's "added you to". */
export function getLatestGroupOf(userId: number) {
  return getDb()
    .select({ name: groups.name, trainerName: creators.fullName })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .leftJoin(creators, eq(creators.id, groups.createdBy))
    .where(eq(groupMembers.userId, userId))
    .orderBy(desc(groupMembers.joinedAt))
    .limit(1)
    .get();
}

export type AssignmentForMail = NonNullable<ReturnType<typeof getAssignmentForMail>>;

/** An assignment with its group, the trainer who set it and its modules; undefined when unknown. */
export function getAssignmentForMail(assignmentId: number) {
  const db = getDb();
  const row = db
    .select({
      id: assignments.id,
      groupId: assignments.groupId,
      courseId: assignments.courseId,
      dueAt: assignments.dueAt,
      note: assignments.note,
      createdAt: assignments.createdAt,
      groupName: groups.name,
      groupArchivedAt: groups.archivedAt,
      trainerName: creators.fullName,
    })
    .from(assignments)
    .innerJoin(groups, eq(groups.id, assignments.groupId))
    .leftJoin(creators, eq(creators.id, assignments.createdBy))
    .where(eq(assignments.id, assignmentId))
    .get();
  if (!row) return undefined;
  const moduleIds = db
    .select({ moduleId: assignmentModules.moduleId })
    .from(assignmentModules)
    .where(eq(assignmentModules.assignmentId, assignmentId))
    .all()
    .map((m) => m.moduleId);
  return { ...row, moduleIds };
}

/**
 * The active members of the assignment's group, each with the assigned modules they have not
 * completed yet (an empty list: done).
 */
export function listAssignmentLearners(assignment: Pick<AssignmentForMail, "groupId" | "courseId" | "moduleIds">) {
  const db = getDb();
  const members = db
    .select({ id: users.id, email: users.email, fullName: users.fullName, language: users.language, remindersOptOut: users.remindersOptOut })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(and(eq(groupMembers.groupId, assignment.groupId), eq(users.active, true)))
    .orderBy(users.fullName)
    .all();
  if (members.length === 0 || assignment.moduleIds.length === 0) return members.map((member) => ({ ...member, missingModuleIds: assignment.moduleIds }));
  const completed = new Set(
    db
      .select({ userId: moduleCompletions.userId, moduleId: moduleCompletions.moduleId })
      .from(moduleCompletions)
      .innerJoin(groupMembers, and(eq(groupMembers.userId, moduleCompletions.userId), eq(groupMembers.groupId, assignment.groupId)))
      .where(and(eq(moduleCompletions.courseId, assignment.courseId), inArray(moduleCompletions.moduleId, assignment.moduleIds)))
      .all()
      .map((c) => `${c.userId} ${c.moduleId}`),
  );
  return members.map((member) => ({ ...member, missingModuleIds: assignment.moduleIds.filter((moduleId) => !completed.has(`${member.id} ${moduleId}`)) }));
}

/**
 * Ids of the assignments of groups that are not archived whose due date (or a learner's adjusted
 * one) falls on or after `since`: the ones reminders can still be about.
 */
export function listCurrentAssignmentIds(since: Date): number[] {
  const db = getDb();
  const adjusted = db.select({ id: assignmentAdjustments.assignmentId }).from(assignmentAdjustments).where(gte(assignmentAdjustments.dueAt, since));
  return db
    .select({ id: assignments.id })
    .from(assignments)
    .innerJoin(groups, and(eq(groups.id, assignments.groupId), isNull(groups.archivedAt)))
    .where(or(gte(assignments.dueAt, since), inArray(assignments.id, adjusted)))
    .orderBy(assignments.id)
    .all()
    .map((row) => row.id);
}

/** Groups (not archived) with an assignment due on or after `since`, each with its active trainers. */
export function listGroupsForDigest(since: Date) {
  const db = getDb();
  const current = db.selectDistinct({ groupId: assignments.groupId }).from(assignments).where(gte(assignments.dueAt, since));
  const rows = db
    .select({ groupId: groups.id, groupName: groups.name, trainerId: users.id, email: users.email, fullName: users.fullName, language: users.language })
    .from(groups)
    .innerJoin(groupTrainers, eq(groupTrainers.groupId, groups.id))
    .innerJoin(users, and(eq(users.id, groupTrainers.userId), eq(users.active, true)))
    .where(and(isNull(groups.archivedAt), inArray(groups.id, current)))
    .orderBy(groups.id, users.id)
    .all();
  const byGroup = new Map<number, { groupId: number; groupName: string; trainers: Array<{ id: number; email: string; fullName: string; language: (typeof rows)[number]["language"] }> }>();
  for (const row of rows) {
    let group = byGroup.get(row.groupId);
    if (!group) byGroup.set(row.groupId, (group = { groupId: row.groupId, groupName: row.groupName, trainers: [] }));
    group.trainers.push({ id: row.trainerId, email: row.email, fullName: row.fullName, language: row.language });
  }
  return [...byGroup.values()];
}

/** The group's assignments due on or after `since`, by due date. */
export function listGroupAssignmentIds(groupId: number, since: Date): number[] {
  return getDb()
    .select({ id: assignments.id })
    .from(assignments)
    .where(and(eq(assignments.groupId, groupId), gte(assignments.dueAt, since)))
    .orderBy(asc(assignments.dueAt), asc(assignments.id))
    .all()
    .map((row) => row.id);
}
