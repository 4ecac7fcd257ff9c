/**
 * Searching the courses for a results page: the query parsed (query.ts), the index asked
 * (app/models/search.server.ts), and each page that matched shown in the page's language and
 * script with its best passage, the matched words marked, linked to the heading above it.
 */
import { authoredLanguage, getCourses, lessonTitle, localize, localizeAuthored, renderLesson } from "~/content/courses.server";
import type { Course } from "~/content/loader.server";
import type { Language } from "~/content/localized";
import type { CalloutLabels } from "~/content/markdown.server";
import { findPassages, passageText, type SearchHit, type SearchKind } from "~/models/search.server";
import { foldText, tokenize, type SearchLanguage } from "./fold";
import { MODULE_SECTION, syncSearchIndex } from "./index.server";
import { matcherFor, parseQuery, toFtsQuery, type QueryTerm } from "./query";

/** A piece of shown text; `mark` when it is a word the query matched. */
export type Segment = { text: string; mark?: true };

export type SearchResult = {
  kind: SearchKind;
  href: string;
  title: Segment[];
  /** Where the page is: the module of a lesson, the course of a module or glossary term. */
  place: string;
  /** The heading above the passage (lessons). */
  heading: Segment[] | null;
  passage: Segment[];
};

export type SearchOutcome = {
  /** The query as searched (cut to MAX_QUERY_LENGTH). */
  query: string;
  /** How many pages matched, and which of them are shown: `results` is page `page` of `pages`. */
  total: number;
  page: number;
  pages: number;
  /** Position of the first shown result among all (1-based). */
  first: number;
  cut: boolean;
  /** No page had every word: the results have some of them. */
  partial: boolean;
  results: SearchResult[];
  /** When nothing matched: the glossary terms closest to the query. */
  suggestions: Array<{ term: string; href: string }>;
};

/** Results per page: each is a passage to cut, mark and (for Cyrillic pages) transliterate. */
export const PAGE_SIZE = 20;
const PASSAGE_WORDS = 40;
const WORDS_BEFORE_MATCH = 12;
const SUGGESTIONS = 3;

export function searchLanguage(language: Language): SearchLanguage {
  return language === "en" ? "en" : "sr";
}

/**
 * Searches every course. Lessons are searched only when `lessons` is true (the lesson pages need
 * a signed-in learner; module pages and the glossary are public). `labels` are the page's
 * callout labels, needed to render a lesson for its heading anchors.
 */
export function searchCourses({ query, language, lessons, labels, page = 1 }: { query: string; language: Language; lessons: boolean; labels: CalloutLabels; page?: number }): SearchOutcome {
  const courses = getCourses();
  syncSearchIndex(courses);
  const lang = searchLanguage(language);
  const parsed = parseQuery(query, lang);
  const fts = toFtsQuery(parsed.terms);
  let hits = fts ? findPassages(fts, lang, lessons) : [];
  // A question typed as a sentence may have a word no page has: then pages with some of them.
  const partial = hits.length === 0 && parsed.terms.length > 1;
  if (partial) hits = findPassages(toFtsQuery(parsed.terms, "OR")!, lang, lessons);
  const isMatch = matcherFor(parsed.terms, lang);
  const glossaryFirst = termsKey(parsed.terms);
  const pinned = (hit: SearchHit) => hit.kind === "glossary" && glossaryFirst !== "" && glossaryKey(courses, hit, language) === glossaryFirst;
  const ordered = [...hits.filter(pinned), ...hits.filter((hit) => !pinned(hit))];
  const pages = Math.max(1, Math.ceil(ordered.length / PAGE_SIZE));
  const shown = Math.min(Math.max(1, Math.trunc(page) || 1), pages);
  const from = (shown - 1) * PAGE_SIZE;
  const results = ordered.slice(from, from + PAGE_SIZE).flatMap((hit) => {
    const course = courses.find((c) => c.id === hit.courseId);
    const result = course && showHit(course, hit, language, labels, isMatch);
    return result ? [result] : [];
  });
  const suggestions = parsed.text && ordered.length === 0 ? closestTerms(courses, parsed.text, language) : [];
  return { query: parsed.text, total: ordered.length, page: shown, pages, first: from + 1, cut: parsed.cut, partial: partial && ordered.length > 0, results, suggestions };
}

/** The word stems of a query, in a canonical order: "" when it has prefixes or phrases only. */
function termsKey(terms: QueryTerm[]): string {
  if (terms.some((term) => term.kind === "prefix")) return "";
  return terms
    .flatMap((term) => (term.kind === "word" ? [term.stem] : term.kind === "phrase" ? term.stems : []))
    .sort()
    .join(" ");
}

// Per course version, term and search language: as many entries as the glossaries have terms.
const glossaryKeys = new Map<string, string>();

