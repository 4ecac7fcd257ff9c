/**
 * What a person typed, as search terms: words (any inflection), "quoted phrases" and prefixes
 * (`trgov*`). Everything else (FTS syntax, SQL, control characters) is only text: the terms are
 * folded words of letters and digits, and the FTS5 expression is built from them alone.
 */
import { foldText, stemWord, tokenize, type SearchLanguage } from "./fold";

/** Longer queries are cut to this many characters (the results page says so). */
export const MAX_QUERY_LENGTH = 200;
/** At most this many terms are searched for; the rest of the query is left out (and said to be). */
export const MAX_TERMS = 12;
/** A prefix shorter than this would match most of the course: it is searched as a word. */
const MIN_PREFIX = 2;

export type QueryTerm = { kind: "word"; stem: string } | { kind: "prefix"; prefix: string } | { kind: "phrase"; stems: string[] };

export type ParsedQuery = {
  /** The query as searched: control characters removed, whitespace collapsed, cut to the limit. */
  text: string;
  terms: QueryTerm[];
  /** True when the query was longer than MAX_QUERY_LENGTH or had more than MAX_TERMS terms. */
  cut: boolean;
};

// Words that say nothing about what is sought, left out unless the query has nothing else
// ("what did it say about preservation orders?", "šta je posebno osetljiv svedok?"). Folded.
const STOPWORDS: Record<SearchLanguage, ReadonlySet<string>> = {
  en: new Set(
    "a about after all also am an and any are as at be been being but by can could did do does for from had has have he her his how i if in into is it its me my no not of on or our said say says she should so than that the their them then there these they this those to was we were what when where which who why will with would you your".split(
      " ",
    ),
  ),
  sr: new Set(
    "a ali bi bila bile bili bilo bio biti da do ga gde i ih ili im iz ja je jer jesu joj jos k ka kad kada kako kao ko koja koje koji kojih kojim kojima kojoj kome kod li medju mi mu na nad nas ne nego ni o od odnosno on ona one oni ono ova ove ovaj ovo pa po pod pre pred pri sa sam se si smo so ste sta sto su sve svi ta taj te ti to u uz vam vas vec vi za".split(
      " ",
    ),
  ),
};

// Controls and format characters (bidi overrides, zero-width joiners) become spaces.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
// A quoted phrase, or a run outside quotes; an unclosed quote opens nothing.
const PART = /"([^"]*)"|([^"]+)|"/g;

export function parseQuery(raw: string, language: SearchLanguage): ParsedQuery {
  const clean = raw.normalize("NFC").replace(INVISIBLE, " ").replace(/\s+/g, " ").trim();
  const chars = Array.from(clean);
  let cut = chars.length > MAX_QUERY_LENGTH;
  const text = cut ? chars.slice(0, MAX_QUERY_LENGTH).join("").trim() : clean;

  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  const add = (term: QueryTerm) => {
    const key = JSON.stringify(term);
    if (seen.has(key)) return;
    seen.add(key);
    terms.push(term);
  };
  const stopwords: QueryTerm[] = [];
  for (const part of text.matchAll(PART)) {
    const [, phrase, loose] = part;
    if (phrase !== undefined) {
      const stems = tokenize(foldText(phrase)).map((token) => stemWord(token.word, language));
      if (stems.length === 1) add({ kind: "word", stem: stems[0] });
      else if (stems.length > 1) add({ kind: "phrase", stems });
    } else if (loose !== undefined) {
      for (const { word, end } of tokenize(loose)) {
        const starred = loose[end] === "*";
        const folded = tokenize(foldText(word)).map((token) => token.word);
        folded.forEach((fold, i) => {
          if (starred && i === folded.length - 1 && fold.length >= MIN_PREFIX) add({ kind: "prefix", prefix: fold });
          else if (STOPWORDS[language].has(fold)) stopwords.push({ kind: "word", stem: stemWord(fold, language) });
          else add({ kind: "word", stem: stemWord(fold, language) });
        });
      }
    }
  }
  // A query of stopwords only ("to be or not to be") is searched for as it is.
  if (terms.length === 0) stopwords.forEach(add);
  if (terms.length > MAX_TERMS) {
    terms.length = MAX_TERMS;
    cut = true;
  }
  return { text, terms, cut };
}

const STEMMED = "{title heading body}";

/**
 * The FTS5 expression for the terms, all of which must match (or any, with "OR"): null when there
 * are none. Every term is a double-quoted string of folded letters and digits, so nothing in it is
 * FTS syntax.
 */
export function toFtsQuery(terms: QueryTerm[], join: "AND" | "OR" = "AND"): string | null {
  if (terms.length === 0) return null;
  return terms
    .map((term) => {
      if (term.kind === "word") return `${STEMMED} : "${term.stem}"`;
      if (term.kind === "phrase") return `${STEMMED} : "${term.stems.join(" ")}"`;
      return `(${STEMMED} : "${term.prefix}" * OR words : "${term.prefix}" *)`;
    })
    .join(` ${join} `);
}

/** Whether a word of a shown text is one the query matched (to mark it); remembers each word's answer. */
export function matcherFor(terms: QueryTerm[], language: SearchLanguage): (word: string) => boolean {
  const stems = new Set<string>();
  const prefixes: string[] = [];
  for (const term of terms) {
    if (term.kind === "word") stems.add(term.stem);
    else if (term.kind === "phrase") term.stems.forEach((stem) => stems.add(stem));
    else prefixes.push(term.prefix);
  }
  const seen = new Map<string, boolean>();
  return (word) => {
    let matched = seen.get(word);
    if (matched === undefined) {
      matched = tokenize(foldText(word)).some(({ word: folded }) => {
        const stem = stemWord(folded, language);
        return stems.has(stem) || prefixes.some((prefix) => folded.startsWith(prefix) || stem.startsWith(prefix));
      });
      seen.set(word, matched);
    }
    return matched;
  };
}
