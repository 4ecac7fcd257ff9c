/**
 * Serbian Latin → Serbian Cyrillic transliteration for authored content (Markdown or plain
 * UI strings). Code, URLs, e-mail addresses, citation keys, link targets, HTML entities and
 * tags, callout names and marked or listed foreign terms are left in Latin script.
 */

/**
 * Foreign names and acronyms that always stay in Latin script (case-sensitive, whole words).
 * The rule for acronyms (courses/README.md): an acronym of foreign words stays Latin (PDF, OSCE);
 * an acronym of Serbian words is transliterated (KZ → КЗ, OEBS → ОЕБС).
 * GRETA, Europol and Interpol are not here: Serbian writes them in Cyrillic in Cyrillic text
 * (ГРЕТА, Европол, Интерпол), so the Latin source spells them GRETA, Evropol, Interpol.
 */
export const DEFAULT_LATIN_TERMS: readonly string[] = [
  // International bodies and programmes
  "OSCE",
  "ODIHR",
  "UNODC",
  "UNHCR",
  "UNICEF",
  "UNICRI",
  "OHCHR",
  "ICAT",
  "IOM",
  "ILO",
  "CEDAW",
  "ECPAT",
  "Eurojust",
  "Frontex",
  "EMPACT",
  "EU",
  "CoE",
  "ECtHR",
  "ECHR",
  "CJEU",
  "HELP",
  "SIRIUS",
  "FATF",
  "MONEYVAL",
  // Platforms and companies
  "Facebook",
  "Instagram",
  "TikTok",
  "WhatsApp",
  "Viber",
  "Telegram",
  "Google",
  "Microsoft",
  "OnlyFans",
  "Snapchat",
  "Messenger",
  "Tinder",
  "LinkedIn",
  "Apple",
  "Android",
  "iPhone",
  // File formats, technical standards and units
  "PDF",
  "CSV",
  "JSON",
  "XLSX",
  "HTML",
  "URL",
  "SMTP",
  "UTF-8",
  "QR",
  "SMS",
  "USB",
  "MB",
  // This application
  "Trag",
];

// ---------------------------------------------------------------------------------------------
// Letters

const LETTERS = "aа bб vв gг dд đђ eе žж zз iи jј kк lл mм nн oо pп rр sс tт ćћ uу fф hх cц čч šш";
const LETTER: Record<string, string> = {
  // Unicode's one-character Serbo-Croatian digraphs (upper, title, lower)
  Ǆ: "Џ",
  ǅ: "Џ",
  ǆ: "џ",
  Ǉ: "Љ",
  ǈ: "Љ",
  ǉ: "љ",
  Ǌ: "Њ",
  ǋ: "Њ",
  ǌ: "њ",
};
for (const pair of LETTERS.split(" ")) {
  LETTER[pair[0]] = pair[1];
  LETTER[pair[0].toUpperCase()] = pair[1].toUpperCase();
}

// Keyed by the two Latin letters; the case of the first letter decides the case of the result.
const DIGRAPH: Record<string, string> = {};
for (const [first, second, lower] of [
  ["l", "j", "љ"],
  ["n", "j", "њ"],
  ["d", "ž", "џ"],
]) {
  for (const a of [first, first.toUpperCase()]) {
    for (const b of [second, second.toUpperCase()]) {
      DIGRAPH[a + b] = a === first ? lower : lower.toUpperCase();
    }
  }
}

/**
 * Words in which d+ž or n+j are two letters, not the digraph џ / њ: a prefix ending in d or n
 * meets a root starting with ž or j. Each entry is "prefix|root" and matches the start of a
 * word (also after the negation "ne-"), case-insensitively. Entries are stems, so they must be
 * specific enough not to catch native words: nadžak (наџак) and odžak (оџак) keep џ.
 * There are no such exceptions for lj, and "dj" is never read as ђ, so it needs none.
 */
