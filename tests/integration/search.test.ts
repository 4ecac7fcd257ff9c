import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { parse } from "yaml";
import { beforeAll, describe, expect, test } from "vitest";
import { getCourses } from "~/content/courses.server";
import { extractPassages } from "~/content/markdown.server";
import type { Language } from "~/content/localized";
import { foldText, stemWord, tokenize } from "~/search/fold";
import { syncSearchIndex } from "~/search/index.server";
import { searchLanguage, type SearchOutcome, type SearchResult } from "~/search/search.server";
import * as search from "~/routes/search";
import { createTestUser, signedIn } from "../helpers/auth";
import { callLoader, get, type CookieJar } from "../helpers/http";

// The real course: ranking and the quiz banks are checked on the content learners search.
process.env.COURSES_DIR = path.resolve("courses");

const jars = {} as Record<Language, CookieJar>;
beforeAll(async () => {
  for (const language of ["en", "sr-Latn", "sr-Cyrl"] as const) jars[language] = await signedIn(await createTestUser({ language }));
});

async function searchAs(language: Language | null, q: string, page?: number) {
  const url = `/search?${new URLSearchParams(page ? { q, page: String(page) } : { q })}`;
  const result = await callLoader(search.loader, language ? get(url, { jar: jars[language] }) : get(url));
  expect(result.status).toBe(200);
  return result.data as SearchOutcome & { title: string; loginHref: string | null };
}

const plain = (segments: Array<{ text: string }> | null) => segments?.map((s) => s.text).join("") ?? "";
const marked = (results: SearchResult[]) => results.flatMap((r) => [...r.title, ...(r.heading ?? []), ...r.passage].filter((s) => s.mark).map((s) => s.text));
const pathOf = (href: string) => href.split("#")[0];

describe("matching as people type", () => {
  test("trgovina finds trgovine, trgovinom and trgovini, and marks them", async () => {
    const { pages } = await searchAs("sr-Latn", "trgovina");
    const words = new Set<string>();
    for (let page = 1; page <= pages; page++) marked((await searchAs("sr-Latn", "trgovina", page)).results).forEach((w) => words.add(w.toLowerCase()));
    for (const form of ["trgovina", "trgovine", "trgovinom", "trgovini"]) expect(words).toContain(form);
  });

  test("krivicni, without diacritics, finds krivični", async () => {
    const { results } = await searchAs("sr-Latn", "krivicni");
    expect(results.length).toBeGreaterThan(0);
    expect(marked(results).map((w) => w.toLowerCase())).toContain("krivični");
  });

  test("a Cyrillic query finds what its Latin spelling finds, shown in the page's script", async () => {
    const latin = await searchAs("sr-Latn", "krivični zakonik");
    const cyrillic = await searchAs("sr-Latn", "кривични законик");
    expect(latin.results.length).toBeGreaterThan(0);
    expect(cyrillic.results.map((r) => pathOf(r.href))).toEqual(latin.results.map((r) => pathOf(r.href)));
    const onCyrillicPage = await searchAs("sr-Cyrl", "krivicni zakonik");
    expect(onCyrillicPage.results.map((r) => pathOf(r.href))).toEqual(latin.results.map((r) => pathOf(r.href)));
    expect(plain(onCyrillicPage.results[0].passage)).toMatch(/[\u0400-\u04FF]/);
    expect(marked(onCyrillicPage.results).map((w) => w.toLowerCase())).toContain("кривичног");
  });

  test("English uses an English stemmer; a question typed as a sentence finds the passage", async () => {
    const { results } = await searchAs("en", "what did it say about preservation orders?");
    expect(results.some((r) => r.href.includes("glossary#expedited-preservation"))).toBe(true);
    expect(marked(results).map((w) => w.toLowerCase())).toEqual(expect.arrayContaining(["preservation", "orders"]));
  });

  test("a quoted phrase matches the words together; * matches the start of a word", async () => {
    const phrase = await searchAs("en", '"human beings"');
    const loose = await searchAs("en", "human beings");
    expect(phrase.results.length).toBeGreaterThan(0);
    expect(phrase.results.length).toBeLessThanOrEqual(loose.results.length);
    const prefix = await searchAs("sr-Latn", "vrbov*");
    expect(marked(prefix.results).map((w) => w.toLowerCase())).toEqual(expect.arrayContaining(["vrbovanje", "vrbovanja"]));
  });
});

