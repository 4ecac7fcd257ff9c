import path from "node:path";
import { describe, expect, it } from "vitest";
import { findCitations } from "~/content/citations";
import { loadCourses, type Course } from "~/content/loader.server";
import { LANGUAGES } from "~/content/languages";
import { quizBalance, quizBalanceShortfalls } from "~/content/quiz-balance.server";
import { renderMarkdown } from "~/content/markdown.server";
import { stripLatinMarks, toCyrillic } from "~/content/transliterate";

// The real course: it must satisfy every content rule and render in all three languages.
const { courses, problems } = loadCourses(path.resolve("courses"));
const labels = { "key-point": "K", case: "C", "in-serbia": "S", decision: "D", discussion: "X", reference: "R" };

describe("the courses in courses/", () => {
  it("load without a single problem", () => {
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([]);
    expect(courses.length).toBeGreaterThan(0);
  });

  const course = courses.find((c) => c.id === "thb-technology") as Course;

  it("has the scope the curriculum asks for", () => {
    expect(course.modules.length).toBeGreaterThanOrEqual(8);
    expect(course.glossary.length).toBeGreaterThanOrEqual(40);
    for (const module of course.modules) {
      expect(module.objectives.length, module.id).toBeGreaterThanOrEqual(3);
      expect(module.objectives.length, module.id).toBeLessThanOrEqual(5);
      expect(module.takeaways.length, module.id).toBeGreaterThan(0);
      expect(module.bank?.questions.length ?? 0, module.id).toBeGreaterThanOrEqual(15);
      expect(module.quizSettings.questionsPerAttempt, module.id).toBe(10);
      expect(module.quizSettings.passMark, module.id).toBe(70);
      expect(
        module.lessons.some((lesson) => lesson.kind === "case"),
        module.id,
      ).toBe(true);
    }
  });

  it("renders every lesson in English, Serbian Latin and Serbian Cyrillic, with every citation numbered", () => {
    let rendered = 0;
    for (const module of course.modules) {
      for (const lesson of module.lessons) {
        for (const language of LANGUAGES) {
          const authored = lesson.versions[language === "en" ? "en" : "sr-Latn"].body;
          const source = language === "sr-Cyrl" ? toCyrillic(authored, { latinTerms: course.latinTerms }) : stripLatinMarks(authored);
          const { html, references } = renderMarkdown(source, { sources: course.sources, labels, assetBase: "/" });
          const keys = new Set(findCitations(authored).map((c) => c.key));
          expect(references.map((r) => r.key).sort(), `${lesson.id} ${language}`).toEqual([...keys].sort());
          expect(
            references.every((r) => r.reference !== r.key),
            `${lesson.id} ${language}`,
          ).toBe(true);
          expect(html).not.toContain("{{");
          expect(html).not.toMatch(/\[@/);
          rendered++;
        }
      }
    }
    expect(rendered).toBe(course.modules.reduce((n, m) => n + m.lessons.length, 0) * 3);
  });

  it("keeps the Cyrillic lessons in Cyrillic apart from marked foreign terms", () => {
    for (const module of course.modules) {
      for (const lesson of module.lessons) {
        const cyrillic = toCyrillic(lesson.versions["sr-Latn"].body, { latinTerms: course.latinTerms });
        const letters = cyrillic.replace(/\[@[^\]]*\]|https?:\/\/\S+|`[^`]*`/g, "").match(/\p{L}/gu) ?? [];
        const latin = letters.filter((ch) => /[A-Za-zČčĆćŠšŽžĐđ]/.test(ch)).length;
        // Names, acronyms and citations stay Latin; the running text must not.
        expect(latin / letters.length, lesson.id).toBeLessThan(0.15);
      }
    }
  });

  it("has at least 40 % application questions per module and three or more options per single-choice question", () => {
    for (const module of course.modules) {
      expect(quizBalanceShortfalls(quizBalance(module.bank)), module.folder).toEqual([]);
    }
  });
});