const DIGRAPH_SPLITS = [
  // nad-
  "nad|živ", // nadživeti, nadživjeti, nadživljavati, nadživeli supružnik
  "nad|žnj",
  "nad|žanj",
  "nad|žet", // nadžnjeti, nadžanjem, nadžeti
  "nad|žup", // nadžupan, nadžupnik
  "nad|žrec",
  "nad|ždrel",
  // od-
  "od|žal", // odžaliti, odžaljen
  "od|živ", // odživeti, odživljavati
  "od|žar",
  "od|žmur",
  "od|žubor",
  "od|žvak",
  "od|žvać",
  // pod-
  "pod|žanr",
  "pod|žup", // podžupan, podžupanija
  "pod|žar",
  "pod|žig",
  "pod|žnj",
  "pod|že", // podžariti, podžigač, podžnjeti, podžeći
  // pred-
  "pred|žet",
  "pred|žel",
  "pred|živ", // predžetveni, predželudac, predživotni
  // loanwords
  "feld|žand", // feldžandarm
  "an|jon",
  "ken|jon", // anjon (anion), kenjon (canyon)
  "in|jekc",
  "in|jekt",
  "in|jic",
  "in|junkc",
  "in|jurij", // injekcija, injektor, injicirati, injunkcija, injurija
  "kon|jug",
  "kon|junk",
  "kon|jekt", // konjugacija, konjunkcija, konjunktura, konjektura
  "van|jezi", // vanjezički
];
// Match length = index of the letter that must not join the one before it.
const SPLIT_AT = new RegExp(`^(?:ne)?(?:${DIGRAPH_SPLITS.map((entry) => entry.replace("|", "(?=") + ")").join("|")})`);

