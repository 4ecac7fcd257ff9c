import { and, desc, eq, gt, lt, ne, sql } from "drizzle-orm";
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

export type SessionRecord = { user: SessionUser; lastSeenAt: Date };

const sessionUser = preparedOnce((db) =>
  db
    .select({
      id: users.id,
      email: users.email,
      fullName: users.fullName,
      role: users.role,
      language: users.language,
      institutionType: users.institutionType,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    // Placeholders are bound as they are: expires_at is stored as epoch milliseconds.
    .where(and(eq(sessions.id, sql.placeholder("id")), gt(sessions.expiresAt, sql.placeholder("now")), eq(users.active, true)))
    .prepare(),
);

/** The session's active user and when the session was last seen, unless it has passed its absolute end. */
export function getSessionRecord(sessionId: string, now: Date): SessionRecord | null {
  const row = sessionUser().get({ id: sessionId, now: now.getTime() });
  if (!row) return null;
  const { lastSeenAt, ...user } = row;
  return { user, lastSeenAt };
}

const touch = preparedOnce((db) =>
  db
    .update(sessions)
    .set({ lastSeenAt: sql`${sql.placeholder("now")}` })
    .where(eq(sessions.id, sql.placeholder("id")))
    .prepare(),
);

export function touchSession(sessionId: string, now: Date) {
  touch().run({ id: sessionId, now: now.getTime() });
}

export function createSession(session: { id: string; userId: number; expiresAt: Date; userAgent: string; now: Date }) {
  const db = getDb();
  db.delete(sessions).where(lt(sessions.expiresAt, session.now)).run();
  db.insert(sessions).values({ id: session.id, userId: session.userId, expiresAt: session.expiresAt, userAgent: session.userAgent, createdAt: session.now, lastSeenAt: session.now }).run();
}

/** The user's sessions that have not reached their absolute end, most recently seen first. */
export function listUserSessions(userId: number, now: Date) {
  return getDb()
    .select({ id: sessions.id, userAgent: sessions.userAgent, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt))
    .all();
}

export function deleteSession(sessionId: string) {
  getDb().delete(sessions).where(eq(sessions.id, sessionId)).run();
}

/** Ends one of the user's sessions; false when it is not theirs (or no longer exists). */
export function deleteUserSession(userId: number, sessionId: string) {
  return (
    getDb()
      .delete(sessions)
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
      .run().changes > 0
  );
}

/** Ends all of the user's sessions, or all but `exceptSessionId`. */
export function deleteUserSessions(userId: number, exceptSessionId?: string) {
  getDb()
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), exceptSessionId === undefined ? undefined : ne(sessions.id, exceptSessionId)))
    .run();
}
