import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { answerAndSave, currentKind, QUIZ_COURSE, questionNumber, startFromOverview, summaryHeading } from "../helpers/quiz-browser";
import { expectNoAxeViolations, launchBrowser, logIn, newContext, open, registerLearner, uniqueEmail } from "./browser";

// On a phone (360 × 740 px): the header is a short bar whose menu opens without JavaScript, a quiz question leads its
// page, every control is a target of at least 24 × 24 px (WCAG 2.5.8), and no page scrolls sideways.

const PHONE = { width: 360, height: 740 };
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Controls smaller than 24 × 24 px, but for links inside running text (a citation link is not one of those). */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>("a[href], button, input:not([type=hidden]), select, textarea, summary")) {
      const box = element.getBoundingClientRect();
      // Not shown (in a closed menu), or visually hidden.
      if (box.width <= 1 || box.height <= 1 || getComputedStyle(element).visibility === "hidden") continue;
      if (box.width >= 24 && box.height >= 24) continue;
      if (element.tagName === "A" && !element.closest(".citation")) {
        let block = element.parentElement;
        while (block && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
        if (block && block.textContent!.trim().length > element.textContent!.trim().length) continue;
      }
      found.push(
        `${element.tagName.toLowerCase()} "${(element.textContent || element.getAttribute("aria-label") || element.id).trim().slice(0, 40)}": ${Math.round(box.width)} × ${Math.round(box.height)}`,
      );
    }
    return found;
  });
}

/** Opens each page and expects no sideways scrolling and no small targets on any. */
async function expectPhoneFriendly(page: Page, paths: string[]) {
  const problems: Record<string, unknown> = {};
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
    const small = await smallTargets(page);
    if (scrollWidth > innerWidth || small.length > 0)
      problems[path] = {
        scrollWidth,
        small,
        wide: await page.evaluate(() =>
          [...document.querySelectorAll("body *")]
            .filter((e) => e.getBoundingClientRect().right > innerWidth + 1 && ![...e.children].some((c) => c.getBoundingClientRect().right > innerWidth + 1))
            .slice(0, 5)
            .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)} < ${e.parentElement!.tagName}.${e.parentElement!.className}`),
        ),
      };
  }
  expect(problems).toEqual({});
}

/** Where an element's box starts and ends, from the top of the document. */
function verticalExtent(page: Page, selector: string) {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const box = element.getBoundingClientRect();
      return { top: box.top + window.scrollY, bottom: box.bottom + window.scrollY, lineHeight: parseFloat(getComputedStyle(element).lineHeight) };
    });
}

describe("a learner on a phone", () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    // Registered on a wide screen (the helper waits for the header's sign-out button, which a phone keeps in the menu).
    context = await newContext(browser);
    page = await context.newPage();
    await registerLearner(page, { email: uniqueEmail("phone"), language: "sr-Cyrl" });
    await page.setViewportSize(PHONE);
  });

  afterAll(async () => {
    await context?.close();
  });

  test("every question's prompt, and the first option of a question without a case, is on the first screen", async () => {
    await open(page, `${QUIZ_COURSE}/basics/quiz`);
    await startFromOverview(page, "sr-Cyrl", "basics", 5);
    let cases = 0;
    for (let number = 1; number <= 5; number++) {
      expect(await questionNumber(page)).toEqual({ number, total: 5 });
      const prompt = await verticalExtent(page, "#question-prompt");
      expect(prompt.top + prompt.lineHeight, `question ${number}: the prompt's first line`).toBeLessThanOrEqual(PHONE.height);
      if ((await page.locator(".callout-case").count()) === 0) {
        const kind = await currentKind(page);
        const first = await verticalExtent(page, kind === "single" || kind === "multiple" || kind === "truefalse" ? ".answer-options input" : ".answer-options select");
        expect(first.bottom, `question ${number} (${kind}): the first option`).toBeLessThanOrEqual(PHONE.height);
      } else {
        cases += 1;
        if (cases === 1) await expectNoAxeViolations(page, `question ${number} with its case on a phone`);
      }
      if (number === 1) await expectNoAxeViolations(page, "question 1 on a phone");
      expect(await smallTargets(page), `question ${number}`).toEqual([]);
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await answerAndSave(page, "sr-Cyrl", true);
    }
    await summaryHeading(page, "sr-Cyrl").waitFor();
    expect(await smallTargets(page), "the summary").toEqual([]);
    // The draw is random: say so when it brought no question with a case.
    if (cases === 0) console.info("phone.test.ts: no question with a case was drawn");
  });

  test("the learner's pages do not scroll sideways and have no small targets", async () => {
    await expectPhoneFriendly(page, [
      "/courses",
      QUIZ_COURSE,
      `${QUIZ_COURSE}/basics`,
      `${QUIZ_COURSE}/basics/basics-case`,
      `${QUIZ_COURSE}/glossary`,
      `${QUIZ_COURSE}/basics/quiz`,
      "/my-learning",
      "/account",
      `/search?${new URLSearchParams({ q: "istražitelji" })}`,
      "/verify",
    ]);
    await page.locator(".site-menu__toggle").click();
    await page.locator("#language-select").waitFor();
    await expectNoAxeViolations(page, "/verify on a phone with the menu open");
  });
});

describe("the header on a phone", () => {
  test("is a short bar whose menu opens without JavaScript and from the keyboard, with the focus visible", async () => {
    const context = await newContext(browser, { viewport: PHONE, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await open(page, "/courses", { hydrate: false });
      const header = await verticalExtent(page, "header");
      expect(header.bottom).toBeLessThanOrEqual(100);
      await expect(page.locator("#language-select").isVisible()).resolves.toBe(false);
      // The first Tab goes to the skip link, then the brand, then the menu's summary.
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        return { tag: element.tagName, outline: getComputedStyle(element).outlineStyle };
      });
      expect(focused).toEqual({ tag: "SUMMARY", outline: "solid" });
      await page.keyboard.press("Enter");
      await page.locator("#language-select").waitFor();
      expect(await smallTargets(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("trainer and reviewer pages on a phone", () => {
  test("do not scroll sideways and have no small targets", async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await logIn(page, "trainer@trag.test", "trainer-demo-2026");
      await open(page, "/trainer/groups/new");
      await page.locator("#field-name").fill(`Phone ${Date.now().toString(36)}`);
      await page.locator("#field-workshopDate").fill("2024-02-20");
      await page.locator("#field-workshopPlace").fill("Beograd");
      await page.locator("main form button[type=submit]").click();
      await page.waitForURL((url) => /^\/trainer\/groups\/\d+$/.test(url.pathname));
      const group = new URL(page.url()).pathname;
      await page.setViewportSize(PHONE);
      await expectPhoneFriendly(page, [
        "/trainer/groups",
        "/trainer/groups/new",
        group,
        `${group}/members`,
        `${group}/progress`,
        `${group}/items`,
        `${group}/assignments`,
        `${group}/edit`,
        `${group}/import`,
      ]);
    } finally {
      await context.close();
    }
    const reviewer = await newContext(browser);
    try {
      const page = await reviewer.newPage();
      await logIn(page, "reviewer@trag.test", "reviewer-demo-2026");
      await page.setViewportSize(PHONE);
      await expectPhoneFriendly(page, ["/statistics", "/statistics/groups", "/statistics/items"]);
    } finally {
      await reviewer.close();
    }
  });
});
