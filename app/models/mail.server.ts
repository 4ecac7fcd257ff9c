import { and, count, desc, eq, gt, isNull, lt, lte, or, sql } from "drizzle-orm";
import { jobLeases, mailMessages, mailRequests, MAIL_STATUSES, type MAIL_KINDS, type USER_LANGUAGES } from "#db/schema";
import { getDb, inTransaction, type Db } from "~/utils/db.server";

export type MailKind = (typeof MAIL_KINDS)[number];
export type MailStatus = (typeof MAIL_STATUSES)[number];
export type MailMessage = typeof mailMessages.$inferSelect;

export type NewMailMessage = {
  recipient: string;
  userId: number | null;
  kind: MailKind;
  language: (typeof USER_LANGUAGES)[number];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  dedupeKey: string | null;
  status: "pending" | "local";
};

/**
 * Writes a message to the outbox in the caller's transaction. A message with a dedupe key that is
 * already there is not written again: returns false then.
 */
export function insertMailMessage(tx: Db, message: NewMailMessage, now: Date): boolean {
  return (
    tx
      .insert(mailMessages)
      .values({ ...message, nextAttemptAt: now, createdAt: now })
      .onConflictDoNothing({ target: mailMessages.dedupeKey })
      .run().changes > 0
  );
}

/** When the message with this dedupe key was written (whatever became of it); undefined if never. */
export function mailWrittenAt(dedupeKey: string): Date | undefined {
  return getDb().select({ createdAt: mailMessages.createdAt }).from(mailMessages).where(eq(mailMessages.dedupeKey, dedupeKey)).get()?.createdAt;
}

/**
 * Claims the oldest message that is due: pending with its next attempt time reached, or claimed
 * before `staleBefore` by a process that never recorded the outcome (it crashed mid-send). One
 * immediate transaction, so two processes never claim the same message at once.
 */
export function claimNextMessage(now: Date, staleBefore: Date): MailMessage | undefined {
  return inTransaction((tx) => {
    const due = tx
      .select({ id: mailMessages.id })
      .from(mailMessages)
      .where(or(and(eq(mailMessages.status, "pending"), lte(mailMessages.nextAttemptAt, now)), and(eq(mailMessages.status, "sending"), lt(mailMessages.claimedAt, staleBefore))))
      .orderBy(mailMessages.id)
      .limit(1)
      .get();
    if (!due) return undefined;
    return tx
      .update(mailMessages)
      .set({ status: "sending", claimedAt: now, attempts: sql`${mailMessages.attempts} + 1` })
      .where(eq(mailMessages.id, due.id))
      .returning()
      .get();
  });
}

/** The SMTP server accepted the message. */
export function markMailSent(id: number, now: Date) {
  getDb().update(mailMessages).set({ status: "sent", sentAt: now, lastError: null }).where(eq(mailMessages.id, id)).run();
}

/** A temporary failure: tried again at `nextAttemptAt` (unless another process sent it meanwhile). */
export function markMailRetry(id: number, error: string, nextAttemptAt: Date) {
  getDb()
    .update(mailMessages)
    .set({ status: "pending", lastError: error, nextAttemptAt, claimedAt: null })
    .where(and(eq(mailMessages.id, id), eq(mailMessages.status, "sending")))
    .run();
}

/** A permanent failure, or out of attempts: shown to the admin in the outbox. */
export function markMailFailed(id: number, error: string) {
  getDb()
    .update(mailMessages)
    .set({ status: "failed", lastError: error, claimedAt: null })
    .where(and(eq(mailMessages.id, id), eq(mailMessages.status, "sending")))
    .run();
}

export const OUTBOX_PAGE_SIZE = 50;

