import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { getI18n, getLanguage } from "~/utils/i18n.server";

const ABORT_DELAY = 5_000;

export default async function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext) {
  const i18n = await getI18n(await getLanguage(request));

  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    // Cleared once everything is rendered: a pending 5-second timer kept every recent page
    // (request, loader data, HTML) in memory, hundreds of megabytes under load (bench/changes.md).
    let abortTimer: NodeJS.Timeout | undefined;
    let allReady = false;
    const settle = () => {
      allReady = true;
      clearTimeout(abortTimer);
    };
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={i18n}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
      </I18nextProvider>,
      {
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
          if (readyEvent === "onAllReady") settle();
        },
        ...(readyEvent === "onAllReady" ? {} : { onAllReady: settle }),
        onShellError(error: unknown) {
          settle();
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    if (!allReady) abortTimer = setTimeout(abort, ABORT_DELAY);
  });
}
