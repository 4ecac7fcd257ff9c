import { and, eq, gt, lt, sql } from "drizzle-orm";
import { sessions, users } from "#db/schema";
import { getDb, preparedOnce } from "~/utils/db.server";

export type SessionUser = {
  id: number;
  email: string;
  fullName: string;
  role: (typeof users.$inferSelect)["role"];
  language: (typeof users.$inferSelect)["language"];
  institutionType: (typeof users.$inferSelect)["institutionType"];
};

const sessionUser = preparedOnce((db) =>
  db
    .select({
      id: users.id,
      email: users.email,
      fullName: users.fullName,
      role: users.role,
      language: users.language,
      institutionType: users.institutionType,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    // Placeholders are bound as they are: expires_at is stored as epoch milliseconds.
    .where(and(eq(sessions.id, sql.placeholder("id")), gt(sessions.expiresAt, sql.placeholder("now")), eq(users.active, true)))
    .prepare(),
);

export function getSessionUser(sessionId: string, now: Date): SessionUser | null {
  return sessionUser().get({ id: sessionId, now: now.getTime() }) ?? null;
}

export function createSession(session: { id: string; userId: number; expiresAt: Date }) {
  const db = getDb();
  db.delete(sessions).where(lt(sessions.expiresAt, new Date())).run();
  db.insert(sessions).values(session).run();
}

export function deleteSession(sessionId: string) {
  getDb().delete(sessions).where(eq(sessions.id, sessionId)).run();
}

export function deleteUserSessions(userId: number) {
  getDb().delete(sessions).where(eq(sessions.userId, userId)).run();
}
