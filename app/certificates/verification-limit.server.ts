import type { AppLoadContext } from "@remix-run/node";
import { recordVerificationLookup } from "~/models/certificates.server";
import { getClientAddress } from "~/utils/client-address.server";
import { VerificationUnavailableError } from "./verifier-pool.server";

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

/** Seconds a client is asked to wait when the verifier's queue is full: a queue drains in about a second. */
const BUSY_RETRY_SECONDS = 5;

/**
 * For `.catch` after a verification: the verifier's pool being full answers 503 with Retry-After,
 * a verification that did not complete answers 503; the page says which. Anything else is rethrown.
 */
export function refuseUnavailableVerification(error: unknown): never {
  if (!(error instanceof VerificationUnavailableError)) throw error;
  const busy = error.reason === "busy";
  throw new Response(busy ? "certificates.verify.busy" : "certificates.verify.notCompleted", {
    status: 503,
    headers: { "Content-Type": "text/plain; charset=utf-8", ...(busy ? { "Retry-After": String(BUSY_RETRY_SECONDS) } : {}) },
  });
}
