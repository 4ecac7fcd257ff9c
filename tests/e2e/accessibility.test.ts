import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectNoAxeViolations, LANGUAGES, launchBrowser, newContext, open, registerLearner, switchLanguage, t, uniqueEmail, waitForHeading } from "./browser";

// The case lesson: it has every kind of callout, a collapsible discussion, references and a pager.
const LESSON = "/courses/fixture-course/basics/basics-case";
const LESSON_TITLE = { en: "A case", "sr-Latn": "Slučaj", "sr-Cyrl": "Случај" };

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe.each(LANGUAGES)("axe-core finds no violations in %s", (language) => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await newContext(browser);
    page = await context.newPage();
    await open(page, "/courses");
    if (language !== "en") await switchLanguage(page, "en", language);
  });

  afterAll(async () => {
    await context?.close();
  });

  test("the catalogue", async () => {
    await open(page, "/courses");
    await waitForHeading(page, t(language, "catalogue.title"));
    expect(await page.locator("html").getAttribute("lang")).toBe(language);
    await expectNoAxeViolations(page, `/courses (${language})`);
  });

  test("the login page", async () => {
    await open(page, "/login");
    await waitForHeading(page, t(language, "login.title"));
    await expectNoAxeViolations(page, `/login (${language})`);
  });

  test("the registration page, also with errors shown", async () => {
    await open(page, "/register");
    await waitForHeading(page, t(language, "register.title"));
    expect(await page.locator("html").getAttribute("lang")).toBe(language);
    await expectNoAxeViolations(page, `/register (${language})`);
    await page.getByRole("button", { name: t(language, "register.submit") }).click();
    await page.locator("#field-fullName-error").waitFor();
    await expectNoAxeViolations(page, `/register with errors (${language})`);
  });

  test("a lesson", async () => {
    await registerLearner(page, { email: uniqueEmail(`axe-${language}`), language });
    await open(page, LESSON);
    await waitForHeading(page, LESSON_TITLE[language]);
    expect(await page.locator("html").getAttribute("lang")).toBe(language);
    await expectNoAxeViolations(page, `${LESSON} (${language})`);
  });

  test("search results, and a search that finds nothing", async () => {
    const query = language === "en" ? "investigators practice" : language === "sr-Latn" ? "istražitelji praksa" : "истражитељи пракса";
    await open(page, `/search?${new URLSearchParams({ q: query })}`);
    await waitForHeading(page, t(language, "search.title"));
    expect(await page.locator(".search-result mark").count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, `/search with results (${language})`);
    await open(page, `/search?${new URLSearchParams({ q: "trafickin" })}`);
    await waitForHeading(page, t(language, "search.title"));
    await page.getByText(t(language, "search.suggestions")).waitFor();
    await expectNoAxeViolations(page, `/search without results (${language})`);
  });
});

describe.each(LANGUAGES)("the account pages in %s", (language) => {
  test("the account page, the deletion page with an error, and the page after deleting, without axe violations", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    try {
      await open(page, "/courses");
      if (language !== "en") await switchLanguage(page, "en", language);
      const { password } = await registerLearner(page, { email: uniqueEmail(`axe-account-${language}`), language });
      await open(page, "/account");
      await waitForHeading(page, t(language, "account.title"));
      await expectNoAxeViolations(page, `/account (${language})`);
      await open(page, "/account/delete");
      await waitForHeading(page, t(language, "security.data.deleteTitle"));
      await expectNoAxeViolations(page, `/account/delete (${language})`);
      await page.locator("#field-password").fill("not the password");
      await page.getByRole("button", { name: t(language, "security.data.deleteButton") }).click();
      await page.locator("#field-password-error").waitFor();
      await expectNoAxeViolations(page, `/account/delete with an error (${language})`);
      await page.locator("#field-password").fill(password);
      await page.getByRole("button", { name: t(language, "security.data.deleteButton") }).click();
      await waitForHeading(page, t(language, "security.data.deletedTitle"));
      await expectNoAxeViolations(page, `/account-deleted (${language})`);
    } finally {
      await context.close();
    }
  });
});

describe("My learning", () => {
  test("has no violations when every lesson is done and only the quizzes are left", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    try {
      await registerLearner(page, { email: uniqueEmail("axe-dashboard") });
      const csrf = await page.locator('input[name="csrf"]').first().inputValue();
      for (const lesson of ["basics/first-lesson", "basics/second-lesson", "basics/basics-case", "timed/timed-one", "timed/timed-two", "timed/timed-three"]) {
        const response = await page.request.post(`/courses/fixture-course/${lesson}`, { form: { csrf, intent: "complete" }, maxRedirects: 0 });
        expect(response.status(), lesson).toBe(302);
      }
      await open(page, "/my-learning");
      await waitForHeading(page, t("en", "dashboard.title"));
      expect(await page.getByRole("progressbar").getAttribute("value")).toBe("75");
      await expectNoAxeViolations(page, "/my-learning with quizzes pending");
    } finally {
      await context.close();
    }
  });
});

describe("keyboard", () => {
  test("the skip link is the first tab stop, is visible when focused and moves focus to the main content", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    try {
      await open(page, "/courses");
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        const box = element.getBoundingClientRect();
        return { tag: element.tagName, href: element.getAttribute("href"), text: element.textContent, top: box.top, bottom: box.bottom, height: box.height };
      });
      expect(focused).toMatchObject({ tag: "A", href: "#main", text: t("en", "nav.skip") });
      expect(focused.height).toBeGreaterThan(0);
      expect(focused.top).toBeGreaterThanOrEqual(0);

      await page.keyboard.press("Enter");
      await page.waitForFunction(() => document.activeElement?.id === "main");
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("MAIN");
      expect(new URL(page.url()).hash).toBe("#main");
    } finally {
      await context.close();
    }
  });
});
