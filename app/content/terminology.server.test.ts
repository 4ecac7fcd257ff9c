import fs from "node:fs";
import { parse } from "yaml";
import { describe, expect, test } from "vitest";
import { GlossarySchema } from "./course.schema";
import { formatProblems } from "./courses.server";
import { loadCourses } from "./loader.server";
import { checkTerminology, findAvoided, terminologyRules } from "./terminology.server";

const FIXTURE = "tests/fixtures/terminology";
const terms = GlossarySchema.parse(parse(fs.readFileSync(`${FIXTURE}/glossary.yaml`, "utf8"))).terms;
const rules = terminologyRules(terms);

describe("findAvoided", () => {
  test("finds an avoided variant in any case and inflection", () => {
    expect(findAvoided("Zloupotreba Položaja ranjivosti i položaj ranjivosti.", rules).map((f) => f.found)).toEqual(["Položaja ranjivosti", "položaj ranjivosti"]);
  });

  test("leaves the glossary's term and an allowed quotation alone", () => {
    expect(findAvoided("zloupotreba teškog položaja; izveštaj piše „zloupotreba položaja ranjivosti“.", rules)).toEqual([]);
  });

  test("a case-sensitive variant tells a dot inside a sentence from a sentence's end", () => {
    expect(findAvoided("u članu 4. stav 1", rules).map((f) => f.found)).toEqual(["članu 4."]);
    expect(findAvoided("u članu 4. Nova rečenica; u članu 4 stav 1", rules)).toEqual([]);
  });
});

describe("checkTerminology", () => {
  test("reports Serbian lessons and questions as file:line with the term to use", () => {
    expect(formatProblems(checkTerminology(FIXTURE, terms)).split("\n")).toEqual([
      `${FIXTURE}/01-module/01-lesson.sr-Latn.md:3: use "zloupotreba teškog položaja" (glossary: abuse-of-position-of-vulnerability); found "položaju ranjivosti"`,
      `${FIXTURE}/01-module/01-lesson.sr-Latn.md:9: use "član 12 (bez tačke u rečenici)" (glossary: article-number); found "članu 4."`,
      `${FIXTURE}/01-module/01-lesson.sr-Latn.md:9: use "zloupotreba teškog položaja" (glossary: abuse-of-position-of-vulnerability); found "Položaja ranjivosti"`,
      `${FIXTURE}/01-module/quiz.yaml:10: use "zloupotreba teškog položaja" (glossary: abuse-of-position-of-vulnerability); found "položaj ranjivosti"`,
    ]);
  });

  test("a glossary without variants to avoid reports nothing", () => {
    expect(
      checkTerminology(
        FIXTURE,
        terms.map(({ avoid: _avoid, ...term }) => term),
      ),
    ).toEqual([]);
  });
});

describe("the course", () => {
  // Loads and checks the whole course: about 3 s alone, far more on a loaded machine.
  test("uses the glossary's Serbian terms", { timeout: 60_000 }, () => {
    const { courses, problems } = loadCourses("courses");
    expect(problems).toEqual([]);
    for (const course of courses) expect(formatProblems(checkTerminology(course.directory, course.glossary))).toBe("");
  });
});
