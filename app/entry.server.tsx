import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { I18nextProvider } from "react-i18next";
import { CspNonce } from "~/utils/csp-nonce";
import { HtmlFragments } from "~/utils/html-fragments";
import { getI18n, getLanguage } from "~/utils/i18n.server";
import { renderDocument } from "~/utils/render-document.server";

// The mail scheduler, started by each serving process (scripts/serve.js) and run once by `npm run reminders`.
export { runMailJobsOnce, startMailScheduler } from "~/mail/scheduler.server";
export { closeDatabase } from "~/models/transaction.server";
// Ended by scripts/serve.js when it stops: the credential verifier's worker threads.
export { closeVerifierPool } from "~/certificates/verifier-pool.server";
// The headers scripts/serve.js puts on every response (Content-Security-Policy with a per-response nonce…).
export { createCspNonce, privateCacheControl, securityHeaders } from "~/security/security-headers.server";

const ABORT_DELAY = 5_000;

/**
 * Renders the whole document before answering, for browsers and bots alike. No loader defers data,
 * so streaming the shell first gained nothing, while passing the page through three streams in
 * 2 KB chunks cost CPU on every page (bench/changes.md); a buffered page also gets a Content-Length.
 * `renderDocument` says why it does not use React 18's Node stream (NUL bytes in Cyrillic pages).
 */
export default async function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
  const i18n = await getI18n(await getLanguage(request));
  let status = responseStatusCode;
  // Cleared once everything is rendered: a pending 5-second timer kept every recent page
  // (request, loader data, HTML) in memory, hundreds of megabytes under load (bench/changes.md).
  const abort = new AbortController();
  const abortTimer = setTimeout(() => abort.abort(), ABORT_DELAY);
  // The nonce of this response's Content-Security-Policy (scripts/serve.js): every inline script carries it.
  const nonce = loadContext.cspNonce;
  const body = await renderDocument(
    <I18nextProvider i18n={i18n}>
      <CspNonce.Provider value={nonce}>
        <HtmlFragments.Provider value={loadContext.htmlFragments ?? null}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </HtmlFragments.Provider>
      </CspNonce.Provider>
    </I18nextProvider>,
    {
      nonce,
      signal: abort.signal,
      onError(error: unknown) {
        status = 500;
        console.error(error);
      },
    },
  ).finally(() => clearTimeout(abortTimer));
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  responseHeaders.set("Content-Length", String(body.byteLength));
  return new Response(body, { headers: responseHeaders, status });
}
