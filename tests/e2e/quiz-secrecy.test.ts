import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { answerAndSave, finishFromSummary, QUIZ_COURSE, startFromOverview, summaryHeading } from "../helpers/quiz-browser";
import { findSecretTexts } from "../helpers/quiz-secrets";
import { LANGUAGES, launchBrowser, newContext, open, registerLearner, t, uniqueEmail } from "./browser";

// What the server sends a browser for quiz pages, as HTML and as the data of a client-side
// navigation, holds no feedback, explanations or correct-option markers before the reveal policy allows.

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** The page's HTML without the UI strings every page carries for hydration (they include words like "Correct."). */
async function serverHtml(page: Page, path: string): Promise<string> {
  const response = await page.request.get(path);
  expect(response.status(), path).toBe(200);
  const html = await response.text();
  const withoutStrings = html.replace(/<script[^>]*>window\.__trag=.*?<\/script>/s, "");
  expect(withoutStrings.length).toBeLessThan(html.length);
  return withoutStrings;
}

/** The loader data a client-side navigation to `path` fetches (single fetch). */
async function navigationData(page: Page, path: string): Promise<string> {
  const response = await page.request.get(`${path}.data`);
  expect(response.status(), `${path}.data`).toBe(200);
  return response.text();
}

function expectNoAnswerMarkers(html: string) {
  expect(html).not.toMatch(/class="[^"]*\b(revealed|result--correct|result--incorrect|explanation)\b/);
  // The quiz itself (the header has selects of its own, e.g. the language).
  const start = html.indexOf('id="quiz-main"');
  expect(start).toBeGreaterThan(-1);
  html = html.slice(start, html.indexOf("</main>", start));
  expect(html).toMatch(/name="(option|value|match\.[^"]+|position\.[^"]+)"/);
  // Every choice posts a public id; authored ids ("a" is the right option) never reach the form.
  for (const [, value] of html.matchAll(/name="option" value="([^"]*)"/g)) expect(value).toMatch(/^p[1-9]\d*$/);
  for (const [, value] of html.matchAll(/<option value="([^"]*)"/g)) expect(value).toMatch(/^(|p[1-9]\d*|[1-9]\d*)$/);
  for (const [, name] of html.matchAll(/name="position\.([^"]*)"/g)) expect(name).toMatch(/^p[1-9]\d*$/);
}

describe.each(LANGUAGES)("in %s", (language) => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await newContext(browser);
    page = await context.newPage();
    await registerLearner(page, { email: uniqueEmail(`quiz-secret-${language}`), language });
  });

  afterAll(async () => {
    await context?.close();
  });

  test("a deferred attempt with saved answers, and its result after a failed first attempt", async () => {
    await open(page, `${QUIZ_COURSE}/basics/quiz`);
    await startFromOverview(page, language, "basics", 5);
    const attemptPath = new URL(page.url()).pathname;
    await answerAndSave(page, language, true);
    await answerAndSave(page, language, false);

    const html = await serverHtml(page, attemptPath);
    expect(findSecretTexts(html, "basics")).toEqual([]);
    expectNoAnswerMarkers(html);
    const data = await navigationData(page, attemptPath);
    expect(findSecretTexts(data, "basics")).toEqual([]);
    expect(data).not.toMatch(/"(correct|correctAnswer|explanation|explanationHtml)"/);

    // Failed with attempts left: whether each answer was right is shown, but not the right answers or explanations.
    await page.getByRole("button", { name: t(language, "quiz.attempt.review"), exact: true }).click();
    await summaryHeading(page, language).waitFor();
    await finishFromSummary(page, language);
    await page.getByRole("heading", { level: 2, name: t(language, "quiz.result.failed"), exact: true }).waitFor();
    const review = await serverHtml(page, `${attemptPath}/review`);
    expect(review).toMatch(/class="result result--correct"/);
    // The fixture's true/false feedback in Serbian ("Tačno.") is also how the page says "Correct.", which it may show now.
    const shown = t(language, "quiz.review.correct");
    expect(findSecretTexts(review, "basics").filter((text) => text !== shown)).toEqual([]);
    expect(findSecretTexts(await navigationData(page, `${attemptPath}/review`), "basics")).toEqual([]);
  });

  test("an immediate-mode question before it is checked", async () => {
    await open(page, `${QUIZ_COURSE}/timed/quiz`);
    await startFromOverview(page, language, "timed", 4);
    const attemptPath = new URL(page.url()).pathname;
    const html = await serverHtml(page, attemptPath);
    expect(findSecretTexts(html, "timed")).toEqual([]);
    expectNoAnswerMarkers(html);
    expect(findSecretTexts(await navigationData(page, attemptPath), "timed")).toEqual([]);
  });
});
