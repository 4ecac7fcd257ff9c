import type { ReactElement } from "react";
import { renderToReadableStream } from "react-dom/server.browser";

/**
 * Renders a whole document to UTF-8 bytes.
 *
 * React 18.3.1's Node build (`renderToPipeableStream`) encodes text straight into 2,048-byte chunks
 * and, when a multi-byte character does not fit the end of a chunk, sends the whole chunk with its
 * unwritten last byte(s) as NUL (facebook/react#31134, fixed in React 19): every long sr-Cyrl page had
 * NUL bytes and broken UTF-8 near byte 2,048 × n. The web-streams build used here encodes each
 * string before splitting bytes into chunks, so the concatenated bytes are right. It still streams,
 * which single fetch needs (the loader data is written through Suspense in `<Scripts>`).
 */
export async function renderDocument(element: ReactElement, options: { nonce?: string; signal?: AbortSignal; onError?: (error: unknown) => void } = {}): Promise<Uint8Array<ArrayBuffer>> {
  const stream = await renderToReadableStream(element, options);
  await stream.allReady;
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
