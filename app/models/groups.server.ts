import { and, eq } from "drizzle-orm";
import { groups, groupTrainers } from "#db/schema";
import { getDb } from "~/utils/db.server";
import type { Role } from "~/utils/permissions";

export type Group = typeof groups.$inferSelect;

/**
 * The group if `user` may manage it: an admin any group, a trainer only the groups they train
 * (created or co-trained). Ownership is in the query, so a forgotten check cannot leak a group.
 */
export function findManagedGroup(groupId: number, user: { id: number; role: Role }): Group | undefined {
  const db = getDb();
  if (user.role === "admin") return db.select().from(groups).where(eq(groups.id, groupId)).get();
  return db
    .select({ group: groups })
    .from(groups)
    .innerJoin(groupTrainers, and(eq(groupTrainers.groupId, groups.id), eq(groupTrainers.userId, user.id)))
    .where(eq(groups.id, groupId))
    .get()?.group;
}
