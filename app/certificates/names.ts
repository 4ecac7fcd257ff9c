import { toCyrillic } from "../content/transliterate";
import type { Language } from "../content/languages";

// A certificate in Cyrillic shows a Serbian Latin name in Cyrillic, and one in Latin script
// (Serbian Latin or English) shows a Serbian Cyrillic name in Latin, as Serbian documents do.
// Only names written entirely in the Serbian alphabet of the other script are transliterated
// (not "Wojciech" or "Müller"); the PDF prints the name as written beneath a transliteration.

const SERBIAN_LATIN_NAME = /^(?=.*\p{Script=Latin})[a-pr-vzčćđšžǆǉǌ\s'’.,-]+$/iu;
const SERBIAN_CYRILLIC_NAME = /^(?=.*\p{Script=Cyrillic})[а-ик-шђјљњћџ\s'’.,-]+$/iu;

const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  ђ: "đ",
  е: "e",
  ж: "ž",
  з: "z",
  и: "i",
  ј: "j",
  к: "k",
  л: "l",
  љ: "lj",
  м: "m",
  н: "n",
  њ: "nj",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  ћ: "ć",
  у: "u",
  ф: "f",
  х: "h",
  ц: "c",
  ч: "č",
  џ: "dž",
  ш: "š",
};

function cyrillicToLatin(text: string): string {
  return text.replace(/[\u0400-\u04FF]/g, (char, offset: number) => {
    const lower = char.toLowerCase();
    const latin = CYRILLIC_TO_LATIN[lower];
    if (!latin) return char;
    if (lower === char) return latin;
    // Љ, Њ, Џ: "LJ" in an all-capital word, "Lj" otherwise.
    const next = text[offset + 1];
    const allCaps = next !== undefined && next !== next.toLowerCase();
    return allCaps ? latin.toUpperCase() : latin[0]!.toUpperCase() + latin.slice(1);
  });
}

/** The learner's name in the script of `language`, and the name as written when that differs. */
export function nameInScript(name: string, language: Language): { name: string; asWritten: string | null } {
  let shown = name;
  if (language === "sr-Cyrl" && SERBIAN_LATIN_NAME.test(name)) shown = toCyrillic(name, { latinTerms: [] });
  else if (language !== "sr-Cyrl" && SERBIAN_CYRILLIC_NAME.test(name)) shown = cyrillicToLatin(name);
  return shown === name ? { name, asWritten: null } : { name: shown, asWritten: name };
}
