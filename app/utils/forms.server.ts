import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";
import type { z } from "zod";
import { getEnv } from "./env.server";
import { errorResponse } from "./http.server";
import { keyedHash, readOrCreateSecret } from "./secrets.server";
import { readSessionId } from "./session.server";

export const MAX_FORM_BYTES = 64 * 1024;
export const CSRF_FIELD = "csrf";

let cookie: ReturnType<typeof createCookie> | undefined;
/** Before signing in: a random id the anonymous CSRF token is derived from. */
function csrfCookie() {
  const env = getEnv();
  cookie ??= createCookie("trag_csrf", {
    httpOnly: true,
    sameSite: "lax",
    secure: env.PUBLIC_URL.startsWith("https://"),
    path: "/",
    secrets: [env.SESSION_SECRET ?? readOrCreateSecret(env.DATA_DIR, "session-secret")],
  });
  return cookie;
}

/**
 * The CSRF token is a keyed hash of the session id, so it is good for that session only (a token
 * and cookie taken from another session do not pair up) and is new at every login. Without a
 * session it is a keyed hash of a random id kept in its own cookie.
 */
function csrfTokenFor(binding: { sessionId: string } | { anonymousId: string }) {
  return "sessionId" in binding ? keyedHash("csrf-session", binding.sessionId) : keyedHash("csrf-anonymous", binding.anonymousId);
}

async function expectedCsrfToken(request: Request): Promise<string | null> {
  const sessionId = await readSessionId(request);
  if (sessionId) return csrfTokenFor({ sessionId });
  const anonymousId = await csrfCookie().parse(request.headers.get("Cookie"));
  return typeof anonymousId === "string" && anonymousId.length > 0 ? csrfTokenFor({ anonymousId }) : null;
}

/** The request's CSRF token, and the Set-Cookie header to send when a new anonymous id was made for it. */
export async function getCsrfToken(request: Request): Promise<{ token: string; setCookie: string | null }> {
  const expected = await expectedCsrfToken(request);
  if (expected) return { token: expected, setCookie: null };
  const anonymousId = crypto.randomBytes(24).toString("base64url");
  return { token: csrfTokenFor({ anonymousId }), setCookie: await csrfCookie().serialize(anonymousId) };
}

/**
 * A state-changing request must come from a page of this site: `Sec-Fetch-Site` (sent by current
 * browsers) is same-origin, or a user action ("none"); without it, `Origin`, when sent, is this
 * site's. scripts/serve.js turns a cross-site `Origin` into `Sec-Fetch-Site: cross-site` before
 * Remix sees the request (Remix's own check would throw, a 500).
 */
export function isSameSiteRequest(request: Request): boolean {
  const site = request.headers.get("Sec-Fetch-Site");
  if (site !== null) return site === "same-origin" || site === "none";
  const origin = request.headers.get("Origin");
  if (origin === null) return true;
  return origin === new URL(request.url).origin || origin === new URL(getEnv().PUBLIC_URL).origin;
}

/**
 * Reads a posted form: 403 when it comes from another site, 413 when larger than `maxBytes`,
 * 400 when it cannot be parsed, 403 when the CSRF token is missing or is not this session's.
 */
export async function readForm(request: Request, maxBytes = MAX_FORM_BYTES): Promise<FormData> {
  if (!isSameSiteRequest(request)) throw errorResponse("errors.form.crossSite", 403);
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > maxBytes) throw errorResponse("errors.form.tooLarge", 413);
  const body = await readLimited(request, maxBytes);
  let formData: FormData;
  try {
    formData = await new Request(request.url, { method: "POST", headers: request.headers, body: new Uint8Array(body) }).formData();
  } catch {
    throw errorResponse("errors.form.unreadable", 400);
  }
  const expected = await expectedCsrfToken(request);
  const given = formData.get(CSRF_FIELD);
  if (typeof expected !== "string" || typeof given !== "string" || !safeEqual(expected, given)) {
    throw errorResponse("errors.form.csrf", 403);
  }
  return formData;
}

async function readLimited(request: Request, maxBytes: number): Promise<Buffer> {
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw errorResponse("errors.form.tooLarge", 413);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function safeEqual(a: string, b: string) {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

export type FieldErrors = Record<string, string>;

/**
 * Validates form fields with a zod schema whose messages are i18n keys.
 * On failure returns the first message per field and the submitted values (passwords left out).
 */
export function validateForm<S extends z.ZodTypeAny>(formData: FormData, schema: S): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors; values: Record<string, string> } {
  const raw = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  const values = Object.fromEntries(Object.entries(raw).filter(([k]) => !/password|csrf/i.test(k)));
  return { ok: false, errors, values };
}
