import crypto from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { createSession, deleteSession, deleteUserSession, deleteUserSessions, getSessionRecord, listUserSessions, touchSession, type SessionUser } from "~/models/sessions.server";
import { getEnv } from "./env.server";
import { errorResponse } from "./http.server";
import { hasPermission, type Permission, type Role } from "./permissions";
import { keyedHash, readOrCreateSecret } from "./secrets.server";

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

/** A session ends 12 hours after signing in, however active. */
export const SESSION_MAX_AGE_MS = 12 * HOUR;

/**
 * A session also ends after this long without a request: short for the roles that see other
 * people's records, a working day for those who see only their own (and aggregate counts).
 */
export const SESSION_IDLE_MS: Record<Role, number> = { admin: 30 * MINUTE, trainer: 30 * MINUTE, reviewer: 8 * HOUR, learner: 8 * HOUR };

/** How stale the recorded last request may get before a request writes it again (one write a minute per session, not one per page). */
const LAST_SEEN_PRECISION_MS = MINUTE;

const USER_AGENT_MAX = 300;

/** The session cookie's name (scripts/serve.js keeps pages of a request that carries it out of caches). */
export const SESSION_COOKIE_NAME = "trag_session";

let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  const env = getEnv();
  cookie ??= createCookie(SESSION_COOKIE_NAME, {
    httpOnly: true,
    sameSite: "lax",
    secure: env.PUBLIC_URL.startsWith("https://"),
    path: "/",
    maxAge: SESSION_MAX_AGE_MS / 1000,
    secrets: [env.SESSION_SECRET ?? readOrCreateSecret(env.DATA_DIR, "session-secret")],
  });
  return cookie;
}

/** The session id the request's (signed) cookie carries, whether or not the session is still valid. */
export async function readSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** The session's user unless it has ended (absolute end, idle timeout, account deactivated); an idle session is deleted. */
function resolveSession(sessionId: string, now: Date): SessionUser | null {
  const record = getSessionRecord(sessionId, now);
  if (!record) return null;
  const idle = now.getTime() - record.lastSeenAt.getTime();
  if (idle > SESSION_IDLE_MS[record.user.role]) {
    deleteSession(sessionId);
    return null;
  }
  if (idle > LAST_SEEN_PRECISION_MS) touchSession(sessionId, now);
  return record.user;
}

const userByRequest = new WeakMap<Request, Promise<SessionUser | null>>();

/** The signed-in, active user of this request, or null. Looked up once per request. */
export function getUser(request: Request): Promise<SessionUser | null> {
  let user = userByRequest.get(request);
  if (!user) {
    user = readSessionId(request).then((id) => (id ? resolveSession(id, new Date()) : null));
    userByRequest.set(request, user);
  }
  return user;
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
  }
  return user;
}

export async function requirePermission(request: Request, permission: Permission): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!hasPermission(user.role, permission)) throw errorResponse("errors.status.403.body", 403);
  return user;
}

/**
 * Starts a new session (a fresh id at every login, so the CSRF token derived from it is new too)
 * and redirects with its cookie.
 */
export async function startSession(request: Request, userId: number, redirectTo: string, headers: HeadersInit = {}) {
  const previous = await readSessionId(request);
  if (previous) deleteSession(previous);
  const id = crypto.randomBytes(32).toString("base64url");
  const now = new Date();
  const userAgent = (request.headers.get("User-Agent") ?? "").slice(0, USER_AGENT_MAX);
  createSession({ id, userId, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_MS), userAgent, now });
  const responseHeaders = new Headers(headers);
  responseHeaders.append("Set-Cookie", await sessionCookie().serialize(id));
  return redirect(redirectTo, { headers: responseHeaders });
}

export async function endSession(request: Request, redirectTo = "/") {
  const id = await readSessionId(request);
  if (id) deleteSession(id);
  return redirect(redirectTo, { headers: { "Set-Cookie": await sessionCookie().serialize("", { maxAge: 0 }) } });
}

/** A session as its owner sees it. `handle` names it in forms without revealing the session id. */
export type SessionSummary = { handle: string; userAgent: string; createdAt: Date; lastSeenAt: Date; current: boolean };

function sessionHandle(sessionId: string) {
  return keyedHash("session-handle", sessionId);
}

/** The user's sessions that have not ended, the request's own marked `current`. */
export async function listSessions(request: Request, user: SessionUser): Promise<SessionSummary[]> {
  const currentId = await readSessionId(request);
  const now = new Date();
  return listUserSessions(user.id, now)
    .filter((session) => now.getTime() - session.lastSeenAt.getTime() <= SESSION_IDLE_MS[user.role])
    .map((session) => ({
      handle: sessionHandle(session.id),
      userAgent: session.userAgent,
      createdAt: session.createdAt,
      lastSeenAt: session.lastSeenAt,
      current: session.id === currentId,
    }));
}

/** Ends the user's session named by `handle`; false when they have no such session. */
export function endSessionByHandle(user: SessionUser, handle: string): boolean {
  const session = listUserSessions(user.id, new Date()).find((candidate) => sessionHandle(candidate.id) === handle);
  return session ? deleteUserSession(user.id, session.id) : false;
}

/** Ends every session of the user except the request's own. */
export async function endOtherSessions(request: Request, user: SessionUser) {
  deleteUserSessions(user.id, (await readSessionId(request)) ?? undefined);
}
