import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { formatProblems } from "./courses.server";
import { loadCourses } from "./loader.server";
import { attemptCounts, changesSince, compareVersions, moduleChangedIn } from "./versions";

const text = { en: "New.", "sr-Latn": "Novo." };
const course = {
  version: "2026.3",
  changes: [
    { version: "2026.3", modules: [{ id: "evidence", whatsNew: text }] },
    {
      version: "2026.2",
      modules: [
        { id: "serbia", whatsNew: text },
        { id: "evidence", whatsNew: text },
      ],
    },
    { version: "2027.1", modules: [{ id: "later", whatsNew: text }] },
  ],
};

describe("course versions", () => {
  test("compare number by number", () => {
    expect(compareVersions("2026.10", "2026.9")).toBeGreaterThan(0);
    expect(compareVersions("2026.1", "2026.1.0")).toBe(0);
    expect(["2026.2", "1", "2026.10", "2026.1"].sort(compareVersions)).toEqual(["1", "2026.1", "2026.2", "2026.10"]);
  });

  test("a module changed in the latest version, up to the course's own, that lists it", () => {
    expect(moduleChangedIn(course, "evidence")).toBe("2026.3");
    expect(moduleChangedIn(course, "serbia")).toBe("2026.2");
    expect(moduleChangedIn(course, "later")).toBeUndefined();
    expect(moduleChangedIn(course, "basics")).toBeUndefined();
  });

  test("an attempt counts unless its module changed after the attempt's version", () => {
    expect(attemptCounts(course, "basics", "2026.1")).toBe(true);
    expect(attemptCounts(course, "serbia", "2026.1")).toBe(false);
    expect(attemptCounts(course, "serbia", "2026.2")).toBe(true);
    expect(attemptCounts(course, "evidence", "2026.2")).toBe(false);
    expect(attemptCounts(course, "evidence", "2026.3")).toBe(true);
  });

  test("changes since a version, newest first, none beyond the course's version", () => {
    expect(changesSince(course, "2026.1").map((c) => c.version)).toEqual(["2026.3", "2026.2"]);
    expect(changesSince(course, "2026.2").map((c) => c.version)).toEqual(["2026.3"]);
    expect(changesSince(course, "2026.3")).toEqual([]);
  });
});

describe("changes in course.yaml", () => {
  function problemsWith(changes: unknown, version = "2") {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "trag-changes-"));
    try {
      const dir = path.join(root, "fixture-course");
      fs.cpSync("tests/fixtures/courses/fixture-course", dir, { recursive: true });
      const file = path.join(dir, "course.yaml");
      fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, "utf8")), version, changes }, null, 2));
      const { problems } = loadCourses(root);
      return formatProblems(problems)
        .replaceAll(`${path.relative(process.cwd(), dir)}/`, "")
        .split("\n")
        .filter(Boolean);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }

  test("name versions up to the course's own, once each, and modules the course has", () => {
    expect(problemsWith([{ version: "2", modules: [{ id: "basics", whatsNew: text }] }])).toEqual([]);
    expect(problemsWith([{ version: "3", modules: [] }, { version: "2", modules: [{ id: "nowhere", whatsNew: text }] }, { version: "2" }])).toEqual([
      "course.yaml:17: changes for version 3, which is later than the course's version 2",
      'course.yaml:24: changes name module "nowhere", which the course does not have',
      "course.yaml:33: version 2 has two entries under changes",
    ]);
    expect(problemsWith([], "2026.2-draft")).toEqual(['course.yaml:3: version: a version is numbers separated by dots, e.g. "2026.2"']);
  });
});
