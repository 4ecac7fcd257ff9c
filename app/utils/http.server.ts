import { getEnv } from "./env.server";

/** A refusal: `messageKey` is an i18n key the error page shows, in the page's language. */
export function errorResponse(messageKey: string, status: number): Response {
  return new Response(messageKey, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** Throws an errorResponse unless `condition` holds. */
export function invariantResponse(condition: unknown, messageKey: string, status = 400): asserts condition {
  if (!condition) throw errorResponse(messageKey, status);
}

const MAX_REDIRECT_LENGTH = 2048;

/**
 * A path on this site to redirect to, or the fallback. The target is resolved against the site's
 * origin the way a browser resolves a Location header (dot segments, backslashes read as slashes,
 * tabs and newlines dropped), and accepted only when it stays on that origin. What comes back is
 * the resolved path, percent-encoded, so it also fits in a header (characters outside Latin-1
 * would make building the redirect throw).
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/", origin = new URL(getEnv().PUBLIC_URL).origin): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.length > MAX_REDIRECT_LENGTH) return fallback;
  // Browsers drop tabs and newlines from URLs ("/\t/evil.example" leads off-site), and control characters cannot go in a Location header.
  if (/[\u0000-\u001F\u007F]/.test(to)) return fallback;
  let resolved: URL;
  try {
    resolved = new URL(to, origin);
  } catch {
    return fallback;
  }
  if (resolved.origin !== origin) return fallback;
  const path = resolved.pathname + resolved.search + resolved.hash;
  // "/.//evil.example" resolves to the path "//evil.example", which a browser reads as another host.
  if (path.startsWith("//") || new URL(path, origin).origin !== origin) return fallback;
  return path;
}
