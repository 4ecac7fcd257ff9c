import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { answerAndCheck, answerAndSave, attemptIdOf, finishFromSummary, QUIZ_COURSE, startFromOverview, summaryHeading } from "../helpers/quiz-browser";
import { launchBrowser, newContext, open, registerLearner, t, uniqueEmail, waitForHeading } from "./browser";
import { createDateFormat } from "~/utils/dates";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** "Your next attempt opens on …" as the page writes it, for either end of the moment the attempt finished. */
async function nextAttemptTexts(page: Page, finishedBetween: [number, number]): Promise<string[]> {
  // As the app writes times: the page's language, Serbia's time zone (app/utils/dates.ts).
  const language = await page.evaluate(() => document.documentElement.lang);
  const format = createDateFormat(language, { dateStyle: "medium", timeStyle: "short" });
  const times = finishedBetween.map((moment) => format.format(new Date(moment + 60 * 60_000)));
  return times.map((time) => t("en", "quiz.overview.nextAttemptAt", { time }));
}

describe("a learner who fails", () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await newContext(browser);
    page = await context.newPage();
    await registerLearner(page, { email: uniqueEmail("quiz-retake") });
  });

  afterAll(async () => {
    await context?.close();
  });

  test("the basics quiz: sees the result, may retake at once, retakes and passes", async () => {
    await open(page, `${QUIZ_COURSE}/basics/quiz`);
    const first = await startFromOverview(page, "en", "basics", 5);
    for (let number = 1; number <= 5; number++) await answerAndSave(page, "en", false);
    await finishFromSummary(page, "en");

    await page.getByRole("heading", { level: 2, name: t("en", "quiz.result.failed"), exact: true }).waitFor();
    expect(await page.getByText(t("en", "quiz.result.score", { percent: 0, passMark: 70 })).count()).toBe(1);
    expect(await page.getByText(t("en", "quiz.result.attemptsLeft_other", { count: 2 })).count()).toBe(1);
    // No wait in this module: no "opens on", and the next attempt is offered right here.
    expect(await page.getByText(/opens on/).count()).toBe(0);
    const second = await startFromOverview(page, "en", "basics", 5, { retake: true });
    expect(second).not.toBe(first);
    await waitForHeading(page, t("en", "quiz.attempt.title", { module: "Basics", number: 2 }));

    for (let number = 1; number <= 5; number++) await answerAndSave(page, "en", true);
    await finishFromSummary(page, "en");
    await page.getByRole("heading", { level: 2, name: t("en", "quiz.result.passed"), exact: true }).waitFor();
    // A passed attempt offers no retake.
    expect(await page.getByRole("button", { name: t("en", "quiz.overview.retake") }).count()).toBe(0);

    await open(page, `${QUIZ_COURSE}/basics/quiz`);
    const rows = page.locator("tbody tr");
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).locator("td").nth(1).textContent()).toBe(t("en", "quiz.status.failed"));
    expect(await rows.nth(1).locator("td").nth(1).textContent()).toBe(t("en", "quiz.status.passed"));
    expect(await page.getByText(t("en", "quiz.overview.passed", { percent: 100 })).count()).toBe(1);
  });

  test("the timed quiz: sees when the next attempt opens, an hour after finishing, and cannot start before", async () => {
    await open(page, `${QUIZ_COURSE}/timed/quiz`);
    await startFromOverview(page, "en", "timed", 4);
    const attemptId = attemptIdOf(page, "timed");
    for (let number = 1; number <= 4; number++) {
      await answerAndCheck(page, "en", false);
      await page.getByRole("button", { name: t("en", number < 4 ? "quiz.attempt.next" : "quiz.attempt.toSummary"), exact: true }).click();
      if (number < 4) await page.getByRole("heading", { level: 2, name: t("en", "quiz.attempt.question", { number: number + 1, total: 4 }), exact: true }).waitFor();
    }
    await summaryHeading(page, "en").waitFor();
    const before = Date.now();
    await finishFromSummary(page, "en");
    const after = Date.now();
    expect(new URL(page.url()).pathname).toBe(`${QUIZ_COURSE}/timed/quiz/${attemptId}/review`);

    await page.getByRole("heading", { level: 2, name: t("en", "quiz.result.failed"), exact: true }).waitFor();
    const expected = await nextAttemptTexts(page, [before, after]);
    const onReview = await page.getByText(/^Your next attempt opens on/).textContent();
    expect(expected).toContain(onReview);
    expect(await page.getByRole("button", { name: t("en", "quiz.overview.retake") }).count()).toBe(0);

    await open(page, `${QUIZ_COURSE}/timed/quiz`);
    await waitForHeading(page, t("en", "quiz.overview.title", { module: "Timed module" }));
    expect(expected).toContain(
      await page
        .getByRole("status")
        .filter({ hasText: /^Your next attempt opens on/ })
        .textContent(),
    );
    expect(await page.getByRole("button", { name: t("en", "quiz.overview.start") }).count()).toBe(0);
    expect(await page.getByRole("button", { name: t("en", "quiz.overview.retake") }).count()).toBe(0);

    // A forged start is refused with 409, and the page still offers nothing.
    const csrf = await page.locator('input[name="csrf"]').first().inputValue();
    const response = await page.request.post(`${QUIZ_COURSE}/timed/quiz`, { form: { csrf, intent: "start" }, maxRedirects: 0 });
    expect(response.status()).toBe(409);
    await open(page, `${QUIZ_COURSE}/timed/quiz`);
    expect(await page.locator("tbody tr").count()).toBe(1);
  });
});
