/**
 * Reference lists label a reproduction and cite the primary document first (issue 15 §5). The
 * fixture course is copied so that its source S1 can be made a reproduction with a primary document.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { fetchApp } from "../helpers/app";
import { createTestUser, signedIn } from "../helpers/auth";
import { get } from "../helpers/http";
import { COURSE_ID, fixtureCourse } from "../helpers/learning";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "trag-references-"));
fs.cpSync(path.resolve("tests/fixtures/courses", COURSE_ID), path.join(root, COURSE_ID), { recursive: true });
fs.writeFileSync(
  path.join(root, COURSE_ID, "sources.yaml"),
  JSON.stringify({
    S1: {
      reference: "Judgment text, reproduced on a mirror site.",
      url: "https://mirror.example.org/one",
      reproduction: true,
      primary: { reference: "The Court, a judgment, in its case-law database.", url: "https://court.example.org/" },
    },
    S2: { reference: "Source Two, A study, 2023.", url: "https://example.org/two", reproduction: true },
  }),
);
process.env.COURSES_DIR = root;
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** The text of the page's reference list, tags dropped. */
async function referencesOf(language: "en" | "sr-Latn" | "sr-Cyrl") {
  const user = await createTestUser({ language });
  const module = fixtureCourse().modules[0]!;
  const response = await fetchApp(get(`/courses/${COURSE_ID}/${module.id}/${module.lessons[0]!.id}`, { jar: await signedIn(user) }));
  expect(response.status).toBe(200);
  const html = await response.text();
  const section = /<section aria-labelledby="references"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
  return [...section.matchAll(/<li[\s\S]*?<\/li>/g)].map((item) =>
    item[0]
      .replace(/<[^>]*>/g, "")
      .replace(/\s+/g, " ")
      .trim(),
  );
}

describe("reference lists", () => {
  test.each([
    ["en", "Read in a reproduction:", "Reproduction, not the primary document:"],
    ["sr-Latn", "Pročitano u preuzetom tekstu:", "Preuzeti tekst, ne izvorni dokument:"],
    ["sr-Cyrl", "Прочитано у преузетом тексту:", "Преузети текст, не изворни документ:"],
  ] as const)("in %s, cite the primary document first, then the reproduction under its label", async (language, readIn, reproduction) => {
    const [first, second] = await referencesOf(language);
    expect(first).toBe(`The Court, a judgment, in its case-law database. https://court.example.org/ ${readIn} Judgment text, reproduced on a mirror site. https://mirror.example.org/one`);
    expect(second).toBe(`${reproduction} Source Two, A study, 2023. https://example.org/two`);
  });
});
