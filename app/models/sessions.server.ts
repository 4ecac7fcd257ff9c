import { and, eq, gt, lt } from "drizzle-orm";
import { sessions, users } from "#db/schema";
import { getDb } from "~/utils/db.server";

export type SessionUser = {
  id: number;
  email: string;
  fullName: string;
  role: (typeof users.$inferSelect)["role"];
  language: (typeof users.$inferSelect)["language"];
  institutionType: (typeof users.$inferSelect)["institutionType"];
};

export function getSessionUser(sessionId: string, now: Date): SessionUser | null {
  const row = getDb()
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
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, now), eq(users.active, true)))
    .get();
  return row ?? null;
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
