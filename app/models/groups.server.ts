import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { groupMembers, groups, groupTrainers, retiredJoinCodes, users } from "#db/schema";
import { generateJoinCode } from "~/groups/join-code";
import type { GroupInput } from "~/groups/schemas";
import { getDb, inTransaction } from "~/utils/db.server";
import type { Role } from "~/utils/permissions";

export type Group = typeof groups.$inferSelect;
type Manager = { id: number; role: Role };

/**
 * The group if `user` may manage it: an admin any group, a trainer only the groups they train
 * (created or co-trained). Ownership is in the query, so a forgotten check cannot leak a group.
 */
export function findManagedGroup(groupId: number, user: Manager): Group | undefined {
  const db = getDb();
  if (user.role === "admin") return db.select().from(groups).where(eq(groups.id, groupId)).get();
  return db
    .select({ group: groups })
    .from(groups)
    .innerJoin(groupTrainers, and(eq(groupTrainers.groupId, groups.id), eq(groupTrainers.userId, user.id)))
    .where(eq(groups.id, groupId))
    .get()?.group;
}

const memberCount = sql<number>`(select count(*) from ${groupMembers} where ${groupMembers.groupId} = ${groups.id})`.mapWith(Number);

/** The groups `user` manages (an admin: all), current or archived, newest first, with their member counts. */
export function listManagedGroups(user: Manager, archived: boolean) {
  const db = getDb();
  const state = archived ? isNotNull(groups.archivedAt) : isNull(groups.archivedAt);
  const columns = {
    id: groups.id,
    name: groups.name,
    workshopDate: groups.workshopDate,
    workshopPlace: groups.workshopPlace,
    startsOn: groups.startsOn,
    endsOn: groups.endsOn,
    archivedAt: groups.archivedAt,
    members: memberCount,
  };
  if (user.role === "admin") return db.select(columns).from(groups).where(state).orderBy(desc(groups.id)).all();
  return db
    .select(columns)
    .from(groups)
    .innerJoin(groupTrainers, and(eq(groupTrainers.groupId, groups.id), eq(groupTrainers.userId, user.id)))
    .where(state)
    .orderBy(desc(groups.id))
    .all();
}

/** A join code no group has now or had before (retired codes stay reserved, so their message stays true). */
function freshJoinCode(): string {
  const db = getDb();
  for (;;) {
    const code = generateJoinCode();
    const taken =
      db.select({ id: groups.id }).from(groups).where(eq(groups.joinCode, code)).get() ??
      db.select({ code: retiredJoinCodes.code }).from(retiredJoinCodes).where(eq(retiredJoinCodes.code, code)).get();
    if (!taken) return code;
  }
}

/** Creates a group with `creatorId` as its first trainer. */
export function createGroup(input: GroupInput, creatorId: number, now: Date): Group {
  return inTransaction((tx) => {
    const group = tx
      .insert(groups)
      .values({ ...input, joinCode: freshJoinCode(), createdBy: creatorId, createdAt: now })
      .returning()
      .get();
    tx.insert(groupTrainers).values({ groupId: group.id, userId: creatorId, addedAt: now }).run();
    return group;
  });
}

export function updateGroup(groupId: number, input: GroupInput) {
  getDb().update(groups).set(input).where(eq(groups.id, groupId)).run();
}

export function setGroupArchived(groupId: number, archivedAt: Date | null) {
  getDb().update(groups).set({ archivedAt }).where(eq(groups.id, groupId)).run();
}

export function setJoiningOpen(groupId: number, open: boolean) {
  getDb().update(groups).set({ joiningOpen: open }).where(eq(groups.id, groupId)).run();
}

/** Gives the group a new join code; the old one is kept as retired, so it answers "replaced". */
export function regenerateJoinCode(groupId: number, now: Date): string {
  return inTransaction((tx) => {
    const group = tx.select({ joinCode: groups.joinCode }).from(groups).where(eq(groups.id, groupId)).get();
    if (!group) throw new Error(`group ${groupId} does not exist`);
    tx.insert(retiredJoinCodes).values({ code: group.joinCode, groupId, retiredAt: now }).run();
    const code = freshJoinCode();
    tx.update(groups).set({ joinCode: code }).where(eq(groups.id, groupId)).run();
    return code;
  });
}

