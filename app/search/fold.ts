/**
 * Search text as people type it: case, diacritics and script do not matter, and inflected forms
 * share a stem. Index and queries go through the same functions, so whatever a rule does, it does
 * to both sides. Shared by server code only, but free of server imports (unit-tested directly).
 */
import { stemmer as stemEnglish } from "@orama/stemmers/english";
import { stemmer as stemSerbian } from "@orama/stemmers/serbian";
import { toLatin } from "../content/transliterate";

/** Which index a page's language searches: Serbian in either script shares one. */
export type SearchLanguage = "en" | "sr";

// Letters NFKD does not take apart.
const LATIN: Record<string, string> = { đ: "dj", ł: "l", ø: "o", æ: "ae", œ: "oe", ß: "ss", ı: "i" };

/** A word: letters and digits, with combining marks (NFD input) kept inside it. */
export const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

/** Lower case, Latin script, no diacritics: "Кривични" and "krivični" both become "krivicni". */
export function foldText(text: string): string {
  let out = "";
  // Cyrillic as Serbian Latin first, then folded like Latin: ђ → đ → dj, џ → dž → dz.
  for (const c of toLatin(text.toLowerCase())) out += LATIN[c] ?? c;
  return out.normalize("NFKD").replace(/\p{M}/gu, "");
}

const stems: Record<SearchLanguage, Map<string, string>> = { en: new Map(), sr: new Map() };
const STEM_CACHE_LIMIT = 50_000;

/**
 * The stem of one folded word. Snowball's Serbian stemmer (@orama/stemmers) works on folded text
 * too (it reads "dj" as đ); the rules in `stemSerbian` mend what it leaves apart (fold.test.ts).
 * Stems are cached: a course has a few thousand distinct words.
 */
export function stemWord(word: string, language: SearchLanguage): string {
  if (word.length < 3 || /^\d+$/.test(word)) return word;
  const cache = stems[language];
  let stem = cache.get(word);
  if (stem === undefined) {
    stem = language === "sr" ? stemSerbianWord(word) : stemEnglish(word);
    if (cache.size >= STEM_CACHE_LIMIT) cache.clear();
    cache.set(word, stem);
  }
  return stem;
}

const VOWEL_END = /[aeiou]$/;

/**
 * Snowball cuts some nominatives short that it leaves whole in the other cases: slučaj → "sluca"
 * but slučaja → "slucaj" (problem, kriminal, program, sertifikat…), and plurals alike (advokati →
 * "advoka", advokata → "advokat"). The genitive singular shows the whole stem, so a word whose
 * genitive stems longer than the word itself did takes that stem. Long plurals in -ov-/-ev- (sudovi,
 * sudova) share the stem of the singular (sud), and so do the plurals of -nik nouns (radnici).
 * Irregular stems stay apart (posao/posla, dete/deca, tužilac/tužioca).
 */
function stemSerbianWord(word: string): string {
  let stem = stemSerbian(word);
  if (VOWEL_END.test(word)) {
    const base = word.slice(0, -1);
    if (stem.length < base.length && stemSerbian(`${base}a`) === base) stem = base;
  } else if (stem.length === word.length - 1 && stemSerbian(`${word}a`) === word) {
    stem = word;
  }
  const plural = /^(.{3,}?)[oe]v(?:i|a|e|ima)$/.exec(word);
  if (plural && (stem === `${plural[1]}ov` || stem === `${plural[1]}ev`)) stem = plural[1];
  // -nik nouns soften k in the plural: radnik, radnici, radnicima.
  if (/nic(?:i|ima)$/.test(word) && stem.endsWith("nic")) stem = `${stem.slice(0, -1)}k`;
  // The stemmer reads "dj" as đ: fold it back.
  return foldText(stem);
}

export type Token = { word: string; start: number; end: number };

/** The words of `text` with their offsets in `text` (not folded). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) tokens.push({ word: match[0], start: match.index, end: match.index + match[0].length });
  return tokens;
}

/** Folded stems of every word of `text`, in order (one per word, so phrases keep their positions). */
export function stemText(text: string, language: SearchLanguage): string[] {
  return tokenize(foldText(text)).map((token) => stemWord(token.word, language));
}
