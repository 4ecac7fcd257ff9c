import { enqueueEmailVerification, enqueuePasswordReset } from "~/mail/notices.server";
import { countRecentMail, recordMailRequest } from "~/models/mail.server";
import { deleteUserSessions } from "~/models/sessions.server";
import { consumeToken, findUsableToken } from "~/models/tokens.server";
import { findUserByEmail, getUserById, hashPassword, markEmailVerified, setPasswordFromEmailLink } from "~/models/users.server";
import { inTransaction } from "~/models/transaction.server";
import { liftLoginLock } from "~/security/login-throttle.server";
import { keyedHash } from "~/utils/secrets.server";

/** Requests for a reset link from one client address, and links written to one address, per window. */
export const RESET_REQUESTS_PER_CLIENT = 5;
export const LINKS_PER_ADDRESS = 3;
export const MAIL_REQUEST_WINDOW_MS = 60 * 60 * 1000;

const PASSWORD_PURPOSES = ["password-reset", "invitation"] as const;

/** Whom a set-password link is for, while it is usable. */
export function findPasswordLink(token: string, now: Date) {
  const row = findUsableToken(token, PASSWORD_PURPOSES, now);
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
    const row = findUsableToken(token, PASSWORD_PURPOSES, now);
    if (!row || !consumeToken(tx, row.token.id, now)) return null;
    setPasswordFromEmailLink(tx, row.user.id, passwordHash, now);
    deleteUserSessions(row.user.id);
    liftLoginLock(row.user.email);
    return row.user.id;
  });
}

/**
 * Counts a request for a reset link from `clientAddress` (a keyed hash of it is stored) and, within
 * the client's allowance, writes a link for the account of `email` if there is an active one and
 * it has not had LINKS_PER_ADDRESS links within the window. What the caller learns is only whether
 * the client is over its allowance: never whether the address has an account.
 */
export function requestPasswordReset(email: string, clientAddress: string, now: Date): { allowed: true } | { allowed: false; retryAt: Date } {
  const clientKey = keyedHash("password-reset-client", clientAddress);
  const allowance = recordMailRequest(clientKey, now, RESET_REQUESTS_PER_CLIENT, MAIL_REQUEST_WINDOW_MS);
  if (!allowance.allowed) return allowance;
  const user = findUserByEmail(email);
  if (user?.active && countRecentMail(user.email, "password-reset", new Date(now.getTime() - MAIL_REQUEST_WINDOW_MS)) < LINKS_PER_ADDRESS) {
    inTransaction((tx) => enqueuePasswordReset(tx, user.id, now));
  }
  return allowance;
}

/** Confirms the address a verification link was sent to; the user's email, or null when the link is not usable. */
export function verifyEmailWithLink(token: string, now: Date): string | null {
  return inTransaction((tx) => {
    const row = findUsableToken(token, ["email-verification"], now);
    if (!row || !consumeToken(tx, row.token.id, now)) return null;
    markEmailVerified(tx, row.user.id, now);
    return row.user.email;
  });
}

/**
 * Sends a link that confirms the user's current address; false (nothing sent) when LINKS_PER_ADDRESS
 * were sent to it within the window already.
 */
export function sendEmailVerification(userId: number, now: Date): boolean {
  const user = getUserById(userId);
  if (!user) return false;
  if (countRecentMail(user.email, "email-verification", new Date(now.getTime() - MAIL_REQUEST_WINDOW_MS)) >= LINKS_PER_ADDRESS) return false;
  inTransaction((tx) => enqueueEmailVerification(tx, user.id, now));
  return true;
}
