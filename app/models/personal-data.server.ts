import { and, eq, getTableName, inArray, or, sql, type SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import {
  assignmentAdjustments,
  assignments,
  auditEvents,
  certificateEvents,
  certificates,
  courseCompletions,
  enrolments,
  groupMembers,
  groups,
  groupTrainers,
  learnerActivityMonths,
  learnerModuleStats,
  lessonProgress,
  mailMessages,
  moduleCompletions,
  quizAnswers,
  quizAttempts,
  sessions,
  userTokens,
  users,
} from "#db/schema";
import { getDb, type Db } from "~/utils/db.server";

type Person = { id: number; email: string };

/**
 * Where a user's data lives (docs/decisions/0011-erasing-an-account.md). Every column that refers
 * to users is covered by one entry here (`refers`, as `table.column`); a test reads the schema's
 * foreign keys and user-like columns and fails when one is missing. Each entry is a section of the
 * export and says what erasure does with its rows:
 * - `delete`: rows about the person that serve nobody once the account is gone;
 * - `keep`: rows that stay attached to the anonymised account: learning records, which the
 *   certificates and the statistics are counted from, certificates (verifiable by their code),
 *   the append-only audit log, and what the person did as a trainer or admin.
 */
type Holding = {
  section: string;
  table: SQLiteTable;
  refers: string[];
  rows: (person: Person) => SQL | undefined;
  erasure: "delete" | "keep" | "anonymise";
  /** Properties left out of the export: secrets (a session id, a token's hash), not facts about the person. */
  secret?: string[];
};

const attemptsOf = (person: Person) => sql`(select ${quizAttempts.id} from ${quizAttempts} where ${quizAttempts.userId} = ${person.id})`;
const certificatesOf = (person: Person) => sql`(select ${certificates.id} from ${certificates} where ${certificates.userId} = ${person.id})`;

export const PERSONAL_DATA: readonly Holding[] = [
  { section: "profile", table: users, refers: [], rows: (p) => eq(users.id, p.id), erasure: "anonymise", secret: ["passwordHash"] },
  { section: "sessions", table: sessions, refers: ["sessions.user_id"], rows: (p) => eq(sessions.userId, p.id), erasure: "delete", secret: ["id"] },
  { section: "emailLinks", table: userTokens, refers: ["user_tokens.user_id"], rows: (p) => eq(userTokens.userId, p.id), erasure: "delete", secret: ["tokenHash"] },
  { section: "mail", table: mailMessages, refers: ["mail_messages.user_id"], rows: (p) => or(eq(mailMessages.userId, p.id), eq(mailMessages.recipient, p.email)), erasure: "delete" },
  { section: "groupMemberships", table: groupMembers, refers: ["group_members.user_id"], rows: (p) => eq(groupMembers.userId, p.id), erasure: "delete" },
  { section: "groupsTrained", table: groupTrainers, refers: ["group_trainers.user_id"], rows: (p) => eq(groupTrainers.userId, p.id), erasure: "delete" },
  { section: "adjustments", table: assignmentAdjustments, refers: ["assignment_adjustments.user_id"], rows: (p) => eq(assignmentAdjustments.userId, p.id), erasure: "delete" },
  { section: "lessonProgress", table: lessonProgress, refers: ["lesson_progress.user_id"], rows: (p) => eq(lessonProgress.userId, p.id), erasure: "keep" },
  { section: "enrolments", table: enrolments, refers: ["enrolments.user_id"], rows: (p) => eq(enrolments.userId, p.id), erasure: "keep" },
  { section: "quizAttempts", table: quizAttempts, refers: ["quiz_attempts.user_id"], rows: (p) => eq(quizAttempts.userId, p.id), erasure: "keep" },
  { section: "quizAnswers", table: quizAnswers, refers: [], rows: (p) => inArray(quizAnswers.attemptId, attemptsOf(p)), erasure: "keep" },
  { section: "moduleCompletions", table: moduleCompletions, refers: ["module_completions.user_id"], rows: (p) => eq(moduleCompletions.userId, p.id), erasure: "keep" },
  { section: "courseCompletions", table: courseCompletions, refers: ["course_completions.user_id"], rows: (p) => eq(courseCompletions.userId, p.id), erasure: "keep" },
  { section: "certificates", table: certificates, refers: ["certificates.user_id"], rows: (p) => eq(certificates.userId, p.id), erasure: "keep" },
  {
    section: "certificateEvents",
    table: certificateEvents,
    refers: ["certificate_events.actor_id"],
    rows: (p) => or(inArray(certificateEvents.certificateId, certificatesOf(p)), eq(certificateEvents.actorId, p.id)),
    erasure: "keep",
  },
  { section: "moduleStatistics", table: learnerModuleStats, refers: ["learner_module_stats.user_id"], rows: (p) => eq(learnerModuleStats.userId, p.id), erasure: "keep" },
  { section: "activityMonths", table: learnerActivityMonths, refers: ["learner_activity_months.user_id"], rows: (p) => eq(learnerActivityMonths.userId, p.id), erasure: "keep" },
  {
    section: "auditEvents",
    table: auditEvents,
    refers: ["audit_events.actor_id", "audit_events.subject_id"],
    rows: (p) => or(eq(auditEvents.actorId, p.id), eq(auditEvents.subjectId, p.id)),
    erasure: "keep",
  },
  { section: "groupsCreated", table: groups, refers: ["groups.created_by"], rows: (p) => eq(groups.createdBy, p.id), erasure: "keep" },
  { section: "assignmentsCreated", table: assignments, refers: ["assignments.created_by"], rows: (p) => eq(assignments.createdBy, p.id), erasure: "keep" },
  { section: "adjustmentsMade", table: assignmentAdjustments, refers: ["assignment_adjustments.changed_by"], rows: (p) => eq(assignmentAdjustments.changedBy, p.id), erasure: "keep" },
];

function personOf(userId: number): Person | undefined {
  return getDb().select({ id: users.id, email: users.email }).from(users).where(eq(users.id, userId)).get();
}

function rowsOf(holding: Holding, person: Person): Record<string, unknown>[] {
  // The table objects are typed one by one in the schema; here they are handled alike.
  const rows = getDb()
    .select()
    .from(holding.table as typeof users)
    .where(holding.rows(person))
    .all() as Record<string, unknown>[];
  return rows.map((row) => Object.fromEntries(Object.entries(row).filter(([key]) => !holding.secret?.includes(key))));
}

/** Everything stored about the user, one section per PERSONAL_DATA entry; undefined when there is no such user. */
export function collectPersonalData(userId: number): Record<string, Record<string, unknown>[]> | undefined {
  const person = personOf(userId);
  if (!person) return undefined;
  return Object.fromEntries(PERSONAL_DATA.map((holding) => [holding.section, rowsOf(holding, person)]));
}

/**
 * Erases the account inside the caller's transaction: rows marked `delete` go, and the users row
 * keeps only what the statistics count by (institution type, language, role, when it was made).
 * The name, email, password, organisation and district are wiped and the account cannot sign in.
 * False when there is no such user or it was erased already.
 */
export function erasePersonalData(tx: Db, userId: number, now: Date): boolean {
  const person = personOf(userId);
  const erased = tx.select({ erasedAt: users.erasedAt }).from(users).where(eq(users.id, userId)).get();
  if (!person || !erased || erased.erasedAt) return false;
  for (const holding of PERSONAL_DATA) if (holding.erasure === "delete") tx.delete(holding.table).where(holding.rows(person)).run();
  tx.update(users)
    .set({
      email: `erased-${userId}@erased.invalid`,
      fullName: "",
      // No argon2 hash matches this: nobody can sign in with any password.
      passwordHash: "!erased",
      active: false,
      organisation: null,
      district: null,
      emailVerifiedAt: null,
      remindersOptOut: true,
      erasedAt: now,
    })
    .where(and(eq(users.id, userId)))
    .run();
  return true;
}

/** Every `table.column` PERSONAL_DATA covers, and its sections by table (for the coverage test). */
export function coveredReferences(): Set<string> {
  return new Set(PERSONAL_DATA.flatMap((holding) => holding.refers));
}

export function tableOf(holding: Holding) {
  return getTableName(holding.table);
}
