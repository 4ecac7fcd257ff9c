import { Writable } from "node:stream";
import type { ReactElement } from "react";
import { renderToPipeableStream } from "react-dom/server";

/**
 * Renders a whole document to UTF-8 bytes, once every Suspense boundary is ready (single fetch writes
 * the loader data through Suspense in `<Scripts>`).
 *
 * React 18.3.1's Node stream wrote a whole 2,048-byte chunk when a multi-byte character did not fit
 * its end, unwritten bytes and all, so long sr-Cyrl pages had NUL bytes near byte 2,048 × n
 * (facebook/react#31134, fixed in React 19). patches/react-dom+18.3.1.patch writes only the filled
 * part. The web-streams build, which does not have the bug, encodes every string into its own
 * array: several times the CPU of this one on a page of short Cyrillic strings (bench/render-document.ts).
 */
export function renderDocument(element: ReactElement, options: { nonce?: string; signal?: AbortSignal; onError?: (error: unknown) => void } = {}): Promise<Buffer<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const page = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    });
    page.on("finish", () => resolve(Buffer.concat(chunks)));
    const { pipe, abort } = renderToPipeableStream(element, {
      nonce: options.nonce,
      onError: options.onError,
      onShellError: reject,
      onAllReady: () => pipe(page),
    });
    options.signal?.addEventListener("abort", () => abort(), { once: true });
  });
}
