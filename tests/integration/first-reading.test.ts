/**
 * What a first-time reader meets on rendered pages that axe does not check: dates as Serbian
 * writes them, script, names for screen readers, placeholders left in text (issue 16).
 */
import { describe, expect, test } from "vitest";
import { fetchApp } from "../helpers/app";
import { createTestUser, signedIn } from "../helpers/auth";
import { get } from "../helpers/http";
import { completeCourse } from "../helpers/learning";

/** The page as shown, without the strings sent along for the browser. */
async function shownPage(response: Response): Promise<string> {
  const page = await response.text();
  const stringsStart = page.search(/<script[^>]*>window\.__trag=/);
  return stringsStart > 0 ? page.slice(0, stringsStart) : page;
}

describe("a date with a day puts the Serbian month in the genitive", () => {
  test.each([
    ["sr-Latn", "1. marta 2026."],
    ["sr-Cyrl", "1. марта 2026."],
    ["en", "1 March 2026"],
  ] as const)("My learning's certificate, in %s", async (language, expected) => {
    const user = await createTestUser({ language });
    completeCourse(user.id);
    const response = await fetchApp(get("/my-learning", { jar: await signedIn(user) }));
    expect(response.status).toBe(200);
    const html = await shownPage(response);
    expect(html).toContain(expected);
    expect(html).not.toMatch(/\d\. (mart|март) 2026/);
  });
});
