/**
 * Searching the courses for a results page: the query parsed (query.ts), the index asked
 * (app/models/search.server.ts), and each page that matched shown in the page's language and
 * script with its best passage, the matched words marked, linked to the heading above it.
 */
import { getCourses, lessonTitle, localize, localizeAuthored, renderLesson } from "~/content/courses.server";
import type { Course } from "~/content/loader.server";
import type { Language } from "~/content/localized";
import type { CalloutLabels } from "~/content/markdown.server";
import { findPassages, type SearchHit, type SearchKind } from "~/models/search.server";
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
  cut: boolean;
  /** No page had every word: the results have some of them. */
  partial: boolean;
  results: SearchResult[];
  /** When nothing matched: the glossary terms closest to the query. */
  suggestions: Array<{ term: string; href: string }>;
};

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
export function searchCourses({ query, language, lessons, labels }: { query: string; language: Language; lessons: boolean; labels: CalloutLabels }): SearchOutcome {
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
  const results = ordered.flatMap((hit) => {
    const course = courses.find((c) => c.id === hit.courseId);
    const result = course && showHit(course, hit, language, labels, isMatch);
    return result ? [result] : [];
  });
  const suggestions = parsed.text && results.length === 0 ? closestTerms(courses, parsed.text, language) : [];
  return { query: parsed.text, cut: parsed.cut, partial: partial && results.length > 0, results, suggestions };
}

/** The word stems of a query, in a canonical order: "" when it has prefixes or phrases only. */
function termsKey(terms: QueryTerm[]): string {
  if (terms.some((term) => term.kind === "prefix")) return "";
  return terms
    .flatMap((term) => (term.kind === "word" ? [term.stem] : term.kind === "phrase" ? term.stems : []))
    .sort()
    .join(" ");
}

function glossaryKey(courses: Course[], hit: SearchHit, language: Language): string {
  const term = courses.find((c) => c.id === hit.courseId)?.glossary.find((t) => t.id === hit.itemId);
  return term ? termsKey(parseQuery(term.term[language === "en" ? "en" : "sr-Latn"], searchLanguage(language)).terms) : "";
}

function showHit(course: Course, hit: SearchHit, language: Language, labels: CalloutLabels, isMatch: (word: string) => boolean): SearchResult | null {
  const passage = excerpt(localizeAuthored(hit.text, language, course), isMatch);
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

/**
 * Up to `length` words of `text` from a little before the first matched word, the matched words
 * marked; "…" where the text was cut.
 */
export function excerpt(text: string, isMatch: (word: string) => boolean, length = PASSAGE_WORDS): Segment[] {
  const tokens = tokenize(text);
  const matches = tokens.map((token) => isMatch(token.word));
  const first = Math.max(0, matches.indexOf(true));
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
  for (let i = from; i < to; i++) {
    if (!matches[i]) continue;
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