export type JoinCodeLookup =
  { status: "open"; group: Pick<Group, "id" | "name" | "description" | "workshopDate" | "workshopPlace"> } | { status: "closed" } | { status: "replaced" } | { status: "unknown" };

/** What a (normalised) join code leads to. An archived group takes no one, like a closed one. */
export function lookUpJoinCode(code: string): JoinCodeLookup {
  const db = getDb();
  const group = db.select().from(groups).where(eq(groups.joinCode, code)).get();
  if (group) {
    if (!group.joiningOpen || group.archivedAt) return { status: "closed" };
    const { id, name, description, workshopDate, workshopPlace } = group;
    return { status: "open", group: { id, name, description, workshopDate, workshopPlace } };
  }
  const retired = db.select({ code: retiredJoinCodes.code }).from(retiredJoinCodes).where(eq(retiredJoinCodes.code, code)).get();
  return { status: retired ? "replaced" : "unknown" };
}

export function listGroupTrainers(groupId: number) {
  return getDb()
    .select({ id: users.id, fullName: users.fullName, email: users.email, addedAt: groupTrainers.addedAt })
    .from(groupTrainers)
    .innerJoin(users, eq(users.id, groupTrainers.userId))
    .where(eq(groupTrainers.groupId, groupId))
    .orderBy(asc(groupTrainers.addedAt), asc(users.id))
    .all();
}

/** Adds a co-trainer; false when they already train the group. */
export function addGroupTrainer(groupId: number, userId: number, now: Date): boolean {
  return getDb().insert(groupTrainers).values({ groupId, userId, addedAt: now }).onConflictDoNothing().run().changes > 0;
}

/** Removes a trainer from a group, unless they are its last one. */
export function removeGroupTrainer(groupId: number, userId: number): "removed" | "last" | "not-trainer" {
  return inTransaction((tx) => {
    const trainers = tx.select({ userId: groupTrainers.userId }).from(groupTrainers).where(eq(groupTrainers.groupId, groupId)).all();
    if (!trainers.some((trainer) => trainer.userId === userId)) return "not-trainer";
    if (trainers.length === 1) return "last";
    tx.delete(groupTrainers)
      .where(and(eq(groupTrainers.groupId, groupId), eq(groupTrainers.userId, userId)))
      .run();
    return "removed";
  });
}

export function listGroupMembers(groupId: number) {
  return getDb()
    .select({ id: users.id, fullName: users.fullName, email: users.email, institutionType: users.institutionType, language: users.language, active: users.active, joinedAt: groupMembers.joinedAt })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(eq(groupMembers.groupId, groupId))
    .orderBy(sql`unicode_lower(${users.fullName})`, asc(users.id))
    .all();
}

/** Adds a learner to a group (joining by code, or an import); false when they already were in it. */
export function addGroupMember(groupId: number, userId: number, now: Date): boolean {
  return getDb().insert(groupMembers).values({ groupId, userId, joinedAt: now }).onConflictDoNothing().run().changes > 0;
}

/** Takes a learner out of a group. Their progress, attempts and certificates are theirs and stay. */
export function removeGroupMember(groupId: number, userId: number): boolean {
  return (
    getDb()
      .delete(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)))
      .run().changes > 0
  );
}

export function isGroupMember(groupId: number, userId: number): boolean {
  return Boolean(
    getDb()
      .select({ userId: groupMembers.userId })
      .from(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)))
      .get(),
  );
}

/** The accounts among these (normalised) emails, and whether each is in the group. */
export function findPeopleByEmail(groupId: number, emails: string[]): Map<string, { userId: number; member: boolean }> {
  const db = getDb();
  const found = new Map<string, { userId: number; member: boolean }>();
  // SQLite takes at most 32,766 bound values a statement; an import has at most 2,000 rows.
  for (let start = 0; start < emails.length; start += 1000) {
    const rows = db
      .select({ userId: users.id, email: users.email, member: groupMembers.userId })
      .from(users)
      .leftJoin(groupMembers, and(eq(groupMembers.userId, users.id), eq(groupMembers.groupId, groupId)))
      .where(inArray(users.email, emails.slice(start, start + 1000)))
      .all();
    for (const row of rows) found.set(row.email, { userId: row.userId, member: row.member !== null });
  }
  return found;
}
