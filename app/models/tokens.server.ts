import crypto from "node:crypto";
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import { TOKEN_PURPOSES, userTokens, users } from "#db/schema";
import { getDb, type Db } from "~/utils/db.server";

export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/** How long a link sent by email stays valid. */
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  "password-reset": 30 * 60 * 1000,
  invitation: 14 * 24 * 60 * 60 * 1000,
  "email-verification": 7 * 24 * 60 * 60 * 1000,
};

function hashToken(token: string) {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/**
 * A new single-use token for `userId` (32 random bytes, base64url); only its hash is stored.
 * Earlier unused tokens of the same purpose stop working, and expired tokens are removed.
 */
export function createUserToken(tx: Db, input: { userId: number; purpose: TokenPurpose; email: string; now: Date }): string {
  const token = crypto.randomBytes(32).toString("base64url");
  tx.delete(userTokens).where(lt(userTokens.expiresAt, input.now)).run();
  tx.update(userTokens)
    .set({ usedAt: input.now })
    .where(and(eq(userTokens.userId, input.userId), eq(userTokens.purpose, input.purpose), isNull(userTokens.usedAt)))
    .run();
  tx.insert(userTokens)
    .values({
      userId: input.userId,
      purpose: input.purpose,
      email: input.email,
      tokenHash: hashToken(token),
      expiresAt: new Date(input.now.getTime() + TOKEN_LIFETIME_MS[input.purpose]),
      createdAt: input.now,
    })
    .run();
  return token;
}

/**
 * The token's row and its (active) user when the token is unused, unexpired, of one of `purposes`,
 * and was sent to the user's current address; else undefined.
 */
export function findUsableToken(token: string, purposes: readonly TokenPurpose[], now: Date) {
  if (token.length > 100) return undefined;
  const row = getDb()
    .select({ token: userTokens, user: { id: users.id, email: users.email, fullName: users.fullName, language: users.language, emailVerifiedAt: users.emailVerifiedAt } })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(and(eq(userTokens.tokenHash, hashToken(token)), isNull(userTokens.usedAt), gt(userTokens.expiresAt, now), eq(users.active, true)))
    .get();
  if (!row || !purposes.includes(row.token.purpose) || row.token.email !== row.user.email) return undefined;
  return row;
}

/** Marks the token used; false when it was used already (a second tab, a replay). */
export function consumeToken(tx: Db, tokenId: number, now: Date): boolean {
  return (
    tx
      .update(userTokens)
      .set({ usedAt: now })
      .where(and(eq(userTokens.id, tokenId), isNull(userTokens.usedAt)))
      .run().changes > 0
  );
}
