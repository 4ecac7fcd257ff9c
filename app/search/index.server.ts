/**
 * The search index's rows for a course: lessons (a row per paragraph, list item or table cell, with
 * the heading above it), module pages (summary, objectives, takeaways) and glossary terms, in each
 * authored language; Serbian Cyrillic pages search the Serbian Latin rows (fold.ts folds both
 * scripts alike). Quiz banks are never read here: searching must not lead to the answers.
 */
import crypto from "node:crypto";
import type { Course } from "~/content/loader.server";
import type { AuthoredLanguage, LocalizedText } from "~/content/localized";
import { extractPassages } from "~/content/markdown.server";
import { stripCitations } from "~/content/citations";
import { stripLatinMarks } from "~/content/transliterate";
import { indexCourse, keepIndexedCourses, type SearchKind, type SearchRow } from "~/models/search.server";
import { foldText, stemWord, tokenize, type SearchLanguage } from "./fold";

/** Bump when fold.ts or the rows change: every course is then indexed again. */
const INDEX_FORMAT = 1;

export const SEARCH_LANGUAGE: Record<AuthoredLanguage, SearchLanguage> = { en: "en", "sr-Latn": "sr" };

/** Module page sections a row can point at; the takeaways have an anchor (`#takeaways-heading`). */
export const MODULE_SECTION = { summary: -1, objectives: 0, takeaways: 1 } as const;

/** What the index holds for a course: its version, the text it indexes (never the quiz bank) and the format. */
export function courseFingerprint(course: Course): string {
  const text = {
    format: INDEX_FORMAT,
    version: course.version,
    glossary: course.glossary,
    modules: course.modules.map((module) => ({
      id: module.id,
      title: module.title,
      summary: module.summary,
      objectives: module.objectives,
      takeaways: module.takeaways,
      lessons: module.lessons.map((lesson) => ({ id: lesson.id, en: lesson.versions.en, sr: lesson.versions["sr-Latn"] })),
    })),
  };
  return crypto.createHash("sha256").update(JSON.stringify(text)).digest("base64url");
}

export function buildSearchRows(course: Course): SearchRow[] {
  const rows: SearchRow[] = [];
  for (const authored of ["en", "sr-Latn"] as const) {
    const language = SEARCH_LANGUAGE[authored];
    const row = (kind: SearchKind, moduleId: string, itemId: string, section: number, title: string, heading: string, text: string) => {
      const [titleWords, headingWords, bodyWords] = [title, heading, text].map((part) => tokenize(foldText(stripLatinMarks(part))).map((t) => t.word));
      const stems = (words: string[]) => words.map((word) => stemWord(word, language)).join(" ");
      rows.push({
        title: stems(titleWords),
        heading: stems(headingWords),
        body: stems(bodyWords),
        words: [...titleWords, ...headingWords, ...bodyWords].join(" "),
        courseId: course.id,
        language,
        kind,
        moduleId,
        itemId,
        section,
        text,
      });
    };
    const pick = (text: LocalizedText) => text[authored];
    // Citations are numbered per page: a passage shown on its own leaves them out.
    const plain = (text: LocalizedText) => stripCitations(pick(text)).replace(/\s+(?=[.,;:!?)])/g, "");

    for (const term of course.glossary) row("glossary", "", term.id, -1, pick(term.term), "", plain(term.definition));
    for (const module of course.modules) {
      const title = pick(module.title);
      row("module", module.id, module.id, MODULE_SECTION.summary, title, "", pick(module.summary));
      for (const objective of module.objectives) row("module", module.id, module.id, MODULE_SECTION.objectives, title, "", pick(objective));
      for (const takeaway of module.takeaways) row("module", module.id, module.id, MODULE_SECTION.takeaways, title, "", plain(takeaway));
      for (const lesson of module.lessons) {
        const version = lesson.versions[authored];
        const { headings, passages } = extractPassages(version.body);
        for (const passage of passages) row("lesson", module.id, lesson.id, passage.heading, version.title, headings[passage.heading] ?? "", passage.text);
      }
    }
  }
  return rows;
}

const synced = new WeakSet<Course[]>();

/**
 * Brings the index up to date with `courses` (each course indexed again when its text, version or
 * the index format changed; courses no longer there removed). Once per loaded catalogue in a
 * process: `npm start` does it before the serving processes start, and each of them checks
 * the fingerprints once before its first search (tests and development start without it).
 * Returns the ids of the courses it indexed.
 */
export function syncSearchIndex(courses: Course[], now = new Date()): string[] {
  if (synced.has(courses)) return [];
  const indexed = courses.filter((course) => indexCourse(course.id, courseFingerprint(course), () => buildSearchRows(course), now));
  keepIndexedCourses(courses.map((course) => course.id));
  synced.add(courses);
  return indexed.map((course) => course.id);
}
