import { aliasedTable, and, desc, eq, gte, lt, or, sql, type SQL } from "drizzle-orm";
import { auditEvents, users } from "#db/schema";
import type { AUDIT_EVENT_KINDS } from "~/audit/constants";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { hashClientAddress } from "~/utils/secrets.server";

export type AuditEventKind = (typeof AUDIT_EVENT_KINDS)[number];
export type AuditDetails = Record<string, string | number | boolean | null>;

export type AuditEventInput = {
  kind: AuditEventKind;
  /** Who did it (the signed-in user); omit when nobody was signed in. */
  actorId?: number | null;
  /** Whose account or record it concerns; for an action on oneself, the same as actorId. */
  subjectId?: number | null;
  /** The client's address as the request gave it (getClientAddress); stored only as a keyed hash. */
  clientAddress?: string | null;
  /** Ids, codes, roles: never names, email addresses or free text a user typed. */
  details?: AuditDetails;
  at?: Date;
};

/**
 * Appends one event to the audit log. Called inside the transaction of the change it records, it
 * is part of it (one connection: app/models/transaction.server.ts), so both land or neither does.
 */
export function recordAuditEvent(event: AuditEventInput) {
  getDb()
    .insert(auditEvents)
    .values({
      at: event.at ?? new Date(),
      kind: event.kind,
      actorId: event.actorId ?? null,
      subjectId: event.subjectId ?? null,
      clientKey: event.clientAddress ? hashClientAddress(event.clientAddress, getEnv().DATA_DIR) : null,
      details: event.details ?? null,
    })
    .run();
}

export const AUDIT_PAGE_SIZE = 100;

export type AuditFilter = {
  kind?: AuditEventKind;
  /** Events whose actor or subject is this user. */
  userId?: number;
  /** Events whose actor's or subject's email or name contains this text. */
  user?: string;
  from?: Date;
  /** Exclusive. */
  until?: Date;
  /** Paging: events older than this id. */
  beforeId?: number;
};

const actors = aliasedTable(users, "actors");
const subjects = aliasedTable(users, "subjects");

/** Events newest first, with the actor's and subject's name and email for the admin page. */
export function listAuditEvents(filter: AuditFilter, limit = AUDIT_PAGE_SIZE) {
  const conditions: (SQL | undefined)[] = [];
  if (filter.kind) conditions.push(eq(auditEvents.kind, filter.kind));
  if (filter.userId !== undefined) conditions.push(or(eq(auditEvents.actorId, filter.userId), eq(auditEvents.subjectId, filter.userId)));
  if (filter.user?.trim()) {
    const term = `%${filter.user
      .trim()
      .toLocaleLowerCase("sr")
      .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const matches = (table: typeof actors) => or(sql`${table.email} like ${term} escape '\\'`, sql`unicode_lower(${table.fullName}) like ${term} escape '\\'`);
    conditions.push(or(matches(actors), matches(subjects)));
  }
  if (filter.from) conditions.push(gte(auditEvents.at, filter.from));
  if (filter.until) conditions.push(lt(auditEvents.at, filter.until));
  if (filter.beforeId !== undefined) conditions.push(lt(auditEvents.id, filter.beforeId));
  return getDb()
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      kind: auditEvents.kind,
      actorId: auditEvents.actorId,
      actorName: actors.fullName,
      actorEmail: actors.email,
      subjectId: auditEvents.subjectId,
      subjectName: subjects.fullName,
      subjectEmail: subjects.email,
      clientKey: auditEvents.clientKey,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .leftJoin(actors, eq(actors.id, auditEvents.actorId))
    .leftJoin(subjects, eq(subjects.id, auditEvents.subjectId))
    .where(and(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(limit)
    .all();
}

/** Every event whose actor or subject is this user, oldest first (for their personal-data export). */
export function listAuditEventsAbout(userId: number) {
  return getDb()
    .select({ at: auditEvents.at, kind: auditEvents.kind, actorId: auditEvents.actorId, subjectId: auditEvents.subjectId, details: auditEvents.details })
    .from(auditEvents)
    .where(or(eq(auditEvents.actorId, userId), eq(auditEvents.subjectId, userId)))
    .orderBy(auditEvents.id)
    .all();
}
