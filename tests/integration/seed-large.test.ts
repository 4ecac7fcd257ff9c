/** `npm run seed:large`: the same seed gives the same database, another seed another one; a matching one is reused. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, test } from "vitest";
import { seedLarge } from "../../scripts/seed-large";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "trag-seed-large-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const TABLES = [
  "users",
  "group_members",
  "enrolments",
  "lesson_progress",
  "quiz_attempts",
  "quiz_answers",
  "module_completions",
  "course_completions",
  "certificates",
  "learner_module_stats",
  "learner_activity_months",
];

function contents(dir: string) {
  const db = new Database(path.join(dir, "trag.sqlite"), { readonly: true });
  try {
    return Object.fromEntries(TABLES.map((table) => [table, db.prepare(`select * from ${table} order by 1, 2, 3`).all()]));
  } finally {
    db.close();
  }
}

describe("seed:large", () => {
  test("is deterministic for a seed, differs for another, and reuses a matching database", () => {
    const quiet = () => {};
    const a = seedLarge({ learners: 60, seed: 7, out: path.join(root, "a"), force: false }, quiet);
    const b = seedLarge({ learners: 60, seed: 7, out: path.join(root, "b"), force: false }, quiet);
    seedLarge({ learners: 60, seed: 8, out: path.join(root, "c"), force: false }, quiet);
    expect(a.rows).toEqual(b.rows);
    expect(a.rows.quiz_answers).toBeGreaterThan(0);
    expect(a.rows.certificates).toBeGreaterThan(0);
    expect(contents(path.join(root, "a"))).toEqual(contents(path.join(root, "b")));
    expect(contents(path.join(root, "c"))).not.toEqual(contents(path.join(root, "a")));
    const lines: string[] = [];
    seedLarge({ learners: 60, seed: 7, out: path.join(root, "a"), force: false }, (line) => lines.push(line));
    expect(lines[0]).toMatch(/^reusing /);
  });
});
