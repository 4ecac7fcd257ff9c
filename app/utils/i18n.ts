import { LANGUAGES, type Language } from "~/content/languages";

/**
 * UI strings come in namespaces, one per file in app/locales/<language>/. Every page gets
 * "common"; a route that needs another declares it as `export const handle = { i18n: ["quiz"] }`,
 * and only those are sent with the page. Keys keep their namespace as first part ("quiz.timer…"),
 * so `t` finds them through `fallbackNS` without naming the namespace.
 */
export const NAMESPACES = ["common", "quiz", "certificates", "profile", "statistics", "groups", "mail", "progress", "search", "audit", "security"] as const;
export type Namespace = (typeof NAMESPACES)[number];

export const i18nConfig = {
  supportedLngs: [...LANGUAGES],
  fallbackLng: "en",
  defaultNS: "common",
  fallbackNS: NAMESPACES.filter((ns) => ns !== "common"),
  ns: ["common"],
  interpolation: { escapeValue: false },
} as const;

/** A route's `handle`, naming the namespaces its page needs besides "common". */
export type StringsHandle = { i18n: Exclude<Namespace, "common">[] };

export function isNamespace(value: unknown): value is Namespace {
  return typeof value === "string" && (NAMESPACES as readonly string[]).includes(value);
}

/** The namespaces a page needs: "common" and those its matched routes declare in `handle.i18n`. */
export function pageNamespaces(matches: readonly { handle?: unknown }[]): Namespace[] {
  const wanted = new Set<string>(["common"]);
  for (const { handle } of matches) {
    const declared = (handle as { i18n?: unknown } | undefined)?.i18n;
    if (Array.isArray(declared)) for (const ns of declared) wanted.add(ns);
  }
  return NAMESPACES.filter((ns) => wanted.has(ns));
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** BCP 47 tag for Intl formatting. */
export function intlLocale(language: Language): string {
  return language === "en" ? "en-GB" : language;
}

/** Each language named in itself, as language switchers conventionally show them. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: "English",
  "sr-Latn": "Srpski (latinica)",
  "sr-Cyrl": "Српски (ћирилица)",
};
