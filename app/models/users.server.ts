import os from "node:os";
import { hash, verify } from "@node-rs/argon2";
import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import pLimit from "p-limit";
import { users, type INSTITUTION_TYPES, type USER_LANGUAGES } from "#db/schema";
import type { DISTRICTS } from "~/accounts/constants";
import { getDb, inTransaction, type Db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import type { Role } from "~/utils/permissions";
import { recordAuditEvent } from "./audit.server";

/** Who made a change and from where, for the audit log; nobody and nowhere for a command-line tool. */
export type ChangeSource = { actorId: number | null; clientAddress: string | null };
const COMMAND_LINE: ChangeSource = { actorId: null, clientAddress: null };

export type InstitutionType = (typeof INSTITUTION_TYPES)[number];
export type UserLanguage = (typeof USER_LANGUAGES)[number];
export type District = (typeof DISTRICTS)[number];

export function normalizeEmail(email: string) {
  return email.trim().toLowerCase();
}

/**
 * Argon2id is memory-hard by design (19 MiB per hash) and needs a core while it runs: this process
 * hashes at most as many passwords at once as it has cores to itself, and the rest wait their turn
 * instead of each holding its memory (a burst of logins measured in bench/changes.md).
 */
let passwordSlots: ReturnType<typeof pLimit> | undefined;
function passwordWork<T>(work: () => Promise<T>) {
  passwordSlots ??= pLimit(Math.max(1, Math.floor(os.availableParallelism() / getEnv().WEB_CONCURRENCY)));
  return passwordSlots(work);
}

/**
 * Passwords are hashed in Unicode normal form C, so that "č" typed as one character or as "c" and a
 * combining caron (as some keyboards and systems send it) is the same password.
 */
export function hashPassword(password: string) {
  // @node-rs/argon2 uses argon2id by default.
  return passwordWork(() => hash(password.normalize("NFC")));
}

/**
 * Checks the normalised password, and then the password as typed: hashes made before passwords were
 * normalised are of the typed form. "legacy" means the typed form matched and the hash should be renewed.
 */
async function verifyPassword(passwordHash: string, password: string): Promise<false | "ok" | "legacy"> {
  const normalized = password.normalize("NFC");
  if (await passwordWork(() => verify(passwordHash, normalized))) return "ok";
  if (normalized !== password && (await passwordWork(() => verify(passwordHash, password)))) return "legacy";
  return false;
}

export async function createUser(input: {
  email: string;
  fullName: string;
  password: string;
  institutionType: InstitutionType;
  organisation?: string | null;
  district?: District | null;
  language: UserLanguage;
  role?: Role;
  /** When the address was confirmed; only the demo accounts are created confirmed. */
  emailVerifiedAt?: Date;
}) {
  const passwordHash = await hashPassword(input.password);
  return getDb()
    .insert(users)
    .values({
      email: normalizeEmail(input.email),
      fullName: input.fullName.trim(),
      passwordHash,
      institutionType: input.institutionType,
      organisation: input.organisation ?? null,
      district: input.district ?? null,
      language: input.language,
      role: input.role ?? "learner",
      emailVerifiedAt: input.emailVerifiedAt ?? null,
    })
    .returning({ id: users.id })
    .get();
}

export function findUserByEmail(email: string) {
  return getDb()
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .get();
}

export function getUserById(id: number) {
  return getDb().select().from(users).where(eq(users.id, id)).get();
}

/** True when the account was erased at its owner's or an admin's request. */
export function isAccountErased(id: number): boolean {
  return Boolean(getDb().select({ erasedAt: users.erasedAt }).from(users).where(eq(users.id, id)).get()?.erasedAt);
}

export function emailTaken(email: string, exceptUserId?: number) {
  const user = findUserByEmail(email);
  return Boolean(user && user.id !== exceptUserId);
}

/** The user when the email and password match an active account, else null. */
export async function verifyLogin(email: string, password: string) {
  const user = findUserByEmail(email);
  if (!user || !user.active) {
    await hashPassword(password); // spend the same time whether or not the account exists
    return null;
  }
  const match = await verifyPassword(user.passwordHash, password);
  if (match === "legacy")
    getDb()
      .update(users)
      .set({ passwordHash: await hashPassword(password) })
      .where(eq(users.id, user.id))
      .run();
  return match ? user : null;
}

/** Whether `password` is the user's current password (asked again before changing the email address). */
export async function passwordMatches(userId: number, password: string) {
  const user = getUserById(userId);
  return Boolean(user && password && (await verifyPassword(user.passwordHash, password)));
}

export async function changePassword(userId: number, currentPassword: string, newPassword: string, source = COMMAND_LINE) {
  const user = getUserById(userId);
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) return false;
  const passwordHash = await hashPassword(newPassword);
  inTransaction((tx) => {
    tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
    recordAuditEvent({ kind: "password.changed", ...source, subjectId: userId });
  });
  return true;
}

