/**
 * Signing in the way a browser does: the root loader hands out the CSRF cookie and token,
 * the real login action checks the password and starts a session.
 */
import * as login from "~/routes/login";
import * as root from "~/root";
import { createUser, setUserActive } from "~/models/users.server";
import type { Role } from "~/utils/permissions";
import { callAction, callLoader, CookieJar, get, post, type Outcome } from "./http";

/** Loads the root route with the jar's cookies; stores the CSRF cookie it sets and returns the form token. */
export async function getCsrf(jar: CookieJar): Promise<string> {
  const result = await callLoader(root.loader, get("/", { jar }));
  jar.absorb(result);
  const token = (result.data as { csrf: string }).csrf;
  if (!token) throw new Error("the root loader returned no CSRF token");
  return token;
}

/** A POST carrying the jar's cookies and a valid CSRF token (fetched when the jar has none). */
export async function postForm(path: string, fields: Record<string, string>, jar: CookieJar): Promise<Request> {
  const csrf = await getCsrf(jar);
  return post(path, { csrf, ...fields }, { jar });
}

let counter = 0;

export type TestUser = { id: number; email: string; password: string; fullName: string; role: Role };

/** Creates an account through the users model. Email addresses are unique per call. */
export async function createTestUser(
  options: { role?: Role; active?: boolean; fullName?: string; email?: string; password?: string; language?: "en" | "sr-Latn" | "sr-Cyrl" } = {},
): Promise<TestUser> {
  counter += 1;
  const role = options.role ?? "learner";
  const user = {
    email: options.email ?? `${role}-${counter}-${process.pid}@example.test`,
    password: options.password ?? `correct horse ${counter}`,
    fullName: options.fullName ?? `Test ${role} ${counter}`,
    role,
  };
  const { id } = await createUser({ ...user, institutionType: "police", language: options.language ?? "en" });
  if (options.active === false) setUserActive(id, false);
  return { id, ...user };
}

/** Posts the login form through the real action; the jar keeps the session cookie it sets. */
export async function logIn(jar: CookieJar, email: string, password: string, extra: Record<string, string> = {}): Promise<Outcome<any>> {
  const result = await callAction(login.action, await postForm("/login", { email, password, ...extra }, jar));
  jar.absorb(result);
  return result;
}

/** A fresh jar signed in as `user`; fails the test when the login does not redirect. */
export async function signedIn(user: Pick<TestUser, "email" | "password">): Promise<CookieJar> {
  const jar = new CookieJar();
  const result = await logIn(jar, user.email, user.password);
  if (result.status !== 302 || !jar.get("trag_session")) throw new Error(`login failed for ${user.email}: ${result.status} ${JSON.stringify(result.data)}`);
  return jar;
}
