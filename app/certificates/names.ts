import { toCyrillic, toLatin } from "../content/transliterate";
import type { Language } from "../content/languages";

// A certificate in Cyrillic shows a Serbian Latin name in Cyrillic, and one in Latin script
// (Serbian Latin or English) shows a Serbian Cyrillic name in Latin, as Serbian documents do.
// Only names written entirely in the Serbian alphabet of the other script are transliterated
// (not "Wojciech" or "Müller"); the PDF prints the name as written beneath a transliteration.

const SERBIAN_LATIN_NAME = /^(?=.*\p{Script=Latin})[a-pr-vzčćđšžǆǉǌ\s'’.,-]+$/iu;
const SERBIAN_CYRILLIC_NAME = /^(?=.*\p{Script=Cyrillic})[а-ик-шђјљњћџ\s'’.,-]+$/iu;

/** The learner's name in the script of `language`, and the name as written when that differs. */
export function nameInScript(name: string, language: Language): { name: string; asWritten: string | null } {
  let shown = name;
  if (language === "sr-Cyrl" && SERBIAN_LATIN_NAME.test(name)) shown = toCyrillic(name, { latinTerms: [] });
  else if (language !== "sr-Cyrl" && SERBIAN_CYRILLIC_NAME.test(name)) shown = toLatin(name);
  return shown === name ? { name, asWritten: null } : { name: shown, asWritten: name };
}
