import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";
import type { z } from "zod";
import { getEnv } from "./env.server";
import { errorResponse } from "./http.server";
import { readOrCreateSecret } from "./secrets.server";

export const MAX_FORM_BYTES = 64 * 1024;
export const CSRF_FIELD = "csrf";

let cookie: ReturnType<typeof createCookie> | undefined;
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

/** The request's CSRF token, and the Set-Cookie header to send when it is new. */
export async function getCsrfToken(request: Request): Promise<{ token: string; setCookie: string | null }> {
  const existing = await csrfCookie().parse(request.headers.get("Cookie"));
  if (typeof existing === "string" && existing.length > 0) return { token: existing, setCookie: null };
  const token = crypto.randomBytes(24).toString("base64url");
  return { token, setCookie: await csrfCookie().serialize(token) };
}

/**
 * Reads a posted form: 413 when larger than `maxBytes`, 400 when it cannot be parsed,
 * 403 when the CSRF token is missing or does not match the cookie.
 */
export async function readForm(request: Request, maxBytes = MAX_FORM_BYTES): Promise<FormData> {
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > maxBytes) throw errorResponse("errors.form.tooLarge", 413);
  const body = await readLimited(request, maxBytes);
  let formData: FormData;
  try {
    formData = await new Request(request.url, { method: "POST", headers: request.headers, body: new Uint8Array(body) }).formData();
  } catch {
    throw errorResponse("errors.form.unreadable", 400);
  }
  const expected = await csrfCookie().parse(request.headers.get("Cookie"));
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
export function validateForm<S extends z.ZodTypeAny>(formData: FormData, schema: S):
  | { ok: true; data: z.infer<S> }
  | { ok: false; errors: FieldErrors; values: Record<string, string> } {
  const raw = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  const values = Object.fromEntries(Object.entries(raw).filter(([k]) => !/password|csrf/i.test(k)));
  return { ok: false, errors, values };
}
