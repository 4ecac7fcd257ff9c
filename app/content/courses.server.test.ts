import { describe, expect, test } from "vitest";
import { formatProblems, localize } from "./courses.server";

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
