import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import type { Language } from "~/content/localized";
import { toCyrillic } from "~/content/transliterate";
import { i18nConfig, isLanguage } from "./i18n";
import { getUser } from "./session.server";

type Messages = { [key: string]: string | Messages };

function transliterateMessages(messages: Messages): Messages {
  return Object.fromEntries(
    Object.entries(messages).map(([key, value]) => [key, typeof value === "string" ? toCyrillic(value) : transliterateMessages(value)]),
  );
}

// Each feature keeps its strings in its own file (app/locales/<language>/<feature>.json, one
// top-level key per file); together they form the "common" namespace.
const files = import.meta.glob<Messages>("../locales/*/*.json", { eager: true, import: "default" });

function messagesOf(language: "en" | "sr-Latn"): Messages {
  const merged: Messages = {};
  for (const [file, messages] of Object.entries(files)) if (file.split("/").at(-2) === language) Object.assign(merged, messages);
  return merged;
}

/** UI strings per language; Cyrillic is generated from Serbian Latin. */
export const resources: Record<Language, { common: Messages }> = {
  en: { common: messagesOf("en") },
  "sr-Latn": { common: messagesOf("sr-Latn") },
  "sr-Cyrl": { common: transliterateMessages(messagesOf("sr-Latn")) },
};

export const languageCookie = createCookie("trag_lng", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 365 * 24 * 60 * 60 });

export const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...i18nConfig.supportedLngs],
    fallbackLanguage: i18nConfig.fallbackLng,
    cookie: languageCookie,
    order: ["custom", "cookie", "header"],
    async findLocale(request) {
      const user = await getUser(request);
      return user?.language ?? null;
    },
  },
  i18next: { ...i18nConfig, resources },
});

/** The page language: the user's profile, else the switcher's cookie, else Accept-Language, else English. */
export async function getLanguage(request: Request): Promise<Language> {
  const locale = await i18next.getLocale(request);
  return isLanguage(locale) ? locale : "en";
}

export async function getT(request: Request) {
  const language = await getLanguage(request);
  return { language, t: await i18next.getFixedT(language, "common") };
}
