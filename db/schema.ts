import { sql } from "drizzle-orm";
import { foreignKey, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { INSTITUTION_TYPES, ROLES, USER_LANGUAGES } from "../app/accounts/constants";
import { AUDIT_EVENT_KINDS } from "../app/audit/constants";
import { MAIL_KINDS, MAIL_STATUSES } from "../app/mail/constants";

export { AUDIT_EVENT_KINDS, INSTITUTION_TYPES, MAIL_KINDS, MAIL_STATUSES, ROLES, USER_LANGUAGES };

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch() * 1000)`);

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    fullName: text("full_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull().default("learner"),
    institutionType: text("institution_type", { enum: INSTITUTION_TYPES }).notNull(),
    language: text("language", { enum: USER_LANGUAGES }).notNull().default("en"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** Free text: the court, prosecutor's office or organisation the learner works for. */
    organisation: text("organisation"),
    /** One of DISTRICTS (app/accounts/constants.ts); null when not given. */
    district: text("district"),
    /** When the learner followed the link sent to their email; null until then. */
    emailVerifiedAt: integer("email_verified_at", { mode: "timestamp_ms" }),
    remindersOptOut: integer("reminders_opt_out", { mode: "boolean" }).notNull().default(false),
    /**
     * When the account was deleted at its owner's or an admin's request. The row stays (certificates
     * and the audit log point at it) but holds nothing personal: see app/models/personal-data.server.ts.
     */
    erasedAt: integer("erased_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_idx").on(t.email), index("users_full_name_idx").on(t.fullName)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The absolute end: 12 hours after signing in (app/utils/session.server.ts). */
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
    /**
     * Last request seen, to within a minute; the idle timeout counts from it. The default is a
     * constant (SQLite adds no column with a computed one to a table with rows): sessions older
     * than the column count as idle and end.
     */
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`0`),
    /** The browser's User-Agent at sign-in (at most 300 characters), to name the device in the account's session list. */
    userAgent: text("user_agent").notNull().default(""),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId)],
);

/**
 * Login attempts inside the throttling window: a row is written before the password is checked
 * and deleted when it was right, so what remains are failures and attempts in flight. Both keys
 * are keyed hashes (app/utils/secrets.server.ts), not the email or address themselves.
 */
export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountKey: text("account_key").notNull(),
    addressKey: text("address_key").notNull(),
    attemptedAt: integer("attempted_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("login_attempts_account_key_attempted_at_idx").on(t.accountKey, t.attemptedAt), index("login_attempts_address_key_attempted_at_idx").on(t.addressKey, t.attemptedAt)],
);

export const lessonProgress = sqliteTable(
  "lesson_progress",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseId: text("course_id").notNull(),
    lessonId: text("lesson_id").notNull(),
    completedAt: integer("completed_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.courseId, t.lessonId] })],
);

/** One row per learner and course they have opened: where they were last. */
export const enrolments = sqliteTable(
  "enrolments",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseId: text("course_id").notNull(),
    startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
    lastLessonId: text("last_lesson_id"),
    lastVisitedAt: integer("last_visited_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.courseId] })],
);

export const ATTEMPT_STATUSES = ["in-progress", "passed", "failed"] as const;

/** One attempt at a module quiz: what was drawn and the machine's persisted state. */
export const quizAttempts = sqliteTable(
  "quiz_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseId: text("course_id").notNull(),
    moduleId: text("module_id").notNull(),
    number: integer("number").notNull(),
    contentVersion: text("content_version").notNull(),
    seed: integer("seed").notNull(),
    questionIds: text("question_ids", { mode: "json" }).$type<string[]>().notNull(),
    optionOrder: text("option_order", { mode: "json" }).$type<Record<string, string[]>>().notNull(),
    startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
    deadlineAt: integer("deadline_at", { mode: "timestamp_ms" }),
    /** Extra time a trainer granted, added to the deadline. */
    extraMinutes: integer("extra_minutes").notNull().default(0),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
    status: text("status", { enum: ATTEMPT_STATUSES }).notNull().default("in-progress"),
    scorePercent: real("score_percent"),
    snapshot: text("snapshot", { mode: "json" }).$type<unknown>().notNull(),
    /** Bumped by every answer and by finishing: a form carrying an older revision is stale (another tab, a replay). */
    revision: integer("revision").notNull().default(0),
    /**
     * The language the attempt was taken in: the learner's page language when it started (their
     * profile's), copied by insertAttempt. The item analysis is broken down by it.
     */
    language: text("language", { enum: USER_LANGUAGES }).notNull().default("en"),
  },
  (t) => [uniqueIndex("quiz_attempts_user_id_module_id_number_idx").on(t.userId, t.courseId, t.moduleId, t.number), index("quiz_attempts_course_id_module_id_idx").on(t.courseId, t.moduleId)],
);

/** Append-only: every submitted answer, with the grade it got when it was submitted. */
export const quizAnswers = sqliteTable(
  "quiz_answers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    attemptId: integer("attempt_id")
      .notNull()
      .references(() => quizAttempts.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    response: text("response", { mode: "json" }).$type<unknown>().notNull(),
    score: real("score").notNull(),
    answeredAt: integer("answered_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("quiz_answers_attempt_id_question_id_idx").on(t.attemptId, t.questionId)],
);

export const moduleCompletions = sqliteTable(
  "module_completions",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseId: text("course_id").notNull(),
    moduleId: text("module_id").notNull(),
    completedAt: integer("completed_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.courseId, t.moduleId] })],
);

export const courseCompletions = sqliteTable(
  "course_completions",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseId: text("course_id").notNull(),
    courseVersion: text("course_version").notNull(),
    completedAt: integer("completed_at", { mode: "timestamp_ms" }).notNull(),
    scorePercent: real("score_percent").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.courseId, t.courseVersion] })],
);

/**
 * One certificate per learner, course and course version, written in the transaction that
 * records the course completion (the composite foreign key makes a certificate without its
 * completion impossible). The signed credential and the PDF are made on demand from the
 * snapshot. Rows are never deleted: revocation and reissuing update them and append events.
 */
export const certificates = sqliteTable(
  "certificates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The normalized verification code (20 symbols, no dashes); printed and linked formatted. */
    code: text("code").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    courseId: text("course_id").notNull(),
    courseVersion: text("course_version").notNull(),
    /** What the certificate says, as it stood when issued or last reissued (CertificateSnapshotSchema). */
    snapshot: text("snapshot", { mode: "json" }).$type<unknown>().notNull(),
    /** Salt of the hashed recipient email in the credential: 16 random bytes as hex. */
    recipientSalt: text("recipient_salt").notNull(),
    /** When the current version was issued: the credential's validFrom and its proof's date. */
    issuedAt: integer("issued_at", { mode: "timestamp_ms" }).notNull(),
    /** 1 when issued, +1 at every reissue. */
    version: integer("version").notNull().default(1),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    revocationReason: text("revocation_reason"),
    /** The current version's signed credential, kept after it was first signed. */
    signedCredential: text("signed_credential", { mode: "json" }).$type<unknown>(),
  },
  (t) => [
    uniqueIndex("certificates_code_idx").on(t.code),
    uniqueIndex("certificates_user_id_course_id_course_version_idx").on(t.userId, t.courseId, t.courseVersion),
    foreignKey({
      name: "certificates_completion_fk",
      columns: [t.userId, t.courseId, t.courseVersion],
      foreignColumns: [courseCompletions.userId, courseCompletions.courseId, courseCompletions.courseVersion],
    }).onDelete("restrict"),
  ],
);

export const CERTIFICATE_EVENT_KINDS = ["issued", "revoked", "reissued"] as const;

/** Append-only history of a certificate, shown on its verification page. */
export const certificateEvents = sqliteTable(
  "certificate_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    certificateId: integer("certificate_id")
      .notNull()
      .references(() => certificates.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: CERTIFICATE_EVENT_KINDS }).notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    reason: text("reason"),
    /** The admin who revoked or reissued; null for issuing at completion. */
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("certificate_events_certificate_id_at_idx").on(t.certificateId, t.at)],
);

/** Recent look-ups on the public verification page, per client, for rate limiting. */
export const verificationLookups = sqliteTable(
  "verification_lookups",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** A keyed hash of the client's address (app/utils/secrets.server.ts), not the address itself. */
    clientKey: text("client_key").notNull(),
    lookedUpAt: integer("looked_up_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("verification_lookups_client_key_looked_up_at_idx").on(t.clientKey, t.lookedUpAt)],
);

/**
 * A trainer's workshop group. Dates without a time (workshop, start, end) are ISO `YYYY-MM-DD`
 * strings in Belgrade's calendar. Joining by code is possible while `joiningOpen` is true.
 */
export const groups = sqliteTable(
  "groups",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    workshopDate: text("workshop_date"),
    workshopPlace: text("workshop_place"),
    startsOn: text("starts_on"),
    endsOn: text("ends_on"),
    /** Short join code, normalised (upper case, no dashes). */
    joinCode: text("join_code").notNull(),
    joiningOpen: integer("joining_open", { mode: "boolean" }).notNull().default(true),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    archivedAt: integer("archived_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("groups_join_code_idx").on(t.joinCode), index("groups_created_by_idx").on(t.createdBy)],
);

/** The trainers who manage a group: its creator and any co-trainers. */
export const groupTrainers = sqliteTable(
  "group_trainers",
  {
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    addedAt: integer("added_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index("group_trainers_user_id_idx").on(t.userId)],
);

/** Learners in a group. Removing a row leaves the learner's own records untouched. */
export const groupMembers = sqliteTable(
  "group_members",
  {
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    joinedAt: integer("joined_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index("group_members_user_id_idx").on(t.userId)],
);

/** Modules of a course assigned to a group with a due date; its modules are in `assignment_modules`. */
export const assignments = sqliteTable(
  "assignments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    courseId: text("course_id").notNull(),
    /** True when the whole course was assigned (its modules are listed too, as they were then). */
    wholeCourse: integer("whole_course", { mode: "boolean" }).notNull().default(false),
    dueAt: integer("due_at", { mode: "timestamp_ms" }).notNull(),
    note: text("note").notNull().default(""),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("assignments_group_id_due_at_idx").on(t.groupId, t.dueAt)],
);

export const assignmentModules = sqliteTable(
  "assignment_modules",
  {
    assignmentId: integer("assignment_id")
      .notNull()
      .references(() => assignments.id, { onDelete: "cascade" }),
    moduleId: text("module_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.assignmentId, t.moduleId] })],
);

/** Join codes a trainer replaced: a learner who types one is told it was replaced, not that it never existed. */
export const retiredJoinCodes = sqliteTable(
  "retired_join_codes",
  {
    code: text("code").primaryKey(),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    retiredAt: integer("retired_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("retired_join_codes_group_id_idx").on(t.groupId)],
);

/**
 * Append-only: a trainer's per-learner adjustment of an assignment, each row the whole state after
 * one change (who made it and when). The latest row per assignment and learner is the one in force.
 * `dueAt` null keeps the assignment's due date.
 */
export const assignmentAdjustments = sqliteTable(
  "assignment_adjustments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    assignmentId: integer("assignment_id")
      .notNull()
      .references(() => assignments.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    dueAt: integer("due_at", { mode: "timestamp_ms" }),
    extraAttempts: integer("extra_attempts").notNull().default(0),
    extraMinutes: integer("extra_minutes").notNull().default(0),
    changedBy: integer("changed_by").references(() => users.id, { onDelete: "set null" }),
    changedAt: integer("changed_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("assignment_adjustments_assignment_id_user_id_idx").on(t.assignmentId, t.userId, t.id), index("assignment_adjustments_user_id_idx").on(t.userId)],
);

/** The outbox: every email Trag writes (app/mail/), kept after sending. */
export const mailMessages = sqliteTable(
  "mail_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    recipient: text("recipient").notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: MAIL_KINDS }).notNull(),
    language: text("language", { enum: USER_LANGUAGES }).notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    /** The Message-ID header, the same at every attempt, so that a repeated message is recognisable. */
    messageId: text("message_id").notNull(),
    /** For messages sent once only (reminders): inserting a second row with the key fails. */
    dedupeKey: text("dedupe_key"),
    status: text("status", { enum: MAIL_STATUSES }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    claimedAt: integer("claimed_at", { mode: "timestamp_ms" }),
    lastError: text("last_error"),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("mail_messages_message_id_idx").on(t.messageId),
    uniqueIndex("mail_messages_dedupe_key_idx").on(t.dedupeKey),
    index("mail_messages_status_next_attempt_at_idx").on(t.status, t.nextAttemptAt),
    index("mail_messages_recipient_kind_created_at_idx").on(t.recipient, t.kind, t.createdAt),
    index("mail_messages_created_at_idx").on(t.createdAt),
  ],
);

export const TOKEN_PURPOSES = ["password-reset", "invitation", "email-verification"] as const;

/** Single-use tokens sent by email. Only a SHA-256 hash of the token is kept. */
export const userTokens = sqliteTable(
  "user_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: TOKEN_PURPOSES }).notNull(),
    tokenHash: text("token_hash").notNull(),
    /** The address the token was sent to: an email verification only counts for that address. */
    email: text("email").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("user_tokens_token_hash_idx").on(t.tokenHash), index("user_tokens_user_id_purpose_idx").on(t.userId, t.purpose)],
);

/** Who may run a periodic job now: one row per job, held by one process until it expires. */
export const jobLeases = sqliteTable("job_leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  /** When the last run started: the next one waits for the job's interval. */
  startedAt: integer("started_at", { mode: "timestamp_ms" }),
});

/** Requests for a password-reset email, per client (a hash of the address), for rate limiting. */
export const mailRequests = sqliteTable(
  "mail_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    clientKey: text("client_key").notNull(),
    requestedAt: integer("requested_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("mail_requests_client_key_requested_at_idx").on(t.clientKey, t.requestedAt)],
);

/**
 * Statistics (docs/decisions/0009-statistics-summaries.md): one row per learner and module they
 * have begun (a lesson completed or a quiz attempt started), kept up to date in the transaction of
 * the lesson, attempt or completion it counts. The learner's institution type, district and
 * language are copied in, and changed with the profile, so the dashboard's figures need no join.
 * `rebuildLearnerStatistics` (app/models/learner-statistics.server.ts) recomputes the table from
 * the raw rows; the property test holds the two to the same result.
 */
export const learnerModuleStats = sqliteTable(
  "learner_module_stats",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseId: text("course_id").notNull(),
    moduleId: text("module_id").notNull(),
    institutionType: text("institution_type", { enum: INSTITUTION_TYPES }).notNull(),
    district: text("district"),
    language: text("language", { enum: USER_LANGUAGES }).notNull(),
    /** The first lesson completed in the module or the first quiz attempt started, whichever came first. */
    startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
    /** Finished quiz attempts. */
    attempts: integer("attempts").notNull().default(0),
    firstFinishedAt: integer("first_finished_at", { mode: "timestamp_ms" }),
    firstScore: real("first_score"),
    firstPassed: integer("first_passed", { mode: "boolean" }),
    bestScore: real("best_score"),
    passed: integer("passed", { mode: "boolean" }).notNull().default(false),
    completedAt: integer("completed_at", { mode: "timestamp_ms" }),
    /** From startedAt to completedAt, in whole minutes. */
    minutesToComplete: integer("minutes_to_complete"),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.courseId, t.moduleId] }),
    index("learner_module_stats_course_id_started_at_idx").on(t.courseId, t.startedAt),
    // Medians for one district, counted learner by learner.
    index("learner_module_stats_district_completed_idx").on(t.courseId, t.district, t.completedAt, t.moduleId, t.minutesToComplete),
    index("learner_module_stats_district_first_idx").on(t.courseId, t.district, t.firstFinishedAt, t.moduleId, t.bestScore),
    index("learner_module_stats_course_id_first_finished_at_idx").on(t.courseId, t.firstFinishedAt),
    index("learner_module_stats_course_id_completed_at_idx").on(t.courseId, t.completedAt),
  ],
);

/**
 * The Belgrade months (YYYY-MM) in which a learner did something in a course: completed a lesson,
 * started or finished a quiz attempt, or opened the course for the first time. Kept like
 * learner_module_stats, with the same copied profile fields.
 */
export const learnerActivityMonths = sqliteTable(
  "learner_activity_months",
  {
    courseId: text("course_id").notNull(),
    month: text("month").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    institutionType: text("institution_type", { enum: INSTITUTION_TYPES }).notNull(),
    district: text("district"),
    language: text("language", { enum: USER_LANGUAGES }).notNull(),
    /**
     * The learner's previous month of activity in the course (null for the first): a learner was
     * active in a period when one of its months has no previous month inside the period, so
     * distinct learners over any period are a plain count of such rows.
     */
    previousMonth: text("previous_month"),
  },
  (t) => [
    primaryKey({ columns: [t.courseId, t.month, t.userId] }),
    index("learner_activity_months_user_id_idx").on(t.userId, t.courseId, t.month),
    index("learner_activity_months_course_id_month_previous_idx").on(t.courseId, t.month, t.previousMonth, t.institutionType, t.district, t.language),
  ],
);

/**
 * Monthly counters behind the statistics dashboard (docs/decisions/0009-statistics-summaries.md):
 * per course, module ('' for the course itself; course '' for registrations), Belgrade month and
 * the learners' institution type, district ('' when not given) and language. Kept by triggers
 * (migration statistics_cube) in the same statement as the row they count, so every write path
 * (lessons, quizzes, certificates, profile edits, deletions) keeps them right.
 */
export const statsMonthly = sqliteTable(
  "stats_monthly",
  {
    courseId: text("course_id").notNull(),
    moduleId: text("module_id").notNull(),
    month: text("month").notNull(),
    institutionType: text("institution_type").notNull(),
    district: text("district").notNull(),
    language: text("language").notNull(),
    registered: integer("registered").notNull().default(0),
    started: integer("started").notNull().default(0),
    courseCompletions: integer("course_completions").notNull().default(0),
    certificatesIssued: integer("certificates_issued").notNull().default(0),
    certificatesRevoked: integer("certificates_revoked").notNull().default(0),
    active: integer("active").notNull().default(0),
    began: integer("began").notNull().default(0),
    beganCompleted: integer("began_completed").notNull().default(0),
    completed: integer("completed").notNull().default(0),
    firstAttempts: integer("first_attempts").notNull().default(0),
    firstPassed: integer("first_passed").notNull().default(0),
    passed: integer("passed").notNull().default(0),
    bestSum: real("best_sum").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.moduleId, t.month, t.institutionType, t.district, t.language] })],
);

/**
 * How many learners had each value, per month, institution type and language (not district: a
 * district's are in stats_district_values), for medians: `score` is the best
 * quiz score (cohort of the first attempt's month), `minutes` the time to complete a module
 * (month of completion), to the minute under two hours, the hour under two days, then the day.
 */
export const statsMonthlyValues = sqliteTable(
  "stats_monthly_values",
  {
    courseId: text("course_id").notNull(),
    kind: text("kind", { enum: ["score", "minutes"] }).notNull(),
    month: text("month").notNull(),
    moduleId: text("module_id").notNull(),
    institutionType: text("institution_type").notNull(),
    language: text("language").notNull(),
    value: real("value").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.kind, t.month, t.moduleId, t.institutionType, t.language, t.value] })],
);

/**
 * The same frequencies per district ('' when not given) instead of language, keyed the way a
 * district's view reads them (course, kind, district, then the months). A WITHOUT ROWID table
 * (migration statistics_district_values, which drizzle cannot describe), kept by the triggers of
 * that migration on learner_module_stats.
 */
export const statsDistrictValues = sqliteTable(
  "stats_district_values",
  {
    courseId: text("course_id").notNull(),
    kind: text("kind", { enum: ["score", "minutes"] }).notNull(),
    district: text("district").notNull(),
    month: text("month").notNull(),
    moduleId: text("module_id").notNull(),
    institutionType: text("institution_type").notNull(),
    value: real("value").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.kind, t.district, t.month, t.moduleId, t.institutionType, t.value] })],
);

/**
 * What the search index (the FTS5 table `search_passages`, created in migration 0006 beside this
 * table: drizzle cannot describe virtual tables) holds for each course: a fingerprint of the
 * indexed text and of the index format, so that a changed course is indexed again.
 */
export const searchSources = sqliteTable("search_sources", {
  courseId: text("course_id").primaryKey(),
  fingerprint: text("fingerprint").notNull(),
  indexedAt: integer("indexed_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * Append-only log of security events (triggers in migration 0007 refuse UPDATE and DELETE). Who
 * acted, whom it concerned, when, and from where: the client's address only as a keyed hash
 * (hashClientAddress in app/utils/secrets.server.ts). Details hold ids and codes, never names or
 * email addresses, so that erasing an account (which anonymises its users row) leaves nothing
 * personal here. Users are never deleted, hence `restrict`.
 */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    kind: text("kind", { enum: AUDIT_EVENT_KINDS }).notNull(),
    /** Who did it; null when nobody was signed in (a failed login). */
    actorId: integer("actor_id").references(() => users.id, { onDelete: "restrict" }),
    /** Whose account or record it concerns; null when unknown (a login for an address with no account). */
    subjectId: integer("subject_id").references(() => users.id, { onDelete: "restrict" }),
    /** HMAC of the client's address with a server secret; null when the event has no request behind it. */
    clientKey: text("client_key"),
    details: text("details", { mode: "json" }).$type<Record<string, string | number | boolean | null>>(),
  },
  (t) => [
    index("audit_events_at_idx").on(t.at),
    index("audit_events_kind_at_idx").on(t.kind, t.at),
    index("audit_events_actor_id_idx").on(t.actorId),
    index("audit_events_subject_id_idx").on(t.subjectId),
  ],
);

/**
 * Item analysis (docs/decisions/0009-statistics-summaries.md): running sums per question and
 * attempt language over finished attempts, kept by triggers on quiz_attempts (migration
 * item_statistics) in the statement that finishes or deletes an attempt. x is the question's
 * score (0–1, its last answer; unanswered is 0), y the rest of the attempt's score (the other
 * questions' scores added up). `learners` counts distinct learners, for small-cell protection.
 */
export const itemStats = sqliteTable(
  "item_stats",
  {
    courseId: text("course_id").notNull(),
    moduleId: text("module_id").notNull(),
    questionId: text("question_id").notNull(),
    language: text("language").notNull(),
    attempts: integer("attempts").notNull().default(0),
    learners: integer("learners").notNull().default(0),
    sumX: real("sum_x").notNull().default(0),
    sumXx: real("sum_xx").notNull().default(0),
    sumY: real("sum_y").notNull().default(0),
    sumYy: real("sum_yy").notNull().default(0),
    sumXy: real("sum_xy").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.moduleId, t.questionId, t.language] })],
);

/**
 * How often each part of a question was chosen in finished attempts (the last answer), per
 * attempt language: an option id (single, multiple), "true" or "false", "<left>=<right>" for a
 * matching pair, "<item>@<position>" for an ordering item (position from 0).
 */
export const itemResponses = sqliteTable(
  "item_responses",
  {
    courseId: text("course_id").notNull(),
    moduleId: text("module_id").notNull(),
    questionId: text("question_id").notNull(),
    language: text("language").notNull(),
    part: text("part").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.moduleId, t.questionId, t.language, t.part] })],
);

/** Per quiz and attempt language: finished attempts, distinct learners, questions drawn, and the sums of the attempt's total score (for Cronbach's alpha). */
export const quizStats = sqliteTable(
  "quiz_stats",
  {
    courseId: text("course_id").notNull(),
    moduleId: text("module_id").notNull(),
    language: text("language").notNull(),
    attempts: integer("attempts").notNull().default(0),
    learners: integer("learners").notNull().default(0),
    sumK: integer("sum_k").notNull().default(0),
    sumT: real("sum_t").notNull().default(0),
    sumTt: real("sum_tt").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.moduleId, t.language] })],
);
