import crypto from "node:crypto";
import { SESSION_COOKIE_NAME } from "~/utils/session.server";

/** A fresh Content-Security-Policy nonce: 128 random bits, one per response. */
export function createCspNonce(): string {
  return crypto.randomBytes(16).toString("base64");
}

/**
 * The Content-Security-Policy of every response. Scripts run only from this origin (the built
 * assets) or inline with this response's nonce (Remix's <Scripts> and <ScrollRestoration>, the
 * page's strings in root.tsx): an injected inline script has no nonce and does not run.
 * In development (`npm run dev`, decision 0024) scripts are held to the same rule (Vite's client and
 * modules come from this origin, Remix's HMR preamble carries the nonce, and Vite's websocket shares
 * the page's port); only inline styles are allowed, for the <style> elements Vite's client adds
 * (a stylesheet's hot update, its error overlay).
 */
export function contentSecurityPolicy(nonce: string, development = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    development ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * The headers scripts/serve.js puts on every response (a route may set its own CSP, as the
 * course images do). HSTS only when the public address is HTTPS: sent over plain HTTP it would
 * be ignored, and on localhost it would pin a developer's browser to HTTPS.
 */
export function securityHeaders({ nonce, publicUrl, development = false }: { nonce: string; publicUrl: string; development?: boolean }): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(nonce, development),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    ...(publicUrl.startsWith("https:") ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/**
 * The Cache-Control a response must have, or null to keep the route's own: a page or its data
 * (`/path.data`) for a request with a session cookie is the user's alone, and no cache may keep it
 * (a shared computer's browser cache included). The cookie's presence is enough: a stale one only
 * costs caching a page that had nothing private.
 */
export function privateCacheControl({ path, contentType, cookie }: { path: string; contentType: string; cookie: string | undefined }): string | null {
  const signedIn = cookie?.split(";").some((pair) => pair.trim().startsWith(`${SESSION_COOKIE_NAME}=`)) ?? false;
  const page = contentType.startsWith("text/html") || path.endsWith(".data");
  return signedIn && page ? "private, no-store" : null;
}
