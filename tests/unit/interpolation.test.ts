/**
 * A string with `{{placeholders}}` translated without values reaches the page as "{{count}}" (a screen
 * reader read "… of {{count}} items …" in the ordering question's legend). Every `t("key")` call
 * without options in app/ must name a string that has no placeholder, in any language.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";

const ROOT = join(__dirname, "..", "..");
const LANGUAGES = ["en", "sr-Latn"];
/** An i18next placeholder; `{{CSV}}` and other capitalised marks are foreign terms (app/content/transliterate.ts). */
const PLACEHOLDER = /\{\{[a-z][a-zA-Z0-9_]*\}\}/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "locales" ? [] : files(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

type Tree = { [key: string]: string | Tree };

function lookup(tree: Tree, key: string): string[] {
  const parts = key.split(".");
  const last = parts.pop()!;
  let node: string | Tree | undefined = tree;
  for (const part of parts) node = typeof node === "object" ? node[part] : undefined;
  if (typeof node !== "object") return [];
  return Object.entries(node)
    .filter(([name, value]) => typeof value === "string" && (name === last || name.startsWith(`${last}_`)))
    .map(([, value]) => value as string);
}

const namespaces = Object.fromEntries(
  LANGUAGES.map((language) => {
    const dir = join(ROOT, "app", "locales", language);
    return [language, Object.fromEntries(readdirSync(dir).map((file) => [file.replace(/\.json$/, ""), JSON.parse(readFileSync(join(dir, file), "utf8")) as Tree]))];
  }),
);

function strings(key: string): string[] {
  const [namespace, path] = key.includes(":") ? key.split(":", 2) : [null, key];
  return LANGUAGES.flatMap((language) =>
    Object.entries(namespaces[language])
      .filter(([name]) => namespace === null || name === namespace)
      .flatMap(([, tree]) => lookup(tree, path)),
  );
}

describe("interpolation", () => {
  test("no string with a {{placeholder}} is translated without values", () => {
    const problems: string[] = [];
    for (const file of files(join(ROOT, "app"))) {
      const lines = readFileSync(file, "utf8").split("\n");
      lines.forEach((line, index) => {
        for (const match of line.matchAll(/\bt\(\s*["'`]([\w.:-]+)["'`]\s*\)/g)) {
          const placeholders = strings(match[1]).filter((text) => PLACEHOLDER.test(text));
          if (placeholders.length > 0) problems.push(`${relative(ROOT, file)}:${index + 1}: t("${match[1]}") without values for "${placeholders[0]}"`);
        }
      });
    }
    expect(problems).toEqual([]);
  });

  test("the check finds a bare call to a string with a placeholder", () => {
    expect(strings("quiz.orderHint").some((text) => text.includes("{{count}}"))).toBe(true);
  });
});
