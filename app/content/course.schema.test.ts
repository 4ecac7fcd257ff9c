import { describe, expect, test } from "vitest";
import { CourseMetaSchema, GlossarySchema, LessonFrontmatterSchema, ModuleMetaSchema, SourcesSchema } from "./course.schema";
import { IdSchema, LocalizedTextSchema } from "./localized";

const text = { en: "Text", "sr-Latn": "Tekst" };

function issues(result: { success: boolean; error?: { issues: Array<{ path: Array<string | number>; message: string; code: string }> } }) {
  return result.success ? [] : result.error!.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("IdSchema", () => {
  test.each(["greta-2022", "a", "m1-case", "x9"])("accepts %j", (id) => {
    expect(IdSchema.safeParse(id).success).toBe(true);
  });
  test.each(["Greta", "greta_2022", "-greta", "greta-", "gre--ta", "greta 2022", "ćao", ""])("refuses %j", (id) => {
    expect(issues(IdSchema.safeParse(id))).toEqual([": must be kebab-case: lower-case letters, digits and dashes"]);
  });
});

describe("LocalizedTextSchema", () => {
  test("needs both authored languages, non-empty, and nothing else", () => {
    expect(LocalizedTextSchema.parse({ en: " a ", "sr-Latn": "b" })).toEqual({ en: "a", "sr-Latn": "b" });
    expect(issues(LocalizedTextSchema.safeParse({ en: "a" }))).toEqual(["sr-Latn: Required"]);
    expect(issues(LocalizedTextSchema.safeParse({ en: "a", "sr-Latn": "   " }))).toEqual(["sr-Latn: String must contain at least 1 character(s)"]);
    expect(LocalizedTextSchema.safeParse({ ...text, "sr-Cyrl": "Текст" }).success).toBe(false);
  });
});

describe("CourseMetaSchema", () => {
  const course = { id: "thb-technology", version: "2026.1", title: text, summary: text };

  test("fills in defaults", () => {
    expect(CourseMetaSchema.parse(course)).toEqual({ ...course, latinTerms: [], changes: [] });
  });

  test("refuses unknown keys and a numeric version", () => {
    expect(CourseMetaSchema.safeParse({ ...course, author: "x" }).success).toBe(false);
    expect(CourseMetaSchema.safeParse({ ...course, version: 2026.1 }).success).toBe(false);
  });
});

describe("SourcesSchema", () => {
  test("maps keys of letters, digits and dashes to references", () => {
    expect(SourcesSchema.parse({ C1: { reference: "Ref" }, "SR8-2021": { reference: "Ref", url: "https://example.org" } })).toHaveProperty("SR8-2021");
  });

  test("refuses bad keys, relative URLs and unknown fields", () => {
    expect(issues(SourcesSchema.safeParse({ "C 1": { reference: "Ref" } }))).toEqual(["C 1: source keys use letters, digits and dashes"]);
    expect(issues(SourcesSchema.safeParse({ C1: { reference: "Ref", url: "rm.coe.int/x" } }))).toEqual(["C1.url: must be a full URL"]);
    expect(SourcesSchema.safeParse({ C1: { reference: "Ref", pages: "4" } }).success).toBe(false);
  });
});

describe("LessonFrontmatterSchema", () => {
  test("defaults kind to lesson", () => {
    expect(LessonFrontmatterSchema.parse({ id: "x", title: "T", minutes: 10 })).toEqual({ id: "x", title: "T", kind: "lesson", minutes: 10 });
  });

  test("refuses unknown kinds, unreasonable minutes and unknown keys", () => {
    expect(LessonFrontmatterSchema.safeParse({ id: "x", title: "T", minutes: 10, kind: "video" }).success).toBe(false);
    expect(LessonFrontmatterSchema.safeParse({ id: "x", title: "T", minutes: 0 }).success).toBe(false);
    expect(LessonFrontmatterSchema.safeParse({ id: "x", title: "T", minutes: 241 }).success).toBe(false);
    expect(LessonFrontmatterSchema.safeParse({ id: "x", title: "T", minutes: 10.5 }).success).toBe(false);
    expect(LessonFrontmatterSchema.safeParse({ id: "x", title: "T", minutes: 10, tags: [] }).success).toBe(false);
  });
});

describe("ModuleMetaSchema", () => {
  const module = { id: "m", title: text, summary: text, estimatedMinutes: 60, objectives: [text] };

  test("fills in takeaways and the quiz settings' defaults", () => {
    const parsed = ModuleMetaSchema.parse(module);
    expect(parsed.takeaways).toEqual([]);
    expect(parsed.quiz).toMatchObject({ mode: "deferred", questionsPerAttempt: 10, passMark: 70 });
  });

  test("needs an objective", () => {
    expect(issues(ModuleMetaSchema.safeParse({ ...module, objectives: [] }))).toEqual(["objectives: a module needs at least one learning objective"]);
  });
});

describe("GlossarySchema", () => {
  test("terms have an id, a term and a definition in both languages", () => {
    expect(GlossarySchema.safeParse({ terms: [{ id: "thb", term: text, definition: text }] }).success).toBe(true);
    expect(GlossarySchema.safeParse({ terms: [{ id: "thb", term: text }] }).success).toBe(false);
    expect(GlossarySchema.safeParse({ terms: [], extra: 1 }).success).toBe(false);
  });
});