describe("results pages", () => {
  test("many results come 20 to a page, with the total", async () => {
    const one = await searchAs("sr-Latn", "trgovina");
    expect(one.total).toBeGreaterThan(40);
    expect(one).toMatchObject({ page: 1, first: 1, pages: Math.ceil(one.total / 20) });
    expect(one.results).toHaveLength(20);
    const two = await searchAs("sr-Latn", "trgovina", 2);
    expect(two).toMatchObject({ page: 2, first: 21, total: one.total });
    expect(two.results.map((r) => r.href)).not.toContain(one.results[0].href);
    expect((await searchAs("sr-Latn", "trgovina", 999)).page).toBe(one.pages);
    expect((await searchAs("sr-Latn", "trgovina", -3)).page).toBe(1);
  });
});

describe("ranking", () => {
  test("a glossary term's own entry comes first, in every language and script", async () => {
    const [course] = getCourses();
    for (const term of course.glossary) {
      for (const [language, text] of [
        ["en", term.term.en],
        ["sr-Latn", term.term["sr-Latn"]],
        ["sr-Cyrl", term.term["sr-Latn"]],
      ] as const) {
        const { results } = await searchAs(language, text);
        expect(results[0]?.href, `${language}: ${text}`).toBe(`/courses/${course.id}/glossary#${term.id}`);
      }
    }
  });

  test("a lesson whose heading matches ranks above lessons that mention the words in passing", async () => {
    const [course] = getCourses();
    let checked = 0;
    for (const module of course.modules) {
      for (const lesson of module.lessons) {
        for (const heading of extractPassages(lesson.versions.en.body).headings) {
          const { results } = await searchAs("en", `"${heading}"`);
          const own = results.findIndex((r) => r.kind === "lesson" && pathOf(r.href).endsWith(`/${lesson.id}`));
          expect(own, heading).toBeGreaterThanOrEqual(0);
          const headingStems = new Set(stems(heading));
          // Lessons where the phrase is in neither the title nor the heading above the passage.
          const passing = results.findIndex((r) => r.kind === "lesson" && ![...stems(plain(r.title)), ...stems(plain(r.heading))].some((stem) => headingStems.has(stem)));
          if (passing >= 0) {
            expect(own, `"${heading}": ${lesson.id} at ${own}, a passing mention at ${passing}`).toBeLessThan(passing);
            checked += 1;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(5);
  });
});

const stems = (text: string) => tokenize(foldText(text)).map((t) => stemWord(t.word, "en"));

describe("quiz banks are never searched", () => {
  test("words that occur only in quiz.yaml files find nothing", async () => {
    const [course] = getCourses();
    for (const authored of ["en", "sr-Latn"] as const) {
      const language = searchLanguage(authored);
      const stemsOf = (text: string) => tokenize(foldText(text)).map((t) => stemWord(t.word, language));
      const taught = new Set<string>();
      const textOf = (value: unknown): string[] =>
        typeof value === "string"
          ? [value]
          : Array.isArray(value)
            ? value.flatMap(textOf)
            : value && typeof value === "object"
              ? Object.entries(value).flatMap(([k, v]) => (k === "en" || k === "sr-Latn" ? (k === authored ? textOf(v) : []) : textOf(v)))
              : [];
      for (const term of course.glossary) textOf(term).forEach((t) => stemsOf(t).forEach((s) => taught.add(s)));
      for (const module of course.modules) {
        textOf([module.title, module.summary, module.objectives, module.takeaways]).forEach((t) => stemsOf(t).forEach((s) => taught.add(s)));
        for (const lesson of module.lessons) stemsOf(`${lesson.versions[authored].title} ${lesson.versions[authored].body}`).forEach((s) => taught.add(s));
      }
      const quizOnly = new Map<string, string>(); // stem → a word of the bank with it
      for (const module of course.modules) {
        const bank = parse(fs.readFileSync(path.join(course.directory, module.folder, "quiz.yaml"), "utf8"));
        for (const text of textOf(bank)) {
          for (const { word } of tokenize(foldText(text))) {
            const stem = stemWord(word, language);
            if (word.length >= 5 && !/\d/.test(word) && !taught.has(stem)) quizOnly.set(stem, word);
          }
        }
      }
      expect(quizOnly.size, `${authored}: words found only in the quiz banks`).toBeGreaterThan(20);
      for (const word of [...quizOnly.values()].slice(0, 60)) {
        const outcome = await searchAs(authored, word);
        expect(outcome.results, `${authored}: "${word}" is only in a quiz bank`).toEqual([]);
      }
    }
  });
});

describe("who finds what", () => {
  test("visitors find module pages and the glossary, and are offered to log in for the lessons", async () => {
    const outcome = await searchAs(null, "sextortion");
    expect(outcome.results.length).toBeGreaterThan(0);
    expect(outcome.results.every((r) => r.kind !== "lesson")).toBe(true);
    expect(outcome.loginHref).toBe(`/login?${new URLSearchParams({ redirectTo: "/search?q=sextortion" })}`);
    const learner = await searchAs("en", "sextortion");
    expect(learner.results.some((r) => r.kind === "lesson")).toBe(true);
    expect(learner.loginHref).toBeNull();
  });
});

describe("bad input", () => {
  test("an empty query asks for words", async () => {
    for (const q of ["", "   ", "\u0000\u0007"]) expect(await searchAs("en", q)).toMatchObject({ query: "", results: [], suggestions: [], cut: false });
  });

  test("a 1,000-character query is cut, and says so", async () => {
    const outcome = await searchAs("sr-Latn", "trgovina ljudima ".repeat(60).slice(0, 1000));
    expect(outcome.cut).toBe(true);
    expect(outcome.query.length).toBeLessThanOrEqual(200);
    expect(outcome.results.length).toBeGreaterThan(0);
  });

  test("nothing found: the closest glossary terms", async () => {
    const outcome = await searchAs("en", "sextrotion");
    expect(outcome.results).toEqual([]);
    expect(outcome.suggestions[0]).toEqual({ term: "Sextortion", href: "/courses/thb-technology/glossary#sextortion" });
  });

  test.each([
    '"',
    '"trgovina',
    "trgovina*",
    "*",
    "NEAR(trgovina ljudima, 2)",
    "^trgovina",
    "-trgovina",
    "trgovina AND OR NOT ljudima",
    "'; DROP TABLE users; --",
    "1 OR 1=1",
    "title:trgovina",
    "{title}: x",
    "\u0000\u0001\u001b[31m",
    "\u202etrgovina\u202c",
  ])("%j gives a results page", async (q) => {
    for (const language of ["en", "sr-Latn", "sr-Cyrl"] as const) await searchAs(language, q);
  });

  test("any string gives a results page (property)", async () => {
    const hostile = fc.oneof(
      fc.string({ unit: "binary", maxLength: 400 }),
      fc
        .array(fc.constantFrom('"', "*", "NEAR(", ")", "^", "-", "AND", "OR", "NOT", ":", "{", "}", "'", ";", "--", "\u0000", "trgovina", "ljudi", "кривични", " "), { maxLength: 40 })
        .map((parts) => parts.join(" ")),
      fc.string({ unit: "grapheme", maxLength: 1200 }),
    );
    await fc.assert(
      fc.asyncProperty(hostile, fc.constantFrom("en", "sr-Latn", "sr-Cyrl") as fc.Arbitrary<Language>, async (q, language) => {
        const outcome = await searchAs(language, q);
        expect(Array.from(outcome.query).length).toBeLessThanOrEqual(200);
      }),
      { seed: 17, numRuns: 300 },
    );
  });
});

describe("the index follows the courses", () => {
  test("a course is indexed again when its version or text changes, and not otherwise", async () => {
    const [course] = getCourses();
    await searchAs("en", "trafficking"); // indexes the loaded course
    expect(syncSearchIndex([{ ...course }])).toEqual([]);
    const renamed = structuredClone(course);
    renamed.version = `${course.version}-next`;
    renamed.glossary[0].term.en = "Zyzzogeton";
    expect(syncSearchIndex([renamed])).toEqual([course.id]);
    expect((await searchAs("en", "zyzzogeton")).results.map((r) => r.href)).toEqual([`/courses/${course.id}/glossary#${renamed.glossary[0].id}`]);
    expect(syncSearchIndex([structuredClone(course)])).toEqual([course.id]);
    expect((await searchAs("en", "zyzzogeton")).results).toEqual([]);
  });
});
