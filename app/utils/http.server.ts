/** A refusal: `messageKey` is an i18n key the error page shows, in the page's language. */
export function errorResponse(messageKey: string, status: number): Response {
  return new Response(messageKey, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** Throws an errorResponse unless `condition` holds. */
export function invariantResponse(condition: unknown, messageKey: string, status = 400): asserts condition {
  if (!condition) throw errorResponse(messageKey, status);
}

/** A relative, same-site path to redirect to, or the fallback. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  // Browsers drop tabs and newlines from URLs ("/\t/evil.example" leads off-site), and control characters cannot go in a Location header.
  if (/[\u0000-\u001F\u007F]/.test(to)) return fallback;
  return to;
}
