import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser, newContext, open, registerLearner, t, uniqueEmail, waitForHeading } from "./browser";

// The fixture course: every lesson has the headings Overview, Details and Practice (Pregled, Detalji, Praksa).
const LESSON = "/courses/fixture-course/basics/second-lesson";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Types `query` into the header's search field and submits it; resolves on the results page. */
async function searchFromHeader(page: Page, query: string) {
  const field = page.getByRole("search").getByLabel(t("sr-Cyrl", "searchField.label"));
  await field.fill(query);
  await field.press("Enter");
  await page.waitForURL((url) => url.pathname === "/search" && url.searchParams.get("q") === query);
  await waitForHeading(page, t("sr-Cyrl", "search.title"));
}

/** The results as shown: link text, address and the marked words. */
async function shownResults(page: Page) {
  return page.locator(".search-result").evaluateAll((items) =>
    items.map((item) => ({
      title: item.querySelector("h2 a")?.textContent ?? "",
      href: item.querySelector("h2 a")?.getAttribute("href") ?? "",
      marked: [...item.querySelectorAll("mark")].map((mark) => mark.textContent ?? ""),
    })),
  );
}

/** Follows the first result and checks that the page opened at the heading it names. */
async function followFirstResult(page: Page, heading: string) {
  const [first] = await shownResults(page);
  await page.locator(".search-result h2 a").first().click();
  await page.waitForURL((url) => url.pathname + url.hash === new URL(first.href, "http://x").pathname + new URL(first.href, "http://x").hash);
  const target = await page.evaluate(() => {
    const element = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    return element && { tag: element.tagName, text: element.textContent, top: element.getBoundingClientRect().top, height: window.innerHeight };
  });
  expect(target).toMatchObject({ tag: "H2", text: heading });
  // The browser scrolled to it: the heading is in view.
  expect(target!.top).toBeGreaterThan(-2); // sub-pixel rounding
  expect(target!.top).toBeLessThan(target!.height);
}

describe.each([
  ["with JavaScript", true],
  ["without JavaScript", false],
])("searching in Serbian Cyrillic from a lesson page, %s", (_label, javaScriptEnabled) => {
  test("a Cyrillic query and the same words typed in Latin without diacritics find the same, shown in Cyrillic, and a result opens at its heading", async () => {
    const context = await newContext(browser, { javaScriptEnabled });
    const page = await context.newPage();
    try {
      await registerLearner(page, { email: uniqueEmail("search"), language: "sr-Cyrl", hydrate: javaScriptEnabled });
      await open(page, LESSON, { hydrate: javaScriptEnabled });
      await waitForHeading(page, "Друга лекција");

      await searchFromHeader(page, "истражитељи пракса");
      const cyrillic = await shownResults(page);
      // Six lessons of the fixture course have both words; each is linked to its "Practice" heading.
      expect(cyrillic).toHaveLength(6);
      for (const result of cyrillic) {
        expect(decodeURIComponent(result.href)).toMatch(/^\/courses\/fixture-course\/[a-z-]+\/[a-z-]+#пракса$/);
        expect(result.marked.map((word) => word.toLowerCase())).toEqual(expect.arrayContaining(["истражитељи", "пракса"]));
      }
      expect(await page.getByRole("status").first().textContent()).toBe(t("sr-Cyrl", "search.count_other", { count: 6, query: "истражитељи пракса" }));

      await searchFromHeader(page, "istrazitelji praksa");
      const latin = await shownResults(page);
      expect(latin).toEqual(cyrillic);
      // The field keeps the query on the results page.
      expect(await page.locator("#site-search").inputValue()).toBe("istrazitelji praksa");

      await followFirstResult(page, "Пракса");
    } finally {
      await context.close();
    }
  });
});
