import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { stripCitations } from "~/content/citations";

// Lessons and questions state the brief's facts in their own words. This finds every run of
// RUN or more words that a course file shares with the brief (titles of instruments included,
// which is why the bar is a long run rather than any overlap).
const BRIEF = path.resolve("../shared/content-brief");
const COURSE = path.resolve("courses/thb-technology");
const RUN = 14;
const SHINGLE = 8;

const words = (text: string) => text.toLowerCase().match(/[a-z0-9']+/g) ?? [];

function sharedRuns(text: string, brief: Set<string>): string[] {
  const w = words(stripCitations(text));
  const runs: string[] = [];
  let i = 0;
  while (i < w.length - SHINGLE) {
    if (!brief.has(w.slice(i, i + SHINGLE).join(" "))) {
      i++;
      continue;
    }
    let j = i;
    while (j < w.length - SHINGLE && brief.has(w.slice(j, j + SHINGLE).join(" "))) j++;
    if (j - i + SHINGLE - 1 >= RUN) runs.push(w.slice(i, j + SHINGLE - 1).join(" "));
    i = j;
  }
  return runs;
}

function courseFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return courseFiles(full);
    return /\.en\.md$|quiz\.yaml$|module\.yaml$|glossary\.yaml$/.test(entry.name) ? [full] : [];
  });
}

describe.skipIf(!fs.existsSync(BRIEF))("the course against its fact brief", () => {
  it(`shares no run of ${RUN} or more words with the brief`, () => {
    const briefWords = fs
      .readdirSync(BRIEF)
      .filter((name) => name.endsWith(".md"))
      .flatMap((name) => words(fs.readFileSync(path.join(BRIEF, name), "utf8")));
    const shingles = new Set<string>();
    for (let i = 0; i + SHINGLE <= briefWords.length; i++) shingles.add(briefWords.slice(i, i + SHINGLE).join(" "));
    const copied = courseFiles(COURSE).flatMap((file) => sharedRuns(fs.readFileSync(file, "utf8"), shingles).map((run) => `${path.relative(COURSE, file)}: ${run}`));
    expect(copied).toEqual([]);
  });
});
