import type { SessionUser } from "~/models/sessions.server";
import { errorResponse } from "~/utils/http.server";
import { endOtherSessions, endSessionByHandle, listSessions } from "~/utils/session.server";
import type { ActiveSession } from "./active-sessions";
import { describeUserAgent } from "./user-agent.server";

/** The user's sessions for the account page. */
export async function activeSessions(request: Request, user: SessionUser): Promise<ActiveSession[]> {
  return (await listSessions(request, user)).map((session) => ({
    handle: session.handle,
    ...describeUserAgent(session.userAgent),
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    current: session.current,
  }));
}

/**
 * The account page's session intents: "end-session" (the one named by its handle; another user's
 * or an unknown one is a 404) and "end-other-sessions". Null for any other intent.
 */
export async function sessionAction(request: Request, user: SessionUser, formData: FormData) {
  const intent = formData.get("intent");
  if (intent === "end-session") {
    const handle = formData.get("session");
    if (typeof handle !== "string" || !endSessionByHandle(user, handle)) throw errorResponse("security.sessions.unknown", 404);
    return { intent: "end-session" as const, ended: "one" as const };
  }
  if (intent === "end-other-sessions") {
    await endOtherSessions(request, user);
    return { intent: "end-other-sessions" as const, ended: "others" as const };
  }
  return null;
}