/** A glossary term's query key (termsKey), made once per term and language. */
function glossaryKey(courses: Course[], hit: SearchHit, language: Language): string {
  const course = courses.find((c) => c.id === hit.courseId);
  const term = course?.glossary.find((t) => t.id === hit.itemId);
  if (!course || !term) return "";
  const lang = searchLanguage(language);
  const cacheKey = `${course.id}@${course.version}:${term.id}:${lang}`;
  let key = glossaryKeys.get(cacheKey);
  if (key === undefined) {
    key = termsKey(parseQuery(term.term[authoredLanguage(language)], lang).terms);
    glossaryKeys.set(cacheKey, key);
  }
  return key;
}

function showHit(course: Course, hit: SearchHit, language: Language, labels: CalloutLabels, isMatch: (word: string) => boolean): SearchResult | null {
  const passage = excerpt(showText(course, passageText(hit.passage), language), isMatch);
  const marked = (text: string) => excerpt(text, isMatch, Infinity);
  const base = `/courses/${course.id}`;
  if (hit.kind === "glossary") {
    const term = course.glossary.find((t) => t.id === hit.itemId);
    if (!term) return null;
    return { kind: "glossary", href: `${base}/glossary#${term.id}`, title: marked(localize(term.term, language, course)), place: localize(course.title, language, course), heading: null, passage };
  }
  const module = course.modules.find((m) => m.id === hit.moduleId);
  if (!module) return null;
  if (hit.kind === "module") {
    const anchor = hit.section === MODULE_SECTION.takeaways ? "#takeaways-heading" : "";
    return { kind: "module", href: `${base}/${module.id}${anchor}`, title: marked(localize(module.title, language, course)), place: localize(course.title, language, course), heading: null, passage };
  }
  const lesson = module.lessons.find((l) => l.id === hit.itemId);
  if (!lesson) return null;
  const heading = hit.section >= 0 ? renderLesson(course, lesson, language, labels).headings[hit.section] : undefined;
  return {
    kind: "lesson",
    href: `${base}/${module.id}/${lesson.id}${heading ? `#${heading.id}` : ""}`,
    title: marked(lessonTitle(course, lesson, language)),
    place: localize(module.title, language, course),
    heading: heading ? marked(heading.text) : null,
    passage,
  };
}

// Passages as Cyrillic pages show them, per course version: transliterating is the dearest step of
// showing a result. Bounded by the number of passages the index holds.
const cyrillic = new Map<string, string>();

function showText(course: Course, text: string, language: Language): string {
  if (language !== "sr-Cyrl") return localizeAuthored(text, language, course);
  const key = `${course.id}@${course.version}\n${text}`;
  let shown = cyrillic.get(key);
  if (shown === undefined) {
    shown = localizeAuthored(text, language, course);
    cyrillic.set(key, shown);
  }
  return shown;
}

/**
 * Up to `length` words of `text` from a little before the first matched word, the matched words
 * marked; "…" where the text was cut.
 */
export function excerpt(text: string, isMatch: (word: string) => boolean, length = PASSAGE_WORDS): Segment[] {
  const tokens = tokenize(text);
  let first = tokens.findIndex((token) => isMatch(token.word));
  if (first === -1) first = 0;
  const from = tokens.length <= length ? 0 : Math.max(0, Math.min(first - WORDS_BEFORE_MATCH, tokens.length - length));
  const to = Math.min(tokens.length, from + length);
  const start = from === 0 ? 0 : tokens[from].start;
  const end = to === tokens.length ? text.length : tokens[to - 1].end;
  const segments: Segment[] = [];
  const push = (segment: Segment) => {
    const last = segments[segments.length - 1];
    if (last && !last.mark && !segment.mark) last.text += segment.text;
    else if (segment.text) segments.push(segment);
  };
  if (start > 0) push({ text: "… " });
  let at = start;
  for (let i = Math.max(from, first); i < to; i++) {
    if (!isMatch(tokens[i].word)) continue;
    push({ text: text.slice(at, tokens[i].start) });
    push({ text: tokens[i].word, mark: true });
    at = tokens[i].end;
  }
  push({ text: text.slice(at, end) });
  if (end < text.length) push({ text: " …" });
  return segments;
}

/** The glossary terms most like the query (shared letter pairs, whatever the script and diacritics). */
function closestTerms(courses: Course[], query: string, language: Language): SearchOutcome["suggestions"] {
  const wanted = pairs(query);
  if (wanted.size === 0) return [];
  return courses
    .flatMap((course) =>
      course.glossary.map((term) => {
        const shown = localize(term.term, language, course);
        return { term: shown, href: `/courses/${course.id}/glossary#${term.id}`, score: similarity(wanted, pairs(shown)) };
      }),
    )
    .filter((candidate) => candidate.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, SUGGESTIONS)
    .map(({ term, href }) => ({ term, href }));
}

function pairs(text: string): Set<string> {
  const result = new Set<string>();
  for (const { word } of tokenize(foldText(text))) for (let i = 0; i < word.length - 1; i++) result.add(word.slice(i, i + 2));
  return result;
}

/** Dice's coefficient of two sets of letter pairs. */
function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const pair of a) if (b.has(pair)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}
