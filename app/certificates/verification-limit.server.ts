import type { AppLoadContext } from "@remix-run/node";
import { recordVerificationLookup } from "~/models/certificates.server";

/**
 * The client's address for rate limiting. The server passes it as `clientAddress` in the load
 * context when it can; otherwise the address the nearest proxy appended to X-Forwarded-For is
 * used, and without either all such clients share one allowance.
 */
export function getClientAddress(request: Request, context: AppLoadContext): string {
  if (context.clientAddress) return context.clientAddress;
  const forwarded = request.headers.get("X-Forwarded-For")?.split(",").map((part) => part.trim()).filter(Boolean);
  return forwarded?.at(-1) ?? "unknown";
}

/** Counts a look-up on the public verification pages; throws 429 (with Retry-After) past the limit. */
export function requireVerificationAllowance(request: Request, context: AppLoadContext, now: Date) {
  const result = recordVerificationLookup(getClientAddress(request, context), now);
  if (!result.allowed) {
    const seconds = Math.max(1, Math.ceil((result.retryAt.getTime() - now.getTime()) / 1000));
    throw new Response("certificates.errors.tooManyBody", {
      status: 429,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": String(seconds) },
    });
  }
}
