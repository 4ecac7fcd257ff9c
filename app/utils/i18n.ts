import { LANGUAGES, type Language } from "~/content/languages";

export const i18nConfig = {
  supportedLngs: [...LANGUAGES],
  fallbackLng: "en",
  defaultNS: "common",
  ns: ["common"],
  interpolation: { escapeValue: false },
} as const;

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
