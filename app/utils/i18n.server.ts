import { createCookie } from "@remix-run/node";
import { createInstance, type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import type { Language } from "~/content/localized";
import { stripLatinMarks, toCyrillic } from "~/content/transliterate";
import { i18nConfig, isLanguage, isNamespace, NAMESPACES, type Namespace } from "./i18n";
import { getUser } from "./session.server";

type Messages = { [key: string]: string | Messages };

function mapMessages(messages: Messages, map: (text: string) => string): Messages {
  return Object.fromEntries(Object.entries(messages).map(([key, value]) => [key, typeof value === "string" ? map(value) : mapMessages(value, map)]));
}

// Each namespace is a file, app/locales/<language>/<namespace>.json (app/utils/i18n.ts).
const files = import.meta.glob<Messages>("../locales/*/*.json", { eager: true, import: "default" });

function namespacesOf(language: "en" | "sr-Latn", map: (text: string) => string): Record<Namespace, Messages> {
  const bundles = Object.fromEntries(NAMESPACES.map((ns) => [ns, {}])) as Record<Namespace, Messages>;
  for (const [file, messages] of Object.entries(files)) {
    const [fileLanguage, name] = file.split("/").slice(-2);
    const ns = name.replace(/\.json$/, "");
    if (fileLanguage !== language) continue;
    if (!isNamespace(ns)) throw new Error(`app/locales/${language}/${name} is not a namespace named in app/utils/i18n.ts`);
    bundles[ns] = mapMessages(messages, map);
  }
  return bundles;
}

const ui = { placeholders: true };

/** UI strings per language and namespace; Cyrillic is generated from Serbian Latin. `{{Name}}` marks a foreign term. */
export const resources: Record<Language, Record<Namespace, Messages>> = {
  en: namespacesOf("en", (text) => stripLatinMarks(text, ui)),
  "sr-Latn": namespacesOf("sr-Latn", (text) => stripLatinMarks(text, ui)),
  "sr-Cyrl": namespacesOf("sr-Latn", (text) => toCyrillic(text, ui)),
};

export const languageCookie = createCookie("trag_lng", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 365 * 24 * 60 * 60 });

/** The page language: the user's profile, else the switcher's cookie, else Accept-Language, else English. */
export async function getLanguage(request: Request): Promise<Language> {
  const user = await getUser(request);
  if (user && isLanguage(user.language)) return user.language;
  const chosen = await languageCookie.parse(request.headers.get("Cookie"));
  if (isLanguage(chosen)) return chosen;
  return negotiateLanguage(request.headers.get("Accept-Language")) ?? "en";
}

/**
 * The first supported language in an Accept-Language header, by quality then order:
 * `sr-Cyrl…` is Cyrillic, any other Serbian tag (`sr`, `sr-RS`, `sr-Latn…`) Latin, `en…` English.
 */
export function negotiateLanguage(header: string | null): Language | null {
  if (!header) return null;
  const ranges = header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.split(";").map((piece) => piece.trim().toLowerCase());
      const q = params.find((param) => param.startsWith("q="));
      return { subtags: tag.split("-"), quality: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((range) => range.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { subtags } of ranges) {
    if (subtags[0] === "en") return "en";
    if (subtags[0] === "sr") return subtags.includes("cyrl") ? "sr-Cyrl" : "sr-Latn";
  }
  return null;
}

// One initialised i18next instance per language, shared by all requests: creating and
// initialising one per request (as RemixI18Next.getFixedT does) cost about a millisecond of CPU
// a page (see bench/changes.md). Nothing on the server changes an instance's language.
const instances = new Map<Language, Promise<I18n>>();

/** The i18next instance of `language` (with react-i18next, for rendering), created on first use. */
export function getI18n(language: Language): Promise<I18n> {
  let instance = instances.get(language);
  if (!instance) {
    const i18n = createInstance();
    instance = i18n
      .use(initReactI18next)
      .init({ ...i18nConfig, lng: language, ns: [...NAMESPACES], resources: { [language]: resources[language] } })
      .then(() => i18n);
    instances.set(language, instance);
  }
  return instance;
}

/** The translator for the page language, or for `asked` when that names a supported language (`?language=` on downloads). */
export async function getT(request: Request, asked?: string | null) {
  const language = isLanguage(asked) ? asked : await getLanguage(request);
  return { language, t: (await getI18n(language)).getFixedT(language, "common") };
}
