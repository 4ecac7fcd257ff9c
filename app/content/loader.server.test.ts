import path from "node:path";
import { describe, expect, test } from "vitest";
import { formatProblems } from "./courses.server";
import { COURSE_RULES, countWords, loadCourses, type ContentRules } from "./loader.server";

const FIXTURES = "tests/fixtures/courses";
const BROKEN = "tests/fixtures/broken";

/** The broken courses have short lessons; the word and lesson-count rules get fixtures of their own. */
const SMALL_COURSE_RULES: ContentRules = { lessonsPerModule: { min: 1, max: 5 }, lessonWords: { min: 5, max: 1200 }, requireCaseLesson: true };

function problemsOf(name: string, rules: ContentRules = SMALL_COURSE_RULES): string[] {
  const { courses, problems } = loadCourses(`${BROKEN}/${name}`, rules);
  if (problems.length > 0) expect(courses).toEqual([]);
  return formatProblems(problems).split("\n").filter(Boolean);
}

const at = (name: string, file: string) => `${BROKEN}/${name}/course/${file}`;

describe("the fixture course", () => {
  const { courses, problems } = loadCourses(FIXTURES);
  const [course] = courses;

  test("loads without problems under the real rules", () => {
    expect(problems).toEqual([]);
    expect(courses).toHaveLength(1);
  });

  test("has its metadata, sources and glossary", () => {
    expect(course).toMatchObject({
      id: "fixture-course",
      version: "1",
      title: { en: "Fixture course", "sr-Latn": "Probni kurs" },
      latinTerms: ["GRETA"],
      folder: "fixture-course",
      directory: path.resolve(FIXTURES, "fixture-course"),
    });
    expect(Object.keys(course.sources)).toEqual(["S1", "S2"]);
    expect(course.sources.S1).toEqual({ reference: "Source One, A report, 2022.", url: "https://example.org/one" });
    expect(course.glossary.map((term) => term.id)).toEqual(["trafficking"]);
  });

  test("orders modules and lessons by their numeric prefixes and keeps their ids and kinds", () => {
    expect(course.modules.map((m) => [m.folder, m.id])).toEqual([
      ["01-basics", "basics"],
      ["02-timed", "timed"],
    ]);
    expect(course.modules.map((m) => m.lessons.map((l) => `${l.id}:${l.kind}:${l.minutes}`))).toEqual([
      ["first-lesson:lesson:10", "second-lesson:lesson:10", "basics-case:case:10"],
      ["timed-one:lesson:10", "timed-two:case:10", "timed-three:lesson:10"],
    ]);
  });

  test("keeps both authored versions of each lesson, with file, title and word count", () => {
    const lesson = course.modules[0].lessons[0];
    expect(lesson.versions.en).toMatchObject({ file: `${FIXTURES}/fixture-course/01-basics/01-first-lesson.en.md`, title: "First lesson" });
    expect(lesson.versions["sr-Latn"]).toMatchObject({ file: `${FIXTURES}/fixture-course/01-basics/01-first-lesson.sr-Latn.md`, title: "Prva lekcija" });
    expect(lesson.versions.en.body.startsWith("\n## Overview")).toBe(true);
    for (const version of [lesson.versions.en, lesson.versions["sr-Latn"]]) {
      expect(version.words).toBe(countWords(version.body));
      expect(version.words).toBeGreaterThanOrEqual(COURSE_RULES.lessonWords.min);
      expect(version.words).toBeLessThanOrEqual(COURSE_RULES.lessonWords.max);
    }
  });

  test("reads each module's quiz settings with the README's defaults and its question bank", () => {
    const [basics, timed] = course.modules;
    expect(basics.quizSettings).toMatchObject({ mode: "deferred", questionsPerAttempt: 5, passMark: 70, maxAttempts: 3, timeLimitMinutes: null, navigation: "free" });
    expect(timed.quizSettings).toMatchObject({
      mode: "immediate",
      questionsPerAttempt: 4,
      timeLimitMinutes: 10,
      maxAttempts: 2,
      waitMinutes: 60,
      navigation: "sequential",
      reveal: { correctness: "always", answers: "always", explanations: "always" },
    });
    expect(basics.bank!.questions).toHaveLength(15);
    expect(new Set(basics.bank!.questions.map((q) => q.type))).toEqual(new Set(["single", "multiple", "truefalse", "matching", "ordering"]));
    expect(basics.bank!.cases.map((c) => c.id)).toEqual(["m1-case"]);
    expect(timed.contentNote).toEqual({ en: "This module mentions exploitation.", "sr-Latn": "Ovaj modul pominje eksploataciju." });
    expect(basics.contentNote).toBeUndefined();
    expect(basics.takeaways).toHaveLength(1);
  });
});

