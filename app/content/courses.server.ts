import path from "node:path";
import { getEnv } from "~/utils/env.server";
import { errorResponse } from "~/utils/http.server";
import { loadCourses, type Course, type Lesson, type Module, type Problem } from "./loader.server";
import type { AuthoredLanguage, Language, LocalizedText } from "./localized";
import { renderMarkdown, type CalloutLabels, type RenderedMarkdown } from "./markdown.server";
import { stripLatinMarks, toCyrillic } from "./transliterate";

export class ContentError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`Course content is invalid:\n${formatProblems(problems)}`);
  }
}

export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join("\n");
}

let catalog: Course[] | undefined;

/** The validated courses, loaded once from COURSES_DIR. Throws ContentError on invalid content. */
export function getCourses(): Course[] {
  if (!catalog) {
    const { courses, problems } = loadCourses(path.resolve(getEnv().COURSES_DIR));
    if (problems.length > 0) throw new ContentError(problems);
    catalog = courses;
  }
  return catalog;
}

/**
 * Forgets the loaded courses and their rendered pages, so the next call reads COURSES_DIR again
 * (a new course version put in place; the tests of the passage between versions).
 */
export function forgetCourses() {
  catalog = undefined;
  rendered.clear();
}

export function findCourse(courseId: string): Course | undefined {
  return getCourses().find((course) => course.id === courseId);
}

export function findModule(course: Course, moduleId: string): Module | undefined {
  return course.modules.find((module) => module.id === moduleId);
}

export function courseLessons(course: Course): Array<{ module: Module; lesson: Lesson }> {
  return course.modules.flatMap((module) => module.lessons.map((lesson) => ({ module, lesson })));
}

/** The lesson with its module and neighbours in course order. */
export function findLesson(course: Course, lessonId: string) {
  const all = courseLessons(course);
  const index = all.findIndex((entry) => entry.lesson.id === lessonId);
  if (index === -1) return undefined;
  return { ...all[index], previous: all[index - 1], next: all[index + 1] };
}

/** The authored text a page in `language` starts from: Serbian in either script is written in Latin. */
export function authoredLanguage(language: Language): AuthoredLanguage {
  return language === "en" ? "en" : "sr-Latn";
}

/** Text for a page in `language`; Cyrillic is generated from the Serbian Latin text. */
export function localize(text: LocalizedText, language: Language, course?: Pick<Course, "latinTerms">): string {
  return localizeAuthored(text[authoredLanguage(language)], language, course);
}

/**
 * Authored text (English, or Serbian Latin for either Serbian script) as a page in `language` shows
 * it: Cyrillic keeps the course's Latin terms, and the `{{…}}` marks are dropped.
 */
export function localizeAuthored(text: string, language: Language, course?: Pick<Course, "latinTerms">): string {
  if (language === "sr-Cyrl") return toCyrillic(text, { latinTerms: course?.latinTerms });
  return stripLatinMarks(text);
}

type MarkdownCourse = Pick<Course, "id" | "latinTerms" | "sources">;

/** Authored Markdown rendered as a page of `course` in `language` shows it (see `localizeAuthored`). */
export function renderAuthored(course: MarkdownCourse, markdown: string, language: Language, labels: CalloutLabels): RenderedMarkdown {
  return renderShown(course, localizeAuthored(markdown, language, course), labels);
}

/**
 * Texts as one rendered Markdown list, so that their citations are numbered once for all of them.
 * Each text is localized on its own, as it is where it is shown alone (a takeaway, a definition).
 */
export function renderList(course: MarkdownCourse, items: LocalizedText[], language: Language, labels: CalloutLabels): RenderedMarkdown {
  return renderShown(course, items.map((item) => `- ${localize(item, language, course)}`).join("\n"), labels);
}

function renderShown(course: MarkdownCourse, markdown: string, labels: CalloutLabels): RenderedMarkdown {
  return renderMarkdown(markdown, { sources: course.sources, labels, assetBase: `/courses/${course.id}/` });
}

export function lessonTitle(course: Course, lesson: Lesson, language: Language): string {
  return localizeAuthored(lesson.versions[authoredLanguage(language)].title, language, course);
}

const rendered = new Map<string, RenderedMarkdown & { title: string }>();

/** A lesson rendered for one language, cached per course version, lesson and language. */
export function renderLesson(course: Course, lesson: Lesson, language: Language, labels: CalloutLabels) {
  const key = `${course.id}@${course.version}:${lesson.id}:${language}`;
  let result = rendered.get(key);
  if (!result) {
    result = { title: lessonTitle(course, lesson, language), ...renderAuthored(course, lesson.versions[authoredLanguage(language)].body, language, labels) };
    rendered.set(key, result);
  }
  return result;
}

export function requireCourse(courseId: string | undefined): Course {
  const course = courseId ? findCourse(courseId) : undefined;
  if (!course) throw errorResponse("errors.course.unknown", 404);
  return course;
}

export function requireModule(course: Course, moduleId: string | undefined): Module {
  const module = moduleId ? findModule(course, moduleId) : undefined;
  if (!module) throw errorResponse("errors.module.unknown", 404);
  return module;
}

/** The module's key takeaways as one rendered list, with their references. */
export function renderTakeaways(course: Course, module: Module, language: Language, labels: CalloutLabels) {
  const key = `${course.id}@${course.version}:${module.id}:takeaways:${language}`;
  let result = rendered.get(key);
  if (!result) {
    result = { title: "", ...renderList(course, module.takeaways, language, labels) };
    rendered.set(key, result);
  }
  return result;
}
