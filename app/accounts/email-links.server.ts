import { enqueueEmailVerification, enqueuePasswordReset } from "~/mail/notices.server";
import { deleteUserSessions } from "~/models/sessions.server";
import { consumeToken, findUsableToken } from "~/models/tokens.server";
import { clearLoginFailures, findUserByEmail, hashPassword, markEmailVerified, setPasswordFromEmailLink } from "~/models/users.server";
import { inTransaction } from "~/utils/db.server";

const PASSWORD_PURPOSES = ["password-reset", "invitation"] as const;

/** Whom a set-password link is for, while it is usable. */
export function findPasswordLink(token: string, now: Date) {
  const row = inTransaction((tx) => findUsableToken(tx, token, PASSWORD_PURPOSES, now));
  return row && { purpose: row.token.purpose, email: row.user.email, fullName: row.user.fullName };
}

/**
 * Sets the password chosen from an invitation or reset link and uses the link up, in one
 * transaction that also ends every session of the user and lifts a login lock. Returns the
 * user's id, or null when the link is not (or no longer) usable.
 */
export async function setPasswordFromLink(token: string, newPassword: string, now: Date): Promise<number | null> {
  const passwordHash = await hashPassword(newPassword);
  return inTransaction((tx) => {
    const row = findUsableToken(tx, token, PASSWORD_PURPOSES, now);
    if (!row || !consumeToken(tx, row.token.id, now)) return null;
    setPasswordFromEmailLink(tx, row.user.id, passwordHash, now);
    deleteUserSessions(row.user.id);
    clearLoginFailures(row.user.email);
    return row.user.id;
  });
}

/** Writes a reset link for the account of `email`, if there is an active one; says nothing either way. */
export function requestPasswordReset(email: string, now: Date) {
  const user = findUserByEmail(email);
  if (!user?.active) return;
  inTransaction((tx) => enqueuePasswordReset(tx, user.id, now));
}

/** Confirms the address a verification link was sent to; the user's email, or null when the link is not usable. */
export function verifyEmailWithLink(token: string, now: Date): string | null {
  return inTransaction((tx) => {
    const row = findUsableToken(tx, token, ["email-verification"], now);
    if (!row || !consumeToken(tx, row.token.id, now)) return null;
    markEmailVerified(tx, row.user.id, now);
    return row.user.email;
  });
}

/** Sends a verification link to the user's current address. */
export function sendEmailVerification(userId: number, now: Date) {
  inTransaction((tx) => enqueueEmailVerification(tx, userId, now));
}
