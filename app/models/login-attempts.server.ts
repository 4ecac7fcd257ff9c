import { and, asc, count, eq, gt, lt } from "drizzle-orm";
import { loginAttempts } from "#db/schema";
import { getDb, inTransaction } from "~/utils/db.server";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Failed logins for one account inside the window before it is locked (except from a browser it signed in from before). */
export const MAX_ACCOUNT_FAILURES = 10;
/** Failed logins from one address inside the window, whatever the accounts: guessing one password across many accounts. */
export const MAX_ADDRESS_FAILURES = 50;

export type LoginAttempt = { allowed: true; id: number } | { allowed: false; limit: "account" | "address"; retryAt: Date };

/**
 * Counts a login attempt before its password is checked. The count and the new row are one
 * immediate transaction, so parallel attempts (in any serving process) each see those before them:
 * with ten failures allowed, the eleventh of thirty simultaneous guesses is already refused.
 * `addressKey` null skips the per-address limit (the address is unknown); `knownDevice` skips the
 * per-account one, so that an attacker's failures do not lock the owner out of their own browser.
 */
export function beginLoginAttempt(input: { accountKey: string; addressKey: string | null; knownDevice: boolean; now: Date }): LoginAttempt {
  const since = new Date(input.now.getTime() - LOGIN_WINDOW_MS);
  return inTransaction((tx) => {
    tx.delete(loginAttempts).where(lt(loginAttempts.attemptedAt, since)).run();
    const limits = [
      { limit: "address" as const, column: loginAttempts.addressKey, key: input.addressKey, max: MAX_ADDRESS_FAILURES },
      { limit: "account" as const, column: loginAttempts.accountKey, key: input.knownDevice ? null : input.accountKey, max: MAX_ACCOUNT_FAILURES },
    ];
    for (const { limit, column, key, max } of limits) {
      if (key === null) continue;
      const where = and(eq(column, key), gt(loginAttempts.attemptedAt, since));
      const recent = tx.select({ n: count() }).from(loginAttempts).where(where).get()?.n ?? 0;
      if (recent >= max) {
        const oldest = tx.select({ at: loginAttempts.attemptedAt }).from(loginAttempts).where(where).orderBy(asc(loginAttempts.attemptedAt)).get();
        return { allowed: false, limit, retryAt: new Date((oldest?.at.getTime() ?? input.now.getTime()) + LOGIN_WINDOW_MS) };
      }
    }
    const { id } = tx
      .insert(loginAttempts)
      .values({ accountKey: input.accountKey, addressKey: input.addressKey ?? "", attemptedAt: input.now })
      .returning({ id: loginAttempts.id })
      .get();
    return { allowed: true, id };
  });
}

/** The password was right: the account's failures (and this attempt) no longer count. */
export function clearAccountAttempts(accountKey: string) {
  getDb().delete(loginAttempts).where(eq(loginAttempts.accountKey, accountKey)).run();
}
