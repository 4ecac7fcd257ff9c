import fs from "node:fs";
import path from "node:path";
import { isMap, isPair, isScalar, isSeq, LineCounter, parse, parseDocument, type Node } from "yaml";
import type { GlossaryTerm } from "./course.schema";
import type { Problem } from "./loader.server";

/** One variant the glossary tells Serbian text to avoid. */
export type AvoidRule = { termId: string; use: string; pattern: RegExp; allow: string[] };
export type Finding = { rule: AvoidRule; index: number; found: string };

/** The glossary's `avoid` variants as rules; the Serbian term is what to use unless `use` says otherwise. */
export function terminologyRules(terms: GlossaryTerm[]): AvoidRule[] {
  return terms.flatMap((term) =>
    (term.avoid ?? []).map((variant) => {
      const { pattern, caseSensitive } = typeof variant === "string" ? { pattern: variant, caseSensitive: false } : variant;
      return { termId: term.id, use: term.use ?? term.term["sr-Latn"], pattern: new RegExp(pattern, caseSensitive ? "gu" : "giu"), allow: term.allow ?? [] };
    }),
  );
}

/** Avoided variants in one Serbian text, except inside the entry's allowed quotations. */
export function findAvoided(text: string, rules: AvoidRule[]): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const allowed = allowedRanges(text, rule.allow);
    for (const match of text.matchAll(rule.pattern)) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      if (!allowed.some(([from, to]) => start >= from && end <= to)) findings.push({ rule, index: start, found: match[0] });
    }
  }
  return findings.sort((a, b) => a.index - b.index);
}

function allowedRanges(text: string, phrases: string[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const lower = text.toLowerCase();
  for (const phrase of phrases) {
    const needle = phrase.toLowerCase();
    for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + 1)) ranges.push([at, at + needle.length]);
  }
  return ranges;
}

const message = (f: Finding) => `use "${f.rule.use}" (glossary: ${f.rule.termId}); found "${f.found}"`;

/**
 * Serbian text that uses a variant the glossary avoids: every Serbian Latin lesson, and every
 * `sr-Latn` value in the module files, question banks and the glossary's definitions.
 */
export function checkTerminology(courseDirectory: string, terms: GlossaryTerm[]): Problem[] {
  const rules = terminologyRules(terms);
  if (rules.length === 0) return [];
  const problems: Problem[] = [];
  const glossary = path.join(courseDirectory, "glossary.yaml");
  const files = [glossary, ...listFiles(courseDirectory)];
  for (const file of files) {
    if (!fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, "utf8");
    const relFile = path.relative(process.cwd(), file) || file;
    if (file.endsWith(".sr-Latn.md")) {
      const lines = text.split("\n");
      const frontmatterEnd = lines[0] === "---" ? lines.indexOf("---", 1) : -1;
      lines.forEach((line, i) => {
        // In the frontmatter only the title is Serbian text, and its quotes may be YAML's own.
        const checked = i > frontmatterEnd ? line : line.startsWith("title:") ? String(parse(line).title ?? "") : "";
        for (const f of findAvoided(checked, rules)) problems.push({ file: relFile, line: i + 1, message: message(f) });
      });
    } else {
      for (const value of serbianValues(text)) {
        for (const f of findAvoided(value.text, rules)) problems.push({ file: relFile, line: value.lineOf(f.found), message: message(f) });
      }
    }
  }
  return problems;
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && /(\.sr-Latn\.md|module\.yaml|quiz\.yaml)$/.test(d.name))
    .map((d) => path.join(d.parentPath, d.name))
    .sort();
}

type SerbianValue = { text: string; lineOf: (found: string) => number };

/** Every `sr-Latn:` string in a YAML file, with the line on which a found variant sits. */
function serbianValues(source: string): SerbianValue[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter });
  const lines = source.split("\n");
  const values: SerbianValue[] = [];
  const visit = (node: unknown) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (key === "sr-Latn" && isScalar(pair.value) && typeof pair.value.value === "string") {
          const first = lineCounter.linePos((pair.value as Node).range![0]).line;
          const last = lineCounter.linePos((pair.value as Node).range![1]).line;
          values.push({ text: pair.value.value, lineOf: (found) => lineContaining(lines, found, first, last) });
        } else visit(pair.value);
      }
    } else if (isSeq(node)) for (const item of node.items) visit(item);
  };
  visit(doc.contents);
  return values;
}

function lineContaining(lines: string[], found: string, first: number, last: number): number {
  const needle = found.toLowerCase();
  for (let line = first; line <= Math.min(last, lines.length); line++) if (lines[line - 1].toLowerCase().includes(needle)) return line;
  return first;
}
