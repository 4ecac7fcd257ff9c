// React's two server renderers on the same page, alternated in one process (bench/changes.md item 22):
// the web-streams build (`renderToReadableStream`, read whole) and app/utils/render-document.server.ts
// (the Node stream, patched). CPU time per render of a 60 KB Cyrillic page of many short strings.
//
//   NODE_ENV=production npx tsx bench/render-document.ts
import { createElement, type ReactElement } from "react";
import type { renderToReadableStream as RenderToReadableStream } from "react-dom/server";
import { renderDocument } from "~/utils/render-document.server";

// react-dom 18 ships the web-streams build at this path; its types are declared under "react-dom/server" only.
const webBuild = "react-dom/server.browser";
const { renderToReadableStream } = (await import(webBuild)) as { renderToReadableStream: typeof RenderToReadableStream };

async function renderWeb(element: ReactElement) {
  const stream = await renderToReadableStream(element);
  await stream.allReady;
  return Buffer.from(await new Response(stream).arrayBuffer());
}

const items = Array.from({ length: 400 }, (_, i) =>
  createElement("li", { key: i, className: "x" }, createElement("a", { href: `/c/${i}` }, "Трговина ", "људима ", `лица ${i}`), " и ", createElement("span", null, "ђачке шифре"), "№", String(i)),
);
const page = createElement("html", { lang: "sr-Cyrl" }, createElement("body", null, createElement("main", null, createElement("ul", null, items))));

const [web, node] = [await renderWeb(page), await renderDocument(page)];
if (Buffer.compare(web, node) !== 0) throw new Error("the two renderers disagree");
console.log(`page: ${node.byteLength} bytes, the same from both`);

const times = { web: [] as number[], node: [] as number[] };
for (let round = 0; round < 12; round++) {
  for (const [name, render] of [
    ["web", renderWeb],
    ["node", renderDocument],
  ] as const) {
    const start = process.cpuUsage();
    for (let i = 0; i < 100; i++) await render(page);
    const used = process.cpuUsage(start);
    times[name].push((used.user + used.system) / 100 / 1000);
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
console.log(`CPU per render (median of 12 rounds of 100): web streams ${median(times.web).toFixed(2)} ms, Node stream ${median(times.node).toFixed(2)} ms`);
