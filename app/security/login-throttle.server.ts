import crypto from "node:crypto";
import { createCookie, type AppLoadContext } from "@remix-run/node";
import { getClientAddress } from "~/utils/client-address.server";
import { beginLoginAttempt, clearAccountAttempts, type LoginAttempt } from "~/models/login-attempts.server";
import { findUserByEmail, normalizeEmail } from "~/models/users.server";
import { getEnv } from "~/utils/env.server";
import { keyedHash, readOrCreateSecret } from "~/utils/secrets.server";

/**
 * A browser that has signed in to an account before carries this (signed) cookie naming the
 * account. An account locked by failed logins still lets such a browser try: an attacker's guesses
 * slow the attacker down without locking the owner out (docs/decisions/0010-login-throttling.md).
 */
let cookie: ReturnType<typeof createCookie> | undefined;
function knownDeviceCookie() {
  const env = getEnv();
  cookie ??= createCookie("trag_device", {
    httpOnly: true,
    sameSite: "lax",
    secure: env.PUBLIC_URL.startsWith("https://"),
    path: "/",
    maxAge: 365 * 24 * 60 * 60,
    secrets: [env.SESSION_SECRET ?? readOrCreateSecret(env.DATA_DIR, "session-secret")],
  });
  return cookie;
}

async function isKnownDevice(request: Request, email: string) {
  const value = await knownDeviceCookie().parse(request.headers.get("Cookie"));
  if (typeof value !== "string") return false;
  const user = findUserByEmail(email);
  return Boolean(user && value.startsWith(`${user.id}.`));
}

function accountKeyOf(email: string) {
  return keyedHash("login-account", normalizeEmail(email));
}

export type LoginThrottle = { attempt: LoginAttempt; accountKey: string };

/** Counts this login attempt (before the password is checked) against the account's and the address's limits. */
export async function startLoginAttempt(request: Request, context: AppLoadContext, email: string, now: Date): Promise<LoginThrottle> {
  const accountKey = accountKeyOf(email);
  const address = getClientAddress(request, context);
  const attempt = beginLoginAttempt({
    accountKey,
    addressKey: address === "unknown" ? null : keyedHash("login-address", address),
    knownDevice: await isKnownDevice(request, email),
    now,
  });
  return { attempt, accountKey };
}

/** The password was right: the account's failures are cleared and this browser becomes known to it. Returns the cookie to set. */
export async function loginSucceeded(throttle: LoginThrottle, userId: number): Promise<string> {
  clearAccountAttempts(throttle.accountKey);
  return knownDeviceCookie().serialize(`${userId}.${crypto.randomBytes(12).toString("base64url")}`);
}

/** Lifts the account's login lock: its failures no longer count (a password set from a reset link). */
export function liftLoginLock(email: string) {
  clearAccountAttempts(accountKeyOf(email));
}
