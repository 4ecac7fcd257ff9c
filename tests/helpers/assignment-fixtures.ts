/**
 * Groups, members and assignments written straight into the test database, for tests of what is
 * built on them (emails, reminders) without going through the trainers' pages.
 */
import { assignmentModules, assignments, groupMembers, groups, groupTrainers, moduleCompletions } from "#db/schema";
import { getDb } from "~/utils/db.server";

let counter = 0;

export function createTestGroup(input: { name?: string; trainerId: number; memberIds: number[]; archived?: boolean }) {
  counter += 1;
  const db = getDb();
  const now = new Date();
  const group = db
    .insert(groups)
    .values({ name: input.name ?? `Group ${counter}`, joinCode: `CODE${counter}${process.pid}`, createdBy: input.trainerId, archivedAt: input.archived ? now : null })
    .returning()
    .get();
  db.insert(groupTrainers).values({ groupId: group.id, userId: input.trainerId, addedAt: now }).run();
  for (const userId of input.memberIds) addTestMember(group.id, userId);
  return group;
}

export function addTestMember(groupId: number, userId: number, joinedAt = new Date()) {
  getDb().insert(groupMembers).values({ groupId, userId, joinedAt }).run();
}

export function createTestAssignment(input: { groupId: number; trainerId: number; moduleIds: string[]; dueAt: Date; note?: string; createdAt?: Date; courseId?: string }) {
  const db = getDb();
  const assignment = db
    .insert(assignments)
    .values({ groupId: input.groupId, courseId: input.courseId ?? "fixture-course", dueAt: input.dueAt, note: input.note ?? "", createdBy: input.trainerId, createdAt: input.createdAt ?? new Date() })
    .returning()
    .get();
  for (const moduleId of input.moduleIds) db.insert(assignmentModules).values({ assignmentId: assignment.id, moduleId }).run();
  return assignment;
}

export function completeTestModule(userId: number, moduleId: string, courseId = "fixture-course") {
  getDb().insert(moduleCompletions).values({ userId, courseId, moduleId, completedAt: new Date() }).run();
}
