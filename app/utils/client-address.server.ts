import type { AppLoadContext } from "@remix-run/node";

/**
 * The client's address, for rate limits and the audit log. The server passes it as `clientAddress`
 * in the load context when it can; otherwise the address the nearest proxy appended to
 * X-Forwarded-For is used, and without either all such clients share one value.
 */
export function getClientAddress(request: Request, context: AppLoadContext): string {
  if (context.clientAddress) return context.clientAddress;
  const forwarded = request.headers
    .get("X-Forwarded-For")
    ?.split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  return forwarded?.at(-1) ?? "unknown";
}
