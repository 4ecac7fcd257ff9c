import { describe, expect, test } from "vitest";
import { fetchApp } from "../helpers/app";
import { createTestUser, signedIn } from "../helpers/auth";
import { get } from "../helpers/http";
import { completeCourse } from "../helpers/learning";

/** The visible text of an element's HTML: tags dropped, entities of the kind React writes decoded, spaces collapsed. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** Links and buttons whose aria-label does not begin with the words they show (WCAG 2.5.3, label in name). */
function labelsNotStartingWithText(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<(a|button)\b([^>]*)>([\s\S]*?)<\/\1>/g)) {
    const label = /aria-label="([^"]*)"/.exec(match[2])?.[1];
    if (label === undefined) continue;
    const text = visibleText(match[3]);
    // Symbols such as the text-size buttons' "A−" and "A+" are not words a voice user would say.
    if (text.length > 2 && !visibleText(label).toLocaleLowerCase("sr").startsWith(text.toLocaleLowerCase("sr"))) found.push(`"${text}" named "${label}"`);
  }
  return found;
}

describe("accessible names begin with the visible words (label in name)", () => {
  test.each(["en", "sr-Latn", "sr-Cyrl"] as const)("My learning with a certificate, in %s", async (language) => {
    const user = await createTestUser({ language });
    completeCourse(user.id);
    const response = await fetchApp(get("/my-learning", { jar: await signedIn(user) }));
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain("/pdf");
    expect(labelsNotStartingWithText(html)).toEqual([]);
  });

  test("the check finds a label that does not begin with the visible words", () => {
    expect(labelsNotStartingWithText('<a href="/x" aria-label="Preuzmite uverenje kao PDF">Preuzmi PDF</a>')).toHaveLength(1);
    expect(labelsNotStartingWithText('<a href="/x" aria-label="Preuzmi PDF: uverenje">Preuzmi PDF</a>')).toEqual([]);
  });
});

describe("My learning after the only course is complete", () => {
  test("does not say that no course was started", async () => {
    const user = await createTestUser({ language: "en" });
    completeCourse(user.id);
    const page = await (await fetchApp(get("/my-learning", { jar: await signedIn(user) }))).text();
    const stringsStart = page.search(/<script[^>]*>window\.__trag=/);
    expect(stringsStart).toBeGreaterThan(0);
    const html = page.slice(0, stringsStart); // the page as shown, not the strings sent for the browser
    expect(html).not.toContain("You have not started a course yet.");
    expect(html).toContain("Completed courses");
  });
});
