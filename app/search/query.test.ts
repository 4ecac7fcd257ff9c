import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { excerpt } from "./search.server";
import { matcherFor, MAX_QUERY_LENGTH, MAX_TERMS, parseQuery, toFtsQuery } from "./query";

describe("parseQuery", () => {
  test("words are folded and stemmed; stopwords are left out", () => {
    expect(parseQuery("šta je posebno osetljiv svedok?", "sr").terms).toEqual([
      { kind: "word", stem: "posebn" },
      { kind: "word", stem: "osetljiv" },
      { kind: "word", stem: "svedok" },
    ]);
    expect(parseQuery("what did it say about preservation orders?", "en").terms).toEqual([
      { kind: "word", stem: "preserv" },
      { kind: "word", stem: "order" },
    ]);
  });

  test("a Cyrillic query parses to the same terms as its Latin spelling, with or without diacritics", () => {
    const latin = parseQuery("krivični zakonik", "sr").terms;
    expect(parseQuery("Кривични законик", "sr").terms).toEqual(latin);
    expect(parseQuery("KRIVICNI ZAKONIK", "sr").terms).toEqual(latin);
  });

  test("quoted phrases and prefixes", () => {
    expect(parseQuery('"trgovina ljudima" vrbov*', "sr").terms).toEqual([
      { kind: "phrase", stems: ["trgovin", "ljud"] },
      { kind: "prefix", prefix: "vrbov" },
    ]);
    expect(parseQuery('"Trgovina"', "sr").terms).toEqual([{ kind: "word", stem: "trgovin" }]);
  });

  test("an unbalanced quote, FTS operators and punctuation are only text", () => {
    expect(parseQuery('"trgovina ljudima', "sr").terms).toEqual([
      { kind: "word", stem: "trgovin" },
      { kind: "word", stem: "ljud" },
    ]);
    expect(parseQuery("NEAR(a b) ^sud -dokaz AND OR NOT", "en").terms.map((t) => t.kind)).toEqual(["word", "word", "word", "word"]);
    expect(toFtsQuery(parseQuery('*  ^ - ( ) " :', "en").terms)).toBeNull();
  });

  test("a query of stopwords only is searched as it is", () => {
    expect(parseQuery("to be or not to be", "en").terms.length).toBeGreaterThan(0);
  });

  test("long queries are cut, and say so", () => {
    const long = parseQuery("trgovina ".repeat(200), "sr");
    expect(long.cut).toBe(true);
    expect(Array.from(long.text).length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    const many = parseQuery(Array.from({ length: 30 }, (_, i) => `rec${i}`).join(" "), "sr");
    expect(many.cut).toBe(true);
    expect(many.terms).toHaveLength(MAX_TERMS);
    expect(parseQuery("trgovina", "sr").cut).toBe(false);
  });

  test("control and invisible characters are removed", () => {
    expect(parseQuery("trgo\u0000vina\u202e\u200b ljudi\n", "sr").text).toBe("trgo vina ljudi");
  });

  test("whatever is typed, the FTS expression holds only quoted folded words, operators and column filters", () => {
    const safe = /^(?:\(?\{title heading body\} : "[\p{L}\p{N} ]+"(?: \*)?(?: OR words : "[\p{L}\p{N}]+" \*\))?(?: (?:AND|OR) |$))+$/u;
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), fc.constantFrom("en", "sr") as fc.Arbitrary<"en" | "sr">, (raw, language) => {
        const parsed = parseQuery(raw, language);
        expect(Array.from(parsed.text).length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
        const fts = toFtsQuery(parsed.terms);
        if (fts !== null) expect(fts).toMatch(safe);
      }),
      { seed: 17, numRuns: 2000 },
    );
  });
});

describe("marking a passage", () => {
  const terms = parseQuery("trgovina", "sr").terms;
  const show = (text: string, length?: number) =>
    excerpt(text, matcherFor(terms, "sr"), length)
      .map((s) => (s.mark ? `[${s.text}]` : s.text))
      .join("");

  test("every inflected form is marked, in either script", () => {
    expect(show("O trgovini, trgovinom i trgovine.")).toBe("O [trgovini], [trgovinom] i [trgovine].");
    expect(show("О трговини људима.")).toBe("О [трговини] људима.");
  });

  test("a long passage is cut around the first match", () => {
    const text = `${"reč ".repeat(50)}trgovina ${"kraj ".repeat(50)}`.trim();
    const shown = show(text, 20);
    expect(shown.startsWith("… ")).toBe(true);
    expect(shown.endsWith(" …")).toBe(true);
    expect(shown).toContain("[trgovina]");
  });

  test("prefixes mark the words they begin", () => {
    const prefix = parseQuery("vrbov*", "sr").terms;
    expect(
      excerpt("Vrbovanje i vrbovao, ne vrba.", matcherFor(prefix, "sr"))
        .filter((s) => s.mark)
        .map((s) => s.text),
    ).toEqual(["Vrbovanje", "vrbovao"]);
  });
});
