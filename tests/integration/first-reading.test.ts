/**
 * What a first-time reader meets on rendered pages that axe does not check: dates as Serbian
 * writes them, script, names for screen readers, placeholders left in text (issue 16).
 */
import { describe, expect, test } from "vitest";
import { fetchApp } from "../helpers/app";
import { createTestUser, signedIn } from "../helpers/auth";
import { get } from "../helpers/http";
import { completeCourse } from "../helpers/learning";
import { createTestGroup } from "../helpers/assignment-fixtures";
import { takeAttempt } from "../helpers/progress";
import { quizPaths } from "../helpers/quiz";

/** The page as shown, without the strings sent along for the browser. */
async function shownPage(response: Response): Promise<string> {
  const page = await response.text();
  const stringsStart = page.search(/<script[^>]*>window\.__trag=/);
  return stringsStart > 0 ? page.slice(0, stringsStart) : page;
}

describe("a date with a day puts the Serbian month in the genitive", () => {
  test.each([
    ["sr-Latn", "1. marta 2026."],
    ["sr-Cyrl", "1. марта 2026."],
    ["en", "1 March 2026"],
  ] as const)("My learning's certificate, in %s", async (language, expected) => {
    const user = await createTestUser({ language });
    completeCourse(user.id);
    const response = await fetchApp(get("/my-learning", { jar: await signedIn(user) }));
    expect(response.status).toBe(200);
    const html = await shownPage(response);
    expect(html).toContain(expected);
    expect(html).not.toMatch(/\d\. (mart|март) 2026/);
  });
});

describe("citations in Cyrillic text", () => {
  const lesson = "/courses/fixture-course/basics/first-lesson";

  test("a locator is transliterated like the text around it, and each citation link is named 'Izvor n' for screen readers", async () => {
    const user = await createTestUser({ language: "sr-Cyrl" });
    const html = await shownPage(await fetchApp(get(lesson, { jar: await signedIn(user) })));
    expect(html).toContain('<a href="#ref-2" aria-label="Извор 2, тач. 4">2, тач. 4</a>');
    expect(html).toContain('<a href="#ref-1" aria-label="Извор 1">1</a>');
    expect(html).not.toContain("tač.");
  });

  test("in Latin, the same", async () => {
    const user = await createTestUser({ language: "sr-Latn" });
    const html = await shownPage(await fetchApp(get(lesson, { jar: await signedIn(user) })));
    expect(html).toContain('<a href="#ref-2" aria-label="Izvor 2, tač. 4">2, tač. 4</a>');
  });

  test("the glossary's citations are named too", async () => {
    const user = await createTestUser({ language: "sr-Cyrl" });
    const html = await shownPage(await fetchApp(get("/courses/fixture-course/glossary", { jar: await signedIn(user) })));
    expect(html).toContain('<a href="#ref-1" aria-label="Извор 1">1</a>');
  });
});

describe("a quiz's results say why answers are hidden and what a retake after passing counts", () => {
  const strings = {
    en: { later: "the correct answers and explanations are shown once you pass", practice: "your best score (100%) is the one that counts", facts: 'aria-label="About this quiz"' },
    "sr-Latn": { later: "tačni odgovori i objašnjenja prikazuju se kada položite", practice: "računa se vaš najbolji rezultat (100%)", facts: 'aria-label="O ovom testu"' },
    "sr-Cyrl": { later: "тачни одговори и објашњења приказују се када положите", practice: "рачуна се ваш најбољи резултат (100%)", facts: 'aria-label="О овом тесту"' },
  } as const;

  test.each(Object.keys(strings) as Array<keyof typeof strings>)("in %s", async (language) => {
    const expected = strings[language];
    const user = await createTestUser({ language });
    const jar = await signedIn(user);
    const failed = takeAttempt(user.id, "basics", Date.now(), "wrong");
    expect(failed.status).toBe("failed");
    const failedReview = await shownPage(await fetchApp(get(quizPaths("basics", failed.id).review, { jar })));
    expect(failedReview).toContain(expected.later);
    expect(failedReview).not.toContain(expected.practice);

    const passed = takeAttempt(user.id, "basics", Date.now(), "right");
    expect(passed.status).toBe("passed");
    const passedReview = await shownPage(await fetchApp(get(quizPaths("basics", passed.id).review, { jar })));
    expect(passedReview).toContain(expected.practice);
    expect(passedReview).not.toContain(expected.later);

    // The overview offers the third attempt and says what it counts; its facts are a named list.
    const overview = await shownPage(await fetchApp(get(quizPaths("basics").overview, { jar })));
    expect(overview).toContain(expected.practice);
    expect(overview).toContain(`<ul class="facts" ${expected.facts}>`);
  });
});

describe("My learning's certificate card has a name", () => {
  test.each([
    ["en", "Certificate for Fixture course"],
    ["sr-Cyrl", "Уверење за обуку Пробни курс"],
  ] as const)("in %s", async (language, name) => {
    const user = await createTestUser({ language });
    completeCourse(user.id);
    const html = await shownPage(await fetchApp(get("/my-learning", { jar: await signedIn(user) })));
    expect(html).toMatch(new RegExp(`<li class="card" data-certificate="[A-Z0-9-]+" aria-label="${name}">`));
  });
});

describe("numbers and brand names found walking the Cyrillic pages", () => {
  test("the import page writes its row limit as the language does (2.000), and Excel stays Latin in Cyrillic", async () => {
    const trainer = await createTestUser({ role: "trainer", language: "sr-Cyrl" });
    const group = createTestGroup({ trainerId: trainer.id, memberIds: [] });
    const jar = await signedIn(trainer);
    const importPage = await shownPage(await fetchApp(get(`/trainer/groups/${group.id}/import`, { jar })));
    expect(importPage).toContain("највише 1 MB и 2.000 полазника");
    const reviewer = await createTestUser({ role: "reviewer", language: "sr-Cyrl" });
    const statistics = await shownPage(await fetchApp(get("/statistics", { jar: await signedIn(reviewer) })));
    expect(statistics).toContain("Excel (XLSX)");
    expect(statistics).not.toContain("Ексцел");
  });
});
