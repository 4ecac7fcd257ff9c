import { describe, expect, test } from "vitest";
import { authoredLanguage, formatProblems, localize, renderAuthored, renderList } from "./courses.server";
import type { CalloutLabels } from "./markdown.server";

describe("localize", () => {
  const text = { en: "The {{GRETA}} report on Facebook", "sr-Latn": "Izveštaj {{Eurojust}}-a o GRETA i Viber grupama" };

  test("English and Serbian Latin are shown as authored, without the term braces", () => {
    expect(localize(text, "en")).toBe("The GRETA report on Facebook");
    expect(localize(text, "sr-Latn")).toBe("Izveštaj Eurojust-a o GRETA i Viber grupama");
  });

  test("Cyrillic is generated from the Latin text, keeping marked and listed terms in Latin", () => {
    expect(localize(text, "sr-Cyrl", { latinTerms: [] })).toBe("Извештај Eurojust-а о ГРЕТА и Viber групама");
    expect(localize({ en: "x", "sr-Latn": "Kurs Trgovina" }, "sr-Cyrl", { latinTerms: ["Trgovina"] })).toBe("Курс Trgovina");
  });
});

describe("formatProblems", () => {
  test("prints one problem a line as file:line: message", () => {
    expect(
      formatProblems([
        { file: "a/b.md", line: 3, message: "bad" },
        { file: "c.yaml", line: 1, message: "worse" },
      ]),
    ).toBe("a/b.md:3: bad\nc.yaml:1: worse");
  });
});

describe("course text in a language", () => {
  const course = { id: "demo", latinTerms: ["Trgovina"], sources: { GRETA: { reference: "GRETA report" } } };
  const labels: CalloutLabels = { "key-point": "Key point", case: "Case", "in-serbia": "In Serbia", decision: "Decision point", discussion: "Discussion", reference: "Reference" };

  test("both Serbian scripts start from the Serbian Latin text", () => {
    expect(authoredLanguage("en")).toBe("en");
    expect(authoredLanguage("sr-Latn")).toBe("sr-Latn");
    expect(authoredLanguage("sr-Cyrl")).toBe("sr-Latn");
  });

  test("authored Markdown is rendered with the course's Latin terms, sources and image folder", () => {
    const markdown = "Kurs {{Eurojust}} Trgovina [@GRETA]\n\n![Mapa](img/map.png)";
    const citation = '<sup class="citation">[<a href="#ref-1" aria-label="Reference 1">1</a>]</sup>';
    const image = '<img src="/courses/demo/img/map.png" alt="Mapa" loading="lazy" />';
    expect(renderAuthored(course, markdown, "en", labels).html).toBe(`<p>Kurs Eurojust Trgovina ${citation}</p>\n<p>${image}</p>\n`);
    expect(renderAuthored(course, markdown, "sr-Latn", labels).html).toBe(`<p>Kurs Eurojust Trgovina ${citation}</p>\n<p>${image}</p>\n`);
    expect(renderAuthored(course, markdown, "sr-Cyrl", labels).html).toBe(`<p>Курс Eurojust Trgovina ${citation}</p>\n<p>${image.replace("Mapa", "Мапа")}</p>\n`);
    expect(renderAuthored(course, markdown, "sr-Cyrl", labels).references).toEqual([{ number: 1, key: "GRETA", reference: "GRETA report" }]);
  });

  test("a list takes each item's text in the language and numbers citations once for all of them", () => {
    const items = [
      { en: "Recruitment [@GRETA]", "sr-Latn": "Vrbovanje [@GRETA]" },
      { en: "Control [@GRETA]", "sr-Latn": "Kontrola {{online}} [@GRETA]" },
    ];
    const rendered = renderList(course, items, "sr-Cyrl", labels);
    expect(rendered.html.match(/<li>[^<]*/g)).toEqual(["<li>Врбовање ", "<li>Контрола online "]);
    expect(rendered.references).toHaveLength(1);
    expect(renderList(course, items, "en", labels).html).toContain("<li>Control <sup");
  });
});
