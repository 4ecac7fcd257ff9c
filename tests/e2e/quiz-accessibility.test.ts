import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { answerAndCheck, answerForm, currentKind, fillAnswer, finishFromSummary, QUIZ_COURSE, questionNumber, startFromOverview, summaryHeading, type QuestionKind } from "../helpers/quiz-browser";
import { expectNoAxeViolations, LANGUAGES, launchBrowser, newContext, open, registerLearner, t, uniqueEmail, waitForHeading } from "./browser";

// axe-core on every quiz page a learner meets, in each language: the overview, each drawn
// question (also with an error shown), the summary, immediate feedback, and the results.

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const MODULE_TITLE = {
  en: { basics: "Basics", timed: "Timed module" },
  "sr-Latn": { basics: "Osnove", timed: "Modul sa vremenom" },
  "sr-Cyrl": { basics: "Основе", timed: "Модул са временом" },
} as const;

describe.each(LANGUAGES)("quiz pages in %s", (language) => {
  let context: BrowserContext;
  let page: Page;
  const seen = new Set<QuestionKind>();

  beforeAll(async () => {
    context = await newContext(browser);
    page = await context.newPage();
    await registerLearner(page, { email: uniqueEmail(`quiz-axe-${language}`), language });
  });

  afterAll(async () => {
    await context?.close();
  });

  test("the overview before any attempt", async () => {
    await open(page, `${QUIZ_COURSE}/basics/quiz`);
    await waitForHeading(page, t(language, "quiz.overview.title", { module: MODULE_TITLE[language].basics }));
    expect(await page.locator("html").getAttribute("lang")).toBe(language);
    await expectNoAxeViolations(page, `basics quiz overview (${language})`);
  });

  test("every question of a deferred attempt, an answer error, and the summary", async () => {
    await startFromOverview(page, language, "basics", 5);
    for (let number = 1; number <= 5; number++) {
      expect(await questionNumber(page)).toEqual({ number, total: 5 });
      await expectNoAxeViolations(page, `basics question ${number}: ${await currentKind(page)} (${language})`);
      seen.add(await currentKind(page));
      if (number === 1) {
        // Saving without an answer shows the error next to the question. An ordering question
        // always has an answer (each item starts in a position): that save goes through.
        const kind = await currentKind(page);
        await page.getByRole("button", { name: t(language, "quiz.attempt.save"), exact: true }).click();
        if (kind === "ordering") {
          await page.getByRole("heading", { level: 2, name: t(language, "quiz.attempt.question", { number: 2, total: 5 }), exact: true }).waitFor();
          continue;
        }
        await page.locator("#answer-error").waitFor();
        await expectNoAxeViolations(page, `basics question 1 with an error (${language})`);
      }
      await fillAnswer(page, language, number % 2 === 1);
      await page.getByRole("button", { name: t(language, "quiz.attempt.save"), exact: true }).click();
      await (
        number < 5 ? page.getByRole("heading", { level: 2, name: t(language, "quiz.attempt.question", { number: number + 1, total: 5 }), exact: true }) : summaryHeading(page, language)
      ).waitFor();
    }
    await expectNoAxeViolations(page, `basics summary (${language})`);
  });

  test("the result of a finished attempt, with what the policy reveals", async () => {
    await finishFromSummary(page, language);
    await expectNoAxeViolations(page, `basics review (${language})`);
    await open(page, `${QUIZ_COURSE}/basics/quiz`);
    await page.locator("table").waitFor();
    await expectNoAxeViolations(page, `basics overview with history (${language})`);
  });

  test("an immediate-mode attempt with its timer and the feedback on a checked answer", async () => {
    await open(page, `${QUIZ_COURSE}/timed/quiz`);
    await startFromOverview(page, language, "timed", 4);
    await page.locator(".quiz-timer").waitFor();
    await expectNoAxeViolations(page, `timed question 1 (${language})`);
    seen.add(await answerAndCheck(page, language, false));
    await expectNoAxeViolations(page, `timed feedback, everything revealed (${language})`);
    for (let number = 2; number <= 4; number++) {
      await page.getByRole("button", { name: t(language, "quiz.attempt.next"), exact: true }).click();
      await page.getByRole("heading", { level: 2, name: t(language, "quiz.attempt.question", { number, total: 4 }), exact: true }).waitFor();
      seen.add(await answerAndCheck(page, language, true));
    }
    await page.getByRole("button", { name: t(language, "quiz.attempt.toSummary"), exact: true }).click();
    await summaryHeading(page, language).waitFor();
    await finishFromSummary(page, language);
    await expectNoAxeViolations(page, `timed review (${language})`);
    // The answer forms of the review are disabled, so nothing is posted from it.
    expect(await answerForm(page).count()).toBe(0);
  });

  test("the questions seen cover several types", () => {
    // The draw is random; 9 questions from a bank of 5 types always bring at least two.
    expect(seen.size).toBeGreaterThanOrEqual(2);
  });
});
