import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { answerForm, choicesFor, currentKind, fillAnswer, QUIZ_COURSE, questionHeading, questionNumber, summaryHeading } from "../helpers/quiz-browser";
import { launchBrowser, newContext, open, registerLearner, t, uniqueEmail, waitForHeading } from "./browser";

// The quiz with JavaScript turned off: every step is a plain form post and a redirect.

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await newContext(browser, { javaScriptEnabled: false });
  page = await context.newPage();
  await registerLearner(page, { email: uniqueEmail("quiz-nojs"), hydrate: false });
});

afterAll(async () => {
  await browser?.close();
});

const button = (name: string) => page.getByRole("button", { name, exact: true });

test("JavaScript is really off", async () => {
  await open(page, `${QUIZ_COURSE}/basics/quiz`, { hydrate: false });
  expect(await page.locator("html").getAttribute("data-hydrated")).toBeNull();
});

test("a deferred attempt: start, an answer error, save, go back and change, skip, summary, jump, finish, result", async () => {
  await open(page, `${QUIZ_COURSE}/basics/quiz`, { hydrate: false });
  await button(t("en", "quiz.overview.start")).click();
  await questionHeading(page, "en", 1, 5).waitFor();
  const attemptPath = new URL(page.url()).pathname;

  // Saving nothing shows the error with the question (ordering always has an answer: skip that check).
  const firstKind = await currentKind(page);
  if (firstKind !== "ordering") {
    await button(t("en", "quiz.attempt.save")).click();
    await page.locator("#answer-error").waitFor();
    expect(await page.locator("#answer-error").textContent()).toBe(t("en", `quiz.answerErrors.${firstKind}`));
    await questionHeading(page, "en", 1, 5).waitFor();
  }

  // A wrong answer to question 1, saved: on to question 2.
  await fillAnswer(page, "en", false);
  await button(t("en", "quiz.attempt.save")).click();
  await questionHeading(page, "en", 2, 5).waitFor();
  expect(new URL(page.url()).pathname).toBe(attemptPath);

  // Back to question 1: the saved answer is shown; change it to the right one.
  await button(t("en", "quiz.attempt.previous")).click();
  await questionHeading(page, "en", 1, 5).waitFor();
  const { check, select } = choicesFor("en", firstKind, false);
  for (const label of check) expect(await answerForm(page).getByLabel(label, { exact: true }).isChecked()).toBe(true);
  for (const { label, option } of select) expect(await answerForm(page).getByLabel(label, { exact: true }).locator("option:checked").textContent()).toBe(option);
  if (firstKind === "single" || firstKind === "truefalse") {
    await fillAnswer(page, "en", true);
  } else {
    // Multiple choice keeps the old ticks: clear them first. Selects are simply re-chosen.
    for (const label of check) await answerForm(page).getByLabel(label, { exact: true }).uncheck();
    await fillAnswer(page, "en", true);
  }
  await button(t("en", "quiz.attempt.save")).click();
  await questionHeading(page, "en", 2, 5).waitFor();

  // Skip question 2, answer 3 to 5 right.
  await button(t("en", "quiz.attempt.skip")).click();
  await questionHeading(page, "en", 3, 5).waitFor();
  for (let number = 3; number <= 5; number++) {
    await fillAnswer(page, "en", true);
    await button(t("en", "quiz.attempt.save")).click();
    await (number < 5 ? questionHeading(page, "en", number + 1, 5) : summaryHeading(page, "en")).waitFor();
  }

  // The summary says one is unanswered; jump to it from there and answer it.
  expect(await page.getByText(t("en", "quiz.summary.unanswered_one", { count: 1 })).count()).toBe(1);
  await button(t("en", "quiz.summary.question", { number: 2 })).click();
  await questionHeading(page, "en", 2, 5).waitFor();
  expect(await questionNumber(page)).toEqual({ number: 2, total: 5 });
  await fillAnswer(page, "en", true);
  await button(t("en", "quiz.attempt.save")).click();
  await questionHeading(page, "en", 3, 5).waitFor();
  await button(t("en", "quiz.attempt.review")).click();
  await summaryHeading(page, "en").waitFor();
  expect(await page.getByText(t("en", "quiz.summary.allAnswered")).count()).toBe(1);

  await button(t("en", "quiz.summary.finish")).click();
  await page.waitForURL((url) => url.pathname === `${attemptPath}/review`);
  await page.getByRole("heading", { level: 2, name: t("en", "quiz.result.passed"), exact: true }).waitFor();
  expect(await page.getByText(t("en", "quiz.result.score", { percent: 100, passMark: 70 })).count()).toBe(1);
});

test("an immediate-mode attempt: check shows the feedback, the next question follows, and time is shown", async () => {
  await open(page, `${QUIZ_COURSE}/timed/quiz`, { hydrate: false });
  await button(t("en", "quiz.overview.start")).click();
  await questionHeading(page, "en", 1, 4).waitFor();
  expect(await page.getByRole("timer").textContent()).toMatch(/^(10:00|9:[0-5]\d)$/);

  await fillAnswer(page, "en", true);
  await button(t("en", "quiz.attempt.check")).click();
  await page.locator(".revealed").waitFor();
  expect(await page.locator(".result--correct").textContent()).toBe(t("en", "quiz.review.correct"));
  // Checked and locked: no second check, the fields are disabled.
  expect(await button(t("en", "quiz.attempt.check")).count()).toBe(0);
  const controls = answerForm(page).locator('input:not([type="hidden"]), select');
  expect(await controls.count()).toBeGreaterThan(0);
  for (const control of await controls.all()) expect(await control.isDisabled()).toBe(true);
  // Sequential: no way back.
  expect(await button(t("en", "quiz.attempt.previous")).count()).toBe(0);

  await button(t("en", "quiz.attempt.next")).click();
  await questionHeading(page, "en", 2, 4).waitFor();
  await waitForHeading(page, t("en", "quiz.attempt.title", { module: "Timed module", number: 1 }));
});
