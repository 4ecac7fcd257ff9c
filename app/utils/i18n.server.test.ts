import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { intlLocale, isLanguage, isNamespace, NAMESPACES, pageNamespaces } from "./i18n";
import { getI18n, negotiateLanguage, resources } from "./i18n.server";

type Messages = { [key: string]: string | Messages };

function flatten(messages: Messages, prefix = ""): Record<string, string> {
  return Object.fromEntries(Object.entries(messages).flatMap(([key, value]) => (typeof value === "string" ? [[prefix + key, value]] : Object.entries(flatten(value, `${prefix}${key}.`)))));
}

const allOf = (language: keyof typeof resources) => flatten(Object.assign({}, ...Object.values(resources[language])));
const en = allOf("en");
const srLatn = allOf("sr-Latn");
const srCyrl = allOf("sr-Cyrl");
const withoutPlural = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, "");
const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe("UI strings", () => {
  test("every locale file has one top-level key, the same set per language", () => {
    const files = (language: string) => fs.readdirSync(path.join("app/locales", language)).sort();
    expect(files("sr-Latn")).toEqual(files("en"));
  });

  test("English and Serbian have the same keys (plural forms aside)", () => {
    const enKeys = new Set(Object.keys(en).map(withoutPlural));
    const srKeys = new Set(Object.keys(srLatn).map(withoutPlural));
    expect([...enKeys].filter((k) => !srKeys.has(k))).toEqual([]);
    expect([...srKeys].filter((k) => !enKeys.has(k))).toEqual([]);
  });

  test("translations use the same interpolation variables", () => {
    const mismatched = Object.keys(en)
      .filter((key) => srLatn[key] !== undefined && variables(en[key]).join() !== variables(srLatn[key]).join())
      .map((key) => `${key}: ${variables(en[key])} / ${variables(srLatn[key])}`);
    expect(mismatched).toEqual([]);
  });

  test("Serbian has the plural forms it needs (one, few, other) wherever English has plurals", () => {
    const pluralKeys = [
      ...new Set(
        Object.keys(en)
          .filter((k) => /_(one|other)$/.test(k))
          .map(withoutPlural),
      ),
    ];
    const missing = pluralKeys.flatMap((key) => ["one", "few", "other"].filter((form) => srLatn[`${key}_${form}`] === undefined).map((form) => `${key}_${form}`));
    expect(missing).toEqual([]);
  });

  test("Cyrillic strings are generated from the Latin ones, keeping variables and Latin terms", () => {
    expect(Object.keys(srCyrl)).toEqual(Object.keys(srLatn));
    for (const key of Object.keys(srLatn)) expect(variables(srCyrl[key]), key).toEqual(variables(srLatn[key]));
    expect(srCyrl["nav.login"]).toMatch(/^[\u0400-\u04FF ]+$/);
    const leftovers = Object.entries(srCyrl)
      .map(
        ([key, text]) =>
          [
            key,
            text
              .replace(/\{\{\s*\w+\s*\}\}/g, "")
              .replace(/\b(Trag|GRETA|OSCE|Europol|Interpol|Facebook|PDF|QR|URL|e-mail|email|A|ID|CSV|XLSX|UTF|MB|SMTP_URL|SMTP|HTML|JSON|Message|Excel|K7QM-3XPT)\b/g, ""),
          ] as const,
      )
      .filter(([, text]) => /[A-Za-zčćžšđČĆŽŠĐ]{2,}/.test(text))
      .map(([key, text]) => `${key}: ${text}`);
    expect(leftovers).toEqual([]);
  });

  test("an acronym of foreign words stays in Latin script in Cyrillic (the rule in courses/README.md)", () => {
    const acronyms = new Set(Object.values(srLatn).flatMap((text) => text.replace(/\{\{\s*[a-z]\w*\s*\}\}/g, "").match(/\b[A-Z]{2,}\b/g) ?? []));
    expect(acronyms.size).toBeGreaterThan(3);
    const transliterated = [...acronyms].filter((acronym) => !Object.values(srCyrl).some((text) => new RegExp(`\\b${acronym}\\b`).test(text)));
    expect(transliterated).toEqual([]);
    expect(srCyrl["certificates.dashboard.downloadPdf"]).toMatch(/PDF/);
  });
});

describe("namespaces", () => {
  test("each namespace but common is one file with one top-level key, its own name, found by t without naming it", async () => {
    for (const ns of NAMESPACES.filter((name) => name !== "common")) expect(Object.keys(resources.en[ns])).toEqual([ns]);
    expect(Object.keys(resources.en.common).filter((key) => isNamespace(key))).toEqual([]);
    const t = (await getI18n("sr-Cyrl")).getFixedT("sr-Cyrl");
    expect(t("quiz.true")).toBe(flatten(resources["sr-Cyrl"].quiz)["quiz.true"]);
    expect(t("quiz.true")).toMatch(/^[\u0400-\u04FF ]+$/);
  });

  test("a page needs common and what its routes declare, in one order", () => {
    expect(pageNamespaces([])).toEqual(["common"]);
    expect(pageNamespaces([{ handle: undefined }, { handle: { i18n: ["certificates"] } }, { handle: { i18n: ["quiz", "certificates"] } }])).toEqual(["common", "quiz", "certificates"]);
    expect(pageNamespaces([{ handle: { other: true } }, { handle: { i18n: "quiz" } }])).toEqual(["common"]);
  });
});

describe("languages", () => {
  test("isLanguage and intlLocale", () => {
    expect(["en", "sr-Latn", "sr-Cyrl"].every(isLanguage)).toBe(true);
    expect(["sr", "de", "", null, 1].some(isLanguage)).toBe(false);
    expect(intlLocale("en")).toBe("en-GB");
    expect(intlLocale("sr-Cyrl")).toBe("sr-Cyrl");
  });

  test.each([
    [null, null],
    ["", null],
    ["en-US,en;q=0.9", "en"],
    ["sr", "sr-Latn"],
    ["sr-RS", "sr-Latn"],
    ["sr-Latn-RS", "sr-Latn"],
    ["sr-Cyrl", "sr-Cyrl"],
    ["SR-CYRL-RS", "sr-Cyrl"],
    ["de-DE, sr-Cyrl;q=0.8, en;q=0.9", "en"],
    ["de-DE, sr-Cyrl;q=0.9, en;q=0.8", "sr-Cyrl"],
    ["en;q=0, sr-Latn;q=0.1", "sr-Latn"],
    ["de, fr", null],
    ["*", null],
  ])("negotiateLanguage(%j) is %j", (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });
});