describe("broken courses: each problem as file:line: message", () => {
  test("the base the broken courses are made from is valid", () => {
    expect(problemsOf("baseline")).toEqual([]);
    expect(loadCourses(`${BROKEN}/baseline`, SMALL_COURSE_RULES).courses.map((c) => c.id)).toEqual(["broken-course"]);
  });

  test("unknown keys, in module.yaml and in lesson frontmatter", () => {
    expect(problemsOf("unknown-key")).toEqual([
      `${at("unknown-key", "01-basics/module.yaml")}:14: quiz: unknown key "passmark"`,
      `${at("unknown-key", "01-basics/01-intro.en.md")}:6: unknown key "author"`,
    ]);
  });

  test("a lesson without its sr-Latn version", () => {
    expect(problemsOf("missing-sr-latn")).toEqual([`${at("missing-sr-latn", "01-basics/01-intro.en.md")}:1: lesson "01-intro" has no sr-Latn version (01-intro.sr-Latn.md)`]);
  });

  test("a citation key that is not in sources.yaml", () => {
    expect(problemsOf("unresolved-citation")).toEqual([`${at("unresolved-citation", "01-basics/02-case.sr-Latn.md")}:12: citation key "S9" is not in sources.yaml`]);
  });

  test("an image without alt text", () => {
    expect(problemsOf("image-without-alt")).toEqual([`${at("image-without-alt", "01-basics/01-intro.en.md")}:12: an image needs alt text: ![what it shows](file)`]);
  });

  test("a lesson that is too short", () => {
    expect(problemsOf("lesson-too-short", COURSE_RULES)).toEqual([`${at("lesson-too-short", "01-basics/03-details.en.md")}:7: a lesson needs 400 to 1200 words; this one has 10`]);
  });

  test("a module with too few lessons", () => {
    expect(problemsOf("too-few-lessons", COURSE_RULES)).toEqual([`${at("too-few-lessons", "01-basics/module.yaml")}:1: a module needs 3 to 5 lessons; this one has 2`]);
  });

  test("choice questions with no correct option", () => {
    expect(problemsOf("no-correct-option")).toEqual([
      `${at("no-correct-option", "01-basics/quiz.yaml")}:7: questions.0.options: a single-choice question needs exactly one correct option (found 0)`,
      `${at("no-correct-option", "01-basics/quiz.yaml")}:19: questions.1.options: a multiple-choice question needs at least one correct option`,
    ]);
  });

  test("an explanation that cites no source", () => {
    expect(problemsOf("explanation-without-citation")).toEqual([`${at("explanation-without-citation", "01-basics/quiz.yaml")}:12: question "q-1": the sr-Latn explanation cites no source`]);
  });

  test("a YAML syntax error", () => {
    expect(problemsOf("yaml-syntax")).toEqual([`${at("yaml-syntax", "sources.yaml")}:5: YAML: Nested mappings are not allowed in compact mappings`]);
  });

  test("a missing courses folder", () => {
    expect(loadCourses(`${BROKEN}/no-such-folder`).problems).toEqual([{ file: `${BROKEN}/no-such-folder`, line: 1, message: "courses folder not found" }]);
  });

  test("a path given relative or absolute gives the same result", () => {
    const relative = loadCourses(`${BROKEN}/image-without-alt`, SMALL_COURSE_RULES).problems;
    const absolute = loadCourses(path.resolve(BROKEN, "image-without-alt"), SMALL_COURSE_RULES).problems;
    expect(absolute).toEqual(relative);
  });
});

describe("countWords", () => {
  test("counts words, not citations, callout markers or term braces", () => {
    expect(countWords("One two [@S1, p. 4] three.\n\n:::key-point\n{{Europol}} four\n:::\n")).toBe(5);
    expect(countWords("Đorđe’s 3.5 well-known words")).toBe(4);
  });
});