export function updateProfile(
  userId: number,
  profile: { fullName: string; email: string; institutionType: InstitutionType; organisation: string | null; district: District | null; language: UserLanguage },
  source = COMMAND_LINE,
) {
  const email = normalizeEmail(profile.email);
  inTransaction((tx) => {
    const before = tx.select({ email: users.email }).from(users).where(eq(users.id, userId)).get();
    tx.update(users)
      // A new address is not confirmed until its own link is followed.
      .set({ ...profile, fullName: profile.fullName.trim(), email, emailVerifiedAt: sql`case when ${users.email} = ${email} then ${users.emailVerifiedAt} else null end` })
      .where(eq(users.id, userId))
      .run();
    if (before && before.email !== email) recordAuditEvent({ kind: "email.changed", ...source, subjectId: userId });
  });
}

export function setUserLanguage(userId: number, language: UserLanguage) {
  getDb().update(users).set({ language }).where(eq(users.id, userId)).run();
}

export function listUsers(search: string, limit = 100) {
  // % and _ are wildcards in LIKE; a search means the characters themselves.
  const term = `%${search
    .trim()
    .toLocaleLowerCase("sr")
    .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return getDb()
    .select({
      id: users.id,
      email: users.email,
      fullName: users.fullName,
      role: users.role,
      active: users.active,
      institutionType: users.institutionType,
      createdAt: users.createdAt,
      erasedAt: users.erasedAt,
    })
    .from(users)
    .where(search.trim() ? or(sql`${users.email} like ${term} escape '\\'`, sql`unicode_lower(${users.fullName}) like ${term} escape '\\'`) : undefined)
    .orderBy(asc(users.fullName))
    .limit(limit)
    .all();
}

/** False when there is no such (non-erased) user. */
export function setUserRole(userId: number, role: Role, source = COMMAND_LINE) {
  return inTransaction((tx) => {
    const before = tx
      .select({ role: users.role })
      .from(users)
      .where(and(eq(users.id, userId), isNull(users.erasedAt)))
      .get();
    if (!before) return false;
    tx.update(users).set({ role }).where(eq(users.id, userId)).run();
    if (before.role !== role) recordAuditEvent({ kind: "role.changed", ...source, subjectId: userId, details: { from: before.role, to: role } });
    return true;
  });
}

/** False when there is no such (non-erased) user. */
export function setUserActive(userId: number, active: boolean, source = COMMAND_LINE) {
  return inTransaction((tx) => {
    const before = tx
      .select({ active: users.active })
      .from(users)
      .where(and(eq(users.id, userId), isNull(users.erasedAt)))
      .get();
    if (!before) return false;
    tx.update(users).set({ active }).where(eq(users.id, userId)).run();
    if (before.active !== active) recordAuditEvent({ kind: active ? "user.activated" : "user.deactivated", ...source, subjectId: userId });
    return true;
  });
}

/** Sets a new password hash chosen from an emailed link; the link also proves the address is the user's. */
export function setPasswordFromEmailLink(tx: Db, userId: number, passwordHash: string, now: Date) {
  tx.update(users)
    .set({ passwordHash, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now.getTime()})` })
    .where(eq(users.id, userId))
    .run();
  recordAuditEvent({ kind: "password.changed", actorId: userId, subjectId: userId, details: { reason: "email-link" }, at: now });
}

/** Marks the user's address as confirmed (the link was sent to the address they have now). */
export function markEmailVerified(tx: Db, userId: number, now: Date) {
  tx.update(users).set({ emailVerifiedAt: now }).where(eq(users.id, userId)).run();
}

export function setRemindersOptOut(userId: number, optOut: boolean) {
  getDb().update(users).set({ remindersOptOut: optOut }).where(eq(users.id, userId)).run();
}

/** True when `email` is the user's current address and they have confirmed it by following a link. */
export function isConfirmedAddress(userId: number, email: string): boolean {
  const user = getUserById(userId);
  return Boolean(user?.emailVerifiedAt && user.email === normalizeEmail(email));
}

/**
 * An account made for someone a trainer imported, inside the import's transaction. Its password is
 * `unusablePasswordHash` (the hash of a secret nobody keeps) until the person sets their own from
 * the invitation.
 */
export function insertInvitedUser(tx: Db, person: { email: string; fullName: string; institutionType: InstitutionType; language: UserLanguage }, unusablePasswordHash: string): number {
  return tx
    .insert(users)
    .values({
      email: normalizeEmail(person.email),
      fullName: person.fullName.trim(),
      passwordHash: unusablePasswordHash,
      institutionType: person.institutionType,
      language: person.language,
      role: "learner",
    })
    .returning({ id: users.id })
    .get().id;
}