/** The outbox for admins, newest first, optionally one status only. */
export function listOutbox({ status, page }: { status?: MailStatus; page: number }) {
  const db = getDb();
  const where = status ? eq(mailMessages.status, status) : undefined;
  const rows = db
    .select({
      id: mailMessages.id,
      recipient: mailMessages.recipient,
      kind: mailMessages.kind,
      language: mailMessages.language,
      subject: mailMessages.subject,
      status: mailMessages.status,
      attempts: mailMessages.attempts,
      lastError: mailMessages.lastError,
      createdAt: mailMessages.createdAt,
      sentAt: mailMessages.sentAt,
    })
    .from(mailMessages)
    .where(where)
    .orderBy(desc(mailMessages.id))
    .limit(OUTBOX_PAGE_SIZE)
    .offset((page - 1) * OUTBOX_PAGE_SIZE)
    .all();
  const total = db.select({ n: count() }).from(mailMessages).where(where).get()?.n ?? 0;
  const counts = Object.fromEntries(MAIL_STATUSES.map((s) => [s, 0])) as Record<MailStatus, number>;
  for (const row of db.select({ status: mailMessages.status, n: count() }).from(mailMessages).groupBy(mailMessages.status).all()) counts[row.status] = row.n;
  return { rows, total, counts };
}

export function getOutboxMessage(id: number): MailMessage | undefined {
  return getDb().select().from(mailMessages).where(eq(mailMessages.id, id)).get();
}

/** Messages of `kind` written to `recipient` since `since`: a per-address limit on requested emails. */
export function countRecentMail(recipient: string, kind: MailKind, since: Date): number {
  return (
    getDb()
      .select({ n: count() })
      .from(mailMessages)
      .where(and(eq(mailMessages.recipient, recipient), eq(mailMessages.kind, kind), gt(mailMessages.createdAt, since)))
      .get()?.n ?? 0
  );
}

/**
 * Counts a request for an email from one client (a hash of its address) and says whether it is
 * within `limit` per `windowMs`; when not, also when the next one is allowed.
 */
export function recordMailRequest(clientKey: string, now: Date, limit: number, windowMs: number): { allowed: true } | { allowed: false; retryAt: Date } {
  const since = new Date(now.getTime() - windowMs);
  return inTransaction((tx) => {
    tx.delete(mailRequests).where(lt(mailRequests.requestedAt, since)).run();
    const recent = tx
      .select({ n: count(), first: sql<number>`min(${mailRequests.requestedAt})` })
      .from(mailRequests)
      .where(and(eq(mailRequests.clientKey, clientKey), gt(mailRequests.requestedAt, since)))
      .get();
    if ((recent?.n ?? 0) >= limit) return { allowed: false as const, retryAt: new Date((recent?.first ?? now.getTime()) + windowMs) };
    tx.insert(mailRequests).values({ clientKey, requestedAt: now }).run();
    return { allowed: true as const };
  });
}

/**
 * Takes the lease of job `name` for `holder` until `now + ttlMs` when nobody holds it and its last
 * run started at least `intervalMs` ago. One statement, so two processes never both get it.
 */
export function acquireJobLease(name: string, holder: string, now: Date, ttlMs: number, intervalMs: number): boolean {
  const expiresAt = new Date(now.getTime() + ttlMs);
  return (
    getDb()
      .insert(jobLeases)
      .values({ name, holder, expiresAt, startedAt: now })
      .onConflictDoUpdate({
        target: jobLeases.name,
        set: { holder, expiresAt, startedAt: now },
        setWhere: and(lte(jobLeases.expiresAt, now), or(isNull(jobLeases.startedAt), lte(jobLeases.startedAt, new Date(now.getTime() - intervalMs)))),
      })
      .run().changes > 0
  );
}

/** Gives the lease back at the end of a run (the run's start time stays, spacing the next run). */
export function releaseJobLease(name: string, holder: string, now: Date) {
  getDb()
    .update(jobLeases)
    .set({ expiresAt: now })
    .where(and(eq(jobLeases.name, name), eq(jobLeases.holder, holder)))
    .run();
}
