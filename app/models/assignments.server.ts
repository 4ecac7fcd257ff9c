import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { assignmentModules, assignments, groupMembers, groups, users } from "#db/schema";
import { getDb, type Db } from "~/utils/db.server";

export type Assignment = typeof assignments.$inferSelect;
export type AssignmentWithModules = Assignment & { moduleIds: string[] };

function withModules(rows: Assignment[]): AssignmentWithModules[] {
  if (rows.length === 0) return [];
  const modules = getDb()
    .select()
    .from(assignmentModules)
    .where(
      inArray(
        assignmentModules.assignmentId,
        rows.map((row) => row.id),
      ),
    )
    .all();
  return rows.map((row) => ({ ...row, moduleIds: modules.filter((m) => m.assignmentId === row.id).map((m) => m.moduleId) }));
}

/** Writes an assignment and its modules (for a whole course, all of its modules as they are now). */
export function insertAssignment(
  tx: Db,
  input: { groupId: number; courseId: string; wholeCourse: boolean; moduleIds: string[]; dueAt: Date; note: string; createdBy: number; createdAt: Date },
): number {
  const { moduleIds, ...values } = input;
  const { id } = tx.insert(assignments).values(values).returning({ id: assignments.id }).get();
  for (const moduleId of moduleIds) tx.insert(assignmentModules).values({ assignmentId: id, moduleId }).run();
  return id;
}

/** A group's assignments, soonest due first. */
export function listGroupAssignments(groupId: number): AssignmentWithModules[] {
  return withModules(getDb().select().from(assignments).where(eq(assignments.groupId, groupId)).orderBy(asc(assignments.dueAt), asc(assignments.id)).all());
}

/** An assignment of this group (an id of another group's assignment finds nothing). */
export function findGroupAssignment(groupId: number, assignmentId: number): AssignmentWithModules | undefined {
  const row = getDb()
    .select()
    .from(assignments)
    .where(and(eq(assignments.id, assignmentId), eq(assignments.groupId, groupId)))
    .get();
  return row ? withModules([row])[0] : undefined;
}

/** Removes an assignment of this group with its per-learner adjustments; the learners' progress stays. */
export function deleteGroupAssignment(groupId: number, assignmentId: number): boolean {
  return (
    getDb()
      .delete(assignments)
      .where(and(eq(assignments.id, assignmentId), eq(assignments.groupId, groupId)))
      .run().changes > 0
  );
}

/** What is assigned to a learner: the assignments of the groups they are in that are not archived. */
export function listAssignmentsForLearner(userId: number) {
  const rows = getDb()
    .select({ assignment: assignments, groupName: groups.name, trainerName: users.fullName })
    .from(assignments)
    .innerJoin(groups, and(eq(groups.id, assignments.groupId), isNull(groups.archivedAt)))
    .innerJoin(groupMembers, and(eq(groupMembers.groupId, groups.id), eq(groupMembers.userId, userId)))
    .leftJoin(users, eq(users.id, assignments.createdBy))
    .all();
  const full = withModules(rows.map((row) => row.assignment));
  return full.map((assignment, index) => ({ ...assignment, groupName: rows[index].groupName, trainerName: rows[index].trainerName }));
}
