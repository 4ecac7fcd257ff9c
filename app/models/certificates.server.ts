import crypto from "node:crypto";
import { and, asc, count, desc, eq, gt, isNull, like, lt, or } from "drizzle-orm";
import { certificateEvents, certificates, users, verificationLookups } from "#db/schema";
import { CertificateSnapshotSchema, issuerOf, type CertificateSnapshot } from "~/certificates/snapshot";
import { generateVerificationCode, normalizeVerificationCode } from "~/certificates/verification-code";
import type { Course } from "~/content/loader.server";
import { getDb, inTransaction, type Db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { recordAuditEvent } from "./audit.server";
import { keyedHash } from "~/utils/secrets.server";

export type CertificateRow = typeof certificates.$inferSelect;
export type CertificateEventRow = typeof certificateEvents.$inferSelect;
export type Certificate = Omit<CertificateRow, "snapshot"> & { snapshot: CertificateSnapshot };

function parse(row: CertificateRow): Certificate {
  return { ...row, snapshot: CertificateSnapshotSchema.parse(row.snapshot) };
}

/**
 * Issues the certificate for a course completion. Call it inside the transaction that
 * records the completion (recordCompletions does), so that both land or neither does.
 * Synchronous on purpose: signing happens later, from the stored snapshot.
 * Returns the new certificate, or null when this learner already has one for this course version.
 */
export function issueCertificate(tx: Db, input: { userId: number; course: Course; scorePercent: number; completedAt: Date }): Certificate | null {
  const { userId, course, scorePercent, completedAt } = input;
  const user = tx.select({ fullName: users.fullName, email: users.email }).from(users).where(eq(users.id, userId)).get();
  if (!user) throw new Error(`cannot issue a certificate: user ${userId} does not exist`);
  const snapshot: CertificateSnapshot = CertificateSnapshotSchema.parse({
    learner: { name: user.fullName, email: user.email },
    course: { id: course.id, version: course.version, title: course.title, latinTerms: course.latinTerms },
    modules: course.modules.map((module) => ({ id: module.id, title: module.title })),
    scorePercent,
    completedAt: completedAt.toISOString(),
    issuer: issuerOf(getEnv().PUBLIC_URL, getEnv().ISSUER),
  });
  const row = tx
    .insert(certificates)
    .values({
      code: generateVerificationCode(crypto.randomBytes(16)),
      userId,
      courseId: course.id,
      courseVersion: course.version,
      snapshot,
      recipientSalt: crypto.randomBytes(16).toString("hex"),
      issuedAt: completedAt,
    })
    .onConflictDoNothing({ target: [certificates.userId, certificates.courseId, certificates.courseVersion] })
    .returning()
    .get();
  if (!row) return null;
  tx.insert(certificateEvents).values({ certificateId: row.id, kind: "issued", at: completedAt }).run();
  recordAuditEvent({ kind: "certificate.issued", actorId: userId, subjectId: userId, details: { code: row.code, courseId: course.id, courseVersion: course.version }, at: completedAt });
  return parse(row);
}

/** The certificate with this code, typed in any form (case, spaces and dashes do not matter). */
export function findCertificateByCode(code: string): Certificate | undefined {
  const row = getDb()
    .select()
    .from(certificates)
    .where(eq(certificates.code, normalizeVerificationCode(code)))
    .get();
  return row && parse(row);
}

/** The certificate only if it belongs to `userId`: ownership is part of the query. */
export function getOwnCertificate({ code, userId }: { code: string; userId: number }): Certificate | undefined {
  const row = getDb()
    .select()
    .from(certificates)
    .where(and(eq(certificates.code, normalizeVerificationCode(code)), eq(certificates.userId, userId)))
    .get();
  return row && parse(row);
}

export function listUserCertificates(userId: number): Certificate[] {
  return getDb().select().from(certificates).where(eq(certificates.userId, userId)).orderBy(desc(certificates.issuedAt)).all().map(parse);
}

/** Events oldest first, with the acting admin's name (for the admin page; the public page leaves it out). */
export function listCertificateEvents(certificateId: number) {
  return getDb()
    .select({ kind: certificateEvents.kind, at: certificateEvents.at, reason: certificateEvents.reason, actorName: users.fullName })
    .from(certificateEvents)
    .leftJoin(users, eq(users.id, certificateEvents.actorId))
    .where(eq(certificateEvents.certificateId, certificateId))
    .orderBy(asc(certificateEvents.at), asc(certificateEvents.id))
    .all();
}

/** For admins: certificates whose code, holder's name or email, or course matches; newest first. */
export function searchCertificates(search: string, limit = 50) {
  const term = search.trim();
  const code = normalizeVerificationCode(term);
  const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = getDb()
    .select({ certificate: certificates, holderName: users.fullName, holderEmail: users.email })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .where(
      term
        ? or(
            code.length > 0 ? like(certificates.code, `%${code.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
            like(users.fullName, pattern),
            like(users.email, pattern),
            like(certificates.courseId, pattern),
          )
        : undefined,
    )
    .orderBy(desc(certificates.issuedAt), desc(certificates.id))
    .limit(limit)
    .all();
  return rows.map((row) => ({ ...parse(row.certificate), holderName: row.holderName, holderEmail: row.holderEmail }));
}

export type CertificateChange = { ok: true; certificate: Certificate } | { ok: false; reason: "unknown" | "already-revoked" };

type CertificateChangeInput = { code: string; reason: string; adminId: number; now: Date; clientAddress?: string | null };

/** Revokes a certificate that is not revoked yet, recording who did it and why. */
export function revokeCertificate(input: CertificateChangeInput): CertificateChange {
  return inTransaction((tx) => {
    const current = findCertificateByCode(input.code);
    if (!current) return { ok: false, reason: "unknown" };
    if (current.revokedAt) return { ok: false, reason: "already-revoked" };
    const row = tx
      .update(certificates)
      .set({ revokedAt: input.now, revocationReason: input.reason })
      .where(and(eq(certificates.id, current.id), isNull(certificates.revokedAt)))
      .returning()
      .get();
    tx.insert(certificateEvents).values({ certificateId: current.id, kind: "revoked", at: input.now, reason: input.reason, actorId: input.adminId }).run();
    recordAuditEvent({ kind: "certificate.revoked", actorId: input.adminId, subjectId: current.userId, clientAddress: input.clientAddress, details: { code: current.code }, at: input.now });
    return { ok: true, certificate: parse(row!) };
  });
}

/**
 * Reissues a certificate under the same code: the learner's current name and email replace
 * the snapshot's (unless the account was erased), the new version is valid from `now`, and a revocation is lifted. Credentials
 * of earlier versions are reported as superseded from then on.
 */
export function reissueCertificate(input: CertificateChangeInput): CertificateChange {
  return inTransaction((tx) => {
    const current = findCertificateByCode(input.code);
    if (!current) return { ok: false, reason: "unknown" };
    const user = tx.select({ fullName: users.fullName, email: users.email, erasedAt: users.erasedAt }).from(users).where(eq(users.id, current.userId)).get();
    if (!user) return { ok: false, reason: "unknown" };
    // An erased account has no name or email any more: the certificate keeps the ones it was issued to.
    const learner = user.erasedAt ? current.snapshot.learner : { name: user.fullName, email: user.email };
    const snapshot = CertificateSnapshotSchema.parse({ ...current.snapshot, learner });
    const row = tx
      .update(certificates)
      .set({
        snapshot,
        recipientSalt: crypto.randomBytes(16).toString("hex"),
        issuedAt: input.now,
        version: current.version + 1,
        revokedAt: null,
        revocationReason: null,
        signedCredential: null,
      })
      .where(eq(certificates.id, current.id))
      .returning()
      .get();
    tx.insert(certificateEvents).values({ certificateId: current.id, kind: "reissued", at: input.now, reason: input.reason, actorId: input.adminId }).run();
    recordAuditEvent({
      kind: "certificate.reissued",
      actorId: input.adminId,
      subjectId: current.userId,
      clientAddress: input.clientAddress,
      details: { code: current.code, version: current.version + 1 },
      at: input.now,
    });
    return { ok: true, certificate: parse(row!) };
  });
}

/** Keeps the signed credential of a version; a reissue in between makes this a no-op. */
export function saveSignedCredential(certificateId: number, version: number, credential: unknown) {
  getDb()
    .update(certificates)
    .set({ signedCredential: credential })
    .where(and(eq(certificates.id, certificateId), eq(certificates.version, version), isNull(certificates.signedCredential)))
    .run();
}

export const VERIFY_WINDOW_MS = 60 * 1000;
export const MAX_VERIFY_LOOKUPS = 30;

/**
 * Counts one look-up on the public verification page for this client; refuses it (and does
 * not count it) when the client already made MAX_VERIFY_LOOKUPS in the last minute.
 */
export function recordVerificationLookup(clientAddress: string, now: Date): { allowed: true } | { allowed: false; retryAt: Date } {
  const clientKey = keyedHash("verification-lookup", clientAddress);
  const since = new Date(now.getTime() - VERIFY_WINDOW_MS);
  return inTransaction((tx) => {
    tx.delete(verificationLookups).where(lt(verificationLookups.lookedUpAt, since)).run();
    const where = and(eq(verificationLookups.clientKey, clientKey), gt(verificationLookups.lookedUpAt, since));
    const recent = tx.select({ n: count() }).from(verificationLookups).where(where).get()?.n ?? 0;
    if (recent >= MAX_VERIFY_LOOKUPS) {
      const oldest = tx.select({ at: verificationLookups.lookedUpAt }).from(verificationLookups).where(where).orderBy(asc(verificationLookups.lookedUpAt)).get();
      return { allowed: false, retryAt: new Date((oldest?.at.getTime() ?? now.getTime()) + VERIFY_WINDOW_MS) };
    }
    tx.insert(verificationLookups).values({ clientKey, lookedUpAt: now }).run();
    return { allowed: true };
  });
}
