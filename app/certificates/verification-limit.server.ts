import type { AppLoadContext } from "@remix-run/node";
import { recordVerificationLookup } from "~/models/certificates.server";
import { getClientAddress } from "~/utils/client-address.server";

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
