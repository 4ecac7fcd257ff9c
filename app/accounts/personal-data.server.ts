import type { Params } from "@remix-run/react";
import { recordAuditEvent } from "~/models/audit.server";
import { collectPersonalData, erasePersonalData } from "~/models/personal-data.server";
import { inTransaction } from "~/models/transaction.server";
import { getUserById, type ChangeSource } from "~/models/users.server";
import { errorResponse } from "~/utils/http.server";
import { requirePermission } from "~/utils/session.server";

export const PERSONAL_DATA_FORMAT = "trag-personal-data/1";

/**
 * Everything Trag stores about the user as one JSON file, the download recorded in the audit log
 * (the record is in the file too). A 404 when there is no such user.
 */
export function personalDataDownload(userId: number, source: ChangeSource, now = new Date()): Response {
  const sections = inTransaction(() => {
    if (!collectPersonalData(userId)) return undefined;
    recordAuditEvent({ kind: "data.exported", ...source, subjectId: userId, at: now });
    return collectPersonalData(userId);
  });
  if (!sections) throw errorResponse("errors.user.unknown", 404);
  const body = JSON.stringify({ format: PERSONAL_DATA_FORMAT, exportedAt: now, userId, ...sections }, null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="trag-personal-data-${userId}-${now.toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/**
 * Erases the account and records it, in one transaction (docs/decisions/0011-erasing-an-account.md).
 * False when there is no such account or it was erased already.
 */
export function eraseAccount(userId: number, source: ChangeSource, now = new Date()): boolean {
  return inTransaction((tx) => {
    if (!erasePersonalData(tx, userId, now)) return false;
    recordAuditEvent({ kind: "account.erased", ...source, subjectId: userId, at: now });
    return true;
  });
}

/** The admin of the request and the user named by the `userId` parameter (404 when there is none). */
export async function requireManagedUser(request: Request, params: Params) {
  const admin = await requirePermission(request, "user:manage");
  const id = /^\d{1,12}$/.test(params.userId ?? "") ? Number(params.userId) : Number.NaN;
  const target = Number.isSafeInteger(id) ? getUserById(id) : undefined;
  if (!target) throw errorResponse("errors.user.unknown", 404);
  return { admin, target };
}
