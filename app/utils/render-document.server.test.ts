import { createElement } from "react";
import { describe, expect, test } from "vitest";
import { renderDocument } from "./render-document.server";

/** A long page of many short Cyrillic text nodes, as a lesson or catalogue in sr-Cyrl is. */
function cyrillicPage(paragraphs: number) {
  const items = Array.from({ length: paragraphs }, (_, i) => createElement("p", { key: i }, "Трговина ", "људима ", `лица ${i}`, " и ", "ђачке ", "шифре ", "№", String(i)));
  return createElement("html", { lang: "sr-Cyrl" }, createElement("body", null, createElement("main", null, items)));
}

describe("renderDocument", () => {
  test("long Cyrillic pages come out as valid UTF-8 without NUL bytes at chunk boundaries", async () => {
    // Every offset of a two-byte character against React's 2,048-byte chunks is reached by
    // pages of slightly different length.
    for (let paragraphs = 200; paragraphs < 232; paragraphs++) {
      const body = await renderDocument(cyrillicPage(paragraphs));
      expect(body.indexOf(0), `NUL byte with ${paragraphs} paragraphs`).toBe(-1);
      const html = new TextDecoder("utf-8", { fatal: true }).decode(body);
      expect(html.startsWith('<!DOCTYPE html><html lang="sr-Cyrl">')).toBe(true);
      expect(html).toContain(`лица ${paragraphs - 1}`);
      expect(html.endsWith("</html>")).toBe(true);
    }
  });

  test("a document is rendered whole, Latin text unchanged", async () => {
    const body = await renderDocument(createElement("html", null, createElement("body", null, "Hello")));
    expect(new TextDecoder().decode(body)).toBe("<!DOCTYPE html><html><body>Hello</body></html>");
  });
});
