import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { attemptIdOf, fillAnswerByKeyboard, pressButton, QUIZ_COURSE, questionHeading, questionNumber, summaryHeading, type QuestionKind } from "../helpers/quiz-browser";
import { launchBrowser, newContext, open, registerLearner, t, uniqueEmail, waitForHeading } from "./browser";

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await (await newContext(browser)).newPage();
});

afterAll(async () => {
  await browser?.close();
});

test("a learner passes the basics quiz with the keyboard only", async () => {
  await registerLearner(page, { email: uniqueEmail("quiz-keyboard") });
  await open(page, `${QUIZ_COURSE}/basics/quiz`);
  await waitForHeading(page, t("en", "quiz.overview.title", { module: "Basics" }));

  await pressButton(page, t("en", "quiz.overview.start"));
  await questionHeading(page, "en", 1, 5).waitFor();
  const attemptId = attemptIdOf(page, "basics");

  // What the page asks the server for: a saved answer is one request, its reply carrying the page's new data.
  const requests: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith(QUIZ_COURSE)) requests.push(`${request.method()} ${url.pathname}`);
  });
  const kinds: QuestionKind[] = [];
  for (let number = 1; number <= 5; number++) {
    expect(await questionNumber(page)).toEqual({ number, total: 5 });
    kinds.push(await fillAnswerByKeyboard(page, "en", true));
    requests.length = 0;
    await pressButton(page, t("en", "quiz.attempt.save"));
    await (number < 5 ? questionHeading(page, "en", number + 1, 5) : summaryHeading(page, "en")).waitFor();
    // A reload of the page's data would have been asked for before the next question showed.
    expect(requests).toEqual([`POST ${QUIZ_COURSE}/basics/quiz/${attemptId}.data`]);
    // The focus stays with the quiz, so the next Tab reaches the next answer rather than the top of the page.
    await page.waitForFunction(() => document.getElementById("quiz-main")?.contains(document.activeElement));
  }
  expect(await page.getByText(t("en", "quiz.summary.allAnswered")).count()).toBe(1);

  await pressButton(page, t("en", "quiz.summary.finish"));
  await page.waitForURL((url) => url.pathname === `${QUIZ_COURSE}/basics/quiz/${attemptId}/review`);
  await page.getByRole("heading", { level: 2, name: t("en", "quiz.result.passed"), exact: true }).waitFor();
  expect(await page.getByText(t("en", "quiz.result.score", { percent: 100, passMark: 70 })).count()).toBe(1);
  // Every answer was right, and the review says so for each question.
  expect(await page.locator(".result--correct").count()).toBe(5);
  expect(kinds).toHaveLength(5);
});
