import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { answerAndCheck, answerAndSave, answerForm, choicesFor, fillAnswer, QUIZ_COURSE, questionHeading, startFromOverview, type QuestionKind } from "../helpers/quiz-browser";
import { launchBrowser, logIn, newContext, open, registerLearner, t, uniqueEmail, waitForHydration } from "./browser";

// An attempt lives on the server: a reload, a second tab or another browser continue it at the
// same question with every saved answer.

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function expectSavedAnswer(page: Page, kind: QuestionKind, correct: boolean) {
  const { check, select } = choicesFor("en", kind, correct);
  for (const label of check) expect(await answerForm(page).getByLabel(label, { exact: true }).isChecked(), label).toBe(true);
  for (const { label, option } of select) expect(await answerForm(page).getByLabel(label, { exact: true }).locator("option:checked").textContent(), label).toBe(option);
}

const progress = (page: Page, answered: number, total: number) => page.getByText(t("en", "quiz.attempt.progress", { answered, total }), { exact: true });

test("deferred: reload, a second tab and another browser resume at the same question with the saved answers", async () => {
  const contextA = await newContext(browser);
  let contextB: BrowserContext | undefined;
  try {
    const tab = await contextA.newPage();
    const account = await registerLearner(tab, { email: uniqueEmail("quiz-resume") });
    await open(tab, `${QUIZ_COURSE}/basics/quiz`);
    await startFromOverview(tab, "en", "basics", 5);
    const attemptPath = new URL(tab.url()).pathname;
    const kinds = [await answerAndSave(tab, "en", true), await answerAndSave(tab, "en", false)];

    // Reload.
    await tab.reload();
    await waitForHydration(tab);
    await questionHeading(tab, "en", 3, 5).waitFor();
    await progress(tab, 2, 5).waitFor();

    // Another browser: the overview offers to resume, and it resumes here.
    contextB = await newContext(browser);
    const other = await contextB.newPage();
    await logIn(other, account.email, account.password);
    await open(other, `${QUIZ_COURSE}/basics/quiz`);
    await other.getByRole("link", { name: t("en", "quiz.overview.resume"), exact: true }).click();
    await other.waitForURL((url) => url.pathname === attemptPath);
    await questionHeading(other, "en", 3, 5).waitFor();
    await progress(other, 2, 5).waitFor();

    // A second tab: same place; going back shows the saved answers.
    const second = await contextA.newPage();
    await open(second, attemptPath);
    await questionHeading(second, "en", 3, 5).waitFor();
    await second.getByRole("button", { name: t("en", "quiz.attempt.previous"), exact: true }).click();
    await questionHeading(second, "en", 2, 5).waitFor();
    await expectSavedAnswer(second, kinds[1]!, false);
    await second.getByRole("button", { name: t("en", "quiz.attempt.previous"), exact: true }).click();
    await questionHeading(second, "en", 1, 5).waitFor();
    await expectSavedAnswer(second, kinds[0]!, true);
  } finally {
    await contextA.close();
    await contextB?.close();
  }
});

test("immediate: a check from a second tab on a question already checked is refused (409), and a reload shows it locked", async () => {
  const context = await newContext(browser);
  try {
    const first = await context.newPage();
    await registerLearner(first, { email: uniqueEmail("quiz-tabs") });
    await open(first, `${QUIZ_COURSE}/timed/quiz`);
    await startFromOverview(first, "en", "timed", 4);
    const attemptPath = new URL(first.url()).pathname;
    const second = await context.newPage();
    await open(second, attemptPath);
    await questionHeading(second, "en", 1, 4).waitFor();

    await answerAndCheck(first, "en", true);
    await fillAnswer(second, "en", false);
    await second.getByRole("button", { name: t("en", "quiz.attempt.check"), exact: true }).click();
    await second.getByText(t("en", "quiz.errors.stale"), { exact: true }).waitFor();
    await second.getByRole("heading", { level: 1, name: t("en", "errors.status.409.title"), exact: true }).waitFor();

    await open(second, attemptPath);
    await questionHeading(second, "en", 1, 4).waitFor();
    await second.locator(".result--correct").waitFor();
    expect(await second.getByRole("button", { name: t("en", "quiz.attempt.check") }).count()).toBe(0);
  } finally {
    await context.close();
  }
});