// Runs of Latin-script letters (and combining marks): the only text that is transliterated.
const WORD = /[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u1E00-\u1EFF\u0300-\u036F]+/g;
const LOWER_THEN_UPPER = /[a-zčćđšž][A-ZČĆĐŠŽ]/; // iPhone, PayPal, McDonald: never a Serbian word
const ROMAN = /^(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;

function isRomanNumeral(word: string, before: string | undefined, after: string | undefined): boolean {
  if (ROMAN.test(word)) {
    // A lone I is the conjunction "i"; a lone V followed by a full stop is an initial (V. Petrović).
    if (word.length > 1) return true;
    return word === "V" && after !== ".";
  }
  // Lower-case numerals only as legal enumerations: (i), (ii), (iv).
  return before === "(" && after === ")" && word === word.toLowerCase() && ROMAN.test(word.toUpperCase());
}

function splitIndex(word: string): number {
  const lower = word.toLowerCase();
  const match = lower.length === word.length ? SPLIT_AT.exec(lower) : null;
  return match ? match[0].length : 0;
}

/** Transliterates one run of Latin letters; returns it unchanged if it is not a Serbian word. */
function transliterateWord(word: string, before: string | undefined, after: string | undefined): string {
  if (LOWER_THEN_UPPER.test(word) || isRomanNumeral(word, before, after)) return word;
  let splitAt = -1; // computed on the first possible digraph only
  let out = "";
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    const code = word.charCodeAt(i) | 32; // lower-cases ASCII letters
    if ((code === 100 || code === 108 || code === 110) && i + 1 < word.length) {
      const digraph = DIGRAPH[c + word[i + 1]];
      if (digraph !== undefined) {
        if (splitAt === -1) splitAt = splitIndex(word);
        if (i + 1 !== splitAt) {
          out += digraph;
          i++;
          continue;
        }
      }
    }
    const letter = LETTER[c];
    if (letter !== undefined) out += letter;
    else if (c < "\u0300" || c > "\u036F")
      return word; // q, w, x, y, ä, é…: a foreign word stays Latin
    else out += c;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Segments that are never transliterated

// `{{…}}` marks a foreign term: its content stays Latin and the braces are dropped. In UI strings
// (`placeholders: true`) a `{{…}}` that looks like an i18next placeholder is kept verbatim instead.
const PLACEHOLDER = /^[a-z][a-zA-Z0-9_]*$/;

const PROTECTED = new RegExp(
  [
    /```[\s\S]*?(?:```|(?![\s\S]))/, // fenced code block (an unclosed fence runs to the end)
    /~~~[\s\S]*?(?:~~~|(?![\s\S]))/,
    /``[^\n]*?``|`[^`\n]+`/, // inline code
    /\{\{([^{}\n]*)\}\}/, // mark or placeholder: the only capturing group
    /\[-?@[^\]\n]*\]/, // citation brackets: [@C1; @L14-a, para. 3]
    /\]\((?:[^()\n]|\([^()\n]*\))*\)/, // Markdown link and image targets
    /\b[a-z][a-z\d+.-]*:\/\/[^\s<>"'`{}]*[^\s<>"'`{}.,;:!?)\]]/, // URL with a scheme
    /\bwww\.[^\s<>"'`{}]*[^\s<>"'`{}.,;:!?)\]]/,
    /\bmailto:[^\s<>"'`{}]+/,
    /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/, // e-mail address
    /@\w(?:[\w:./-]*\w)?/, // bare citation key or handle: @C1, @trag_rs
    /&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/, // HTML entity
    /<\/?[a-z][\w-]*(?:\s[^<>]*)?\/?>/, // HTML tag
    /\$t\([^)\n]*\)/, // i18next nesting: $t(key)
    /^[ \t]*:{3,}[\w-]*/, // callout fence and name: :::key-point
  ]
    .map((re) => re.source)
    .join("|"),
  "gim",
);

// In citation brackets the keys stay as they are, but a locator ("čl. 4") is Serbian text.
const CITATION_BRACKET = /^\[-?@/;
const LOCATOR = /(,)([^;\]]*)/g;

/** Runs `transliterate` on the text between protected segments and resolves `{{…}}`. */
function mapUnprotected(text: string, transliterate: (part: string) => string, placeholders: boolean): string {
  let out = "";
  let last = 0;
  PROTECTED.lastIndex = 0;
  for (let match = PROTECTED.exec(text); match !== null; match = PROTECTED.exec(text)) {
    out += transliterate(text.slice(last, match.index));
    const inner = match[1];
    if (CITATION_BRACKET.test(match[0])) out += match[0].replace(LOCATOR, (_, comma: string, locator: string) => comma + transliterate(locator));
    else out += inner === undefined || (placeholders && PLACEHOLDER.test(inner)) ? match[0] : inner;
    last = PROTECTED.lastIndex;
  }
  return out + transliterate(text.slice(last));
}

// ---------------------------------------------------------------------------------------------
// Latin terms

interface Terms {
  words: ReadonlySet<string>; // single words: looked up per word
  phrases: RegExp | undefined; // terms with spaces, dots, dashes…: searched for in the text
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const SINGLE_WORD = new RegExp(`^(?:${WORD.source})$`);
const WORD_CHAR = /[\p{L}\p{N}_]/u;

function compileTerms(terms: readonly string[]): Terms {
  const words = new Set<string>();
  const phrases: string[] = [];
  for (const term of terms) {
    if (SINGLE_WORD.test(term)) words.add(term);
    else if (term.length > 0) phrases.push(term);
  }
  phrases.sort((a, b) => b.length - a.length);
  return {
    words,
    phrases: phrases.length > 0 ? new RegExp(phrases.map(escapeRegExp).join("|"), "g") : undefined,
  };
}

const DEFAULT_TERMS = compileTerms(DEFAULT_LATIN_TERMS);
const termsCache = new WeakMap<readonly string[], Terms>();

function termsFor(extra: readonly string[] | undefined): Terms {
  if (extra === undefined || extra.length === 0) return DEFAULT_TERMS;
  let terms = termsCache.get(extra);
  if (terms === undefined) {
    terms = compileTerms([...DEFAULT_LATIN_TERMS, ...extra]);
    termsCache.set(extra, terms);
  }
  return terms;
}

function transliterateWords(text: string, terms: Terms): string {
  return text.replace(WORD, (word: string, offset: number) => (terms.words.has(word) ? word : transliterateWord(word, text[offset - 1], text[offset + word.length])));
}

function transliteratePart(part: string, terms: Terms): string {
  if (part === "") return part;
  part = part.normalize("NFC");
  const phrases = terms.phrases;
  if (phrases === undefined) return transliterateWords(part, terms);
  let out = "";
  let last = 0;
  phrases.lastIndex = 0;
  for (let match = phrases.exec(part); match !== null; match = phrases.exec(part)) {
    const end = match.index + match[0].length;
    const whole = !WORD_CHAR.test(part[match.index - 1] ?? "") && !WORD_CHAR.test(part[end] ?? "");
    if (!whole) {
      phrases.lastIndex = match.index + 1;
      continue;
    }
    out += transliterateWords(part.slice(last, match.index), terms) + match[0];
    last = end;
  }
  return out + transliterateWords(part.slice(last), terms);
}

// ---------------------------------------------------------------------------------------------

type Options = {
  latinTerms?: readonly string[];
  /** UI strings: keep i18next placeholders such as `{{count}}` as they are. */
  placeholders?: boolean;
};

/** Transliterates Serbian Latin text (Markdown or a UI string) to Serbian Cyrillic. */
export function toCyrillic(text: string, options?: Options): string {
  const terms = termsFor(options?.latinTerms);
  return mapUnprotected(text, (part) => transliteratePart(part, terms), options?.placeholders ?? false);
}

/** Removes the `{{…}}` foreign-term marks (keeping their text) for Latin-script output. */
export function stripLatinMarks(text: string, options?: Pick<Options, "placeholders">): string {
  return text.includes("{{") ? mapUnprotected(text, (part) => part, options?.placeholders ?? false) : text;
}

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

/** Serbian Cyrillic letters as Serbian Latin (Љ → "LJ" in an all-capital word, "Lj" otherwise); other characters stay. */
export function toLatin(text: string): string {
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
