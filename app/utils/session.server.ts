import crypto from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { getSessionUser, createSession, deleteSession, type SessionUser } from "~/models/sessions.server";
import { getEnv } from "./env.server";
import { errorResponse } from "./http.server";
import { hasPermission, type Permission } from "./permissions";
import { readOrCreateSecret } from "./secrets.server";

const SESSION_DAYS = 30;

let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  const env = getEnv();
  cookie ??= createCookie("trag_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: env.PUBLIC_URL.startsWith("https://"),
    path: "/",
    maxAge: SESSION_DAYS * 24 * 60 * 60,
    secrets: [env.SESSION_SECRET ?? readOrCreateSecret(env.DATA_DIR, "session-secret")],
  });
  return cookie;
}

async function readSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

const userByRequest = new WeakMap<Request, Promise<SessionUser | null>>();

/** The signed-in, active user of this request, or null. Looked up once per request. */
export function getUser(request: Request): Promise<SessionUser | null> {
  let user = userByRequest.get(request);
  if (!user) {
    user = readSessionId(request).then((id) => (id ? getSessionUser(id, new Date()) : null));
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

/** Starts a new session (a fresh id at every login) and redirects with its cookie. */
export async function startSession(request: Request, userId: number, redirectTo: string) {
  const previous = await readSessionId(request);
  if (previous) deleteSession(previous);
  const id = crypto.randomBytes(32).toString("base64url");
  createSession({ id, userId, expiresAt: new Date(Date.now() + SESSION_DAYS * 24 * 60 * 60 * 1000) });
  return redirect(redirectTo, { headers: { "Set-Cookie": await sessionCookie().serialize(id) } });
}

export async function endSession(request: Request, redirectTo = "/") {
  const id = await readSessionId(request);
  if (id) deleteSession(id);
  return redirect(redirectTo, { headers: { "Set-Cookie": await sessionCookie().serialize("", { maxAge: 0 }) } });
}
