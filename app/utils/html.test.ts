import { expect, test } from "vitest";
import { escapeHtml } from "./html";

test("escapeHtml writes the five characters as React does and leaves other text alone", () => {
  expect(escapeHtml(`<a href="x" title='y'>Š & ć</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#x27;y&#x27;&gt;Š &amp; ć&lt;/a&gt;");
  expect(escapeHtml("&amp;")).toBe("&amp;amp;");
  expect(escapeHtml("Polaznik Šćepanović")).toBe("Polaznik Šćepanović");
});
