import path from "node:path";
import Database from "better-sqlite3";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { answerAndSave, finishFromSummary, QUIZ_COURSE, startFromOverview } from "../helpers/quiz-browser";
import { expectNoAxeViolations, LANGUAGES, launchBrowser, logIn, newContext, open, pageLanguage, registerLearner, switchLanguage, t, uniqueEmail, waitForHeading } from "./browser";

const TRAINER = { email: "trainer@trag.test", password: "trainer-demo-2026" };
const DAY = 24 * 60 * 60 * 1000;

let browser: Browser;
let groupId: number;
let learnerId: number;
const learnerName = "Jelena <b>Šćepanović</b>";

/**
 * A group of the demo trainer with one learner who has done a lesson and failed the basics quiz
 * once, written into the server's database (the groups pages make the same rows).
 */
beforeAll(async () => {
  browser = await launchBrowser();
  const context = await newContext(browser);
  const page = await context.newPage();
  const email = uniqueEmail("progress-axe");
  await registerLearner(page, { fullName: learnerName, email });
  const csrf = await page.locator('input[name="csrf"]').first().inputValue();
  expect((await page.request.post(`${QUIZ_COURSE}/basics/first-lesson`, { form: { csrf, intent: "complete" }, maxRedirects: 0 })).status()).toBe(302);
  await open(page, `${QUIZ_COURSE}/basics/quiz`);
  await startFromOverview(page, "en", "basics", 5);
  for (let i = 0; i < 5; i++) await answerAndSave(page, "en", i % 2 === 0);
  await finishFromSummary(page, "en");
  await context.close();

  const db = new Database(path.join(inject("dataDir"), "trag.sqlite"));
  try {
    const id = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { id: number }).id;
    const trainerId = id("SELECT id FROM users WHERE email = ?", TRAINER.email);
    learnerId = id("SELECT id FROM users WHERE email = ?", email);
    db.transaction(() => {
      groupId = id("INSERT INTO groups (name, join_code, created_by) VALUES (?, ?, ?) RETURNING id", "Radionica <i>Beograd</i>", `AXE${Date.now()}`, trainerId);
      db.prepare("INSERT INTO group_trainers (group_id, user_id, added_at) VALUES (?, ?, ?)").run(groupId, trainerId, Date.now());
      db.prepare("INSERT INTO group_members (group_id, user_id, joined_at) VALUES (?, ?, ?)").run(groupId, learnerId, Date.now());
      const basics = id("INSERT INTO assignments (group_id, course_id, due_at) VALUES (?, 'fixture-course', ?) RETURNING id", groupId, Date.now() + 7 * DAY);
      db.prepare("INSERT INTO assignment_modules (assignment_id, module_id) VALUES (?, 'basics')").run(basics);
      const timed = id("INSERT INTO assignments (group_id, course_id, due_at) VALUES (?, 'fixture-course', ?) RETURNING id", groupId, Date.now() - DAY);
      db.prepare("INSERT INTO assignment_modules (assignment_id, module_id) VALUES (?, 'timed')").run(timed);
    })();
  } finally {
    db.close();
  }
});

afterAll(async () => {
  await browser?.close();
});

describe.each(LANGUAGES)("the progress pages in %s", (language) => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await newContext(browser);
    page = await context.newPage();
    await logIn(page, TRAINER.email, TRAINER.password);
    // The switcher also sets the demo trainer's own language, which the previous block changed;
    // a fresh document load says which it is.
    await open(page, "/my-learning");
    const current = await pageLanguage(page);
    if (current !== language) await switchLanguage(page, current, language);
  });

  afterAll(async () => {
    await context?.close();
  });

  test("the grid: axe-clean, names escaped, filtered through its form", async () => {
    await open(page, `/trainer/groups/${groupId}/progress`);
    await waitForHeading(page, t(language, "progress.grid.title", { group: "Radionica <i>Beograd</i>" }));
    expect(await page.locator("html").getAttribute("lang")).toBe(language);
    expect(await page.getByRole("rowheader", { name: learnerName }).count()).toBe(1);
    expect(await page.locator("main i, main b").count()).toBe(0);
    expect(await page.locator(".progress-grid td.overdue").count()).toBe(1);
    expect(await page.locator(".progress-grid td.in-progress").count()).toBe(1);
    await expectNoAxeViolations(page, `progress grid (${language})`);

    await page.locator("#grid-status").selectOption("failed");
    await page.getByRole("button", { name: t(language, "progress.grid.apply"), exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("status") === "failed");
    await page.getByText(t(language, "progress.grid.noMatches")).waitFor();
    await expectNoAxeViolations(page, `progress grid filtered to nothing (${language})`);
  });

  test("a learner's attempts at a module, with the answers as the reveal policy allows", async () => {
    await open(page, `/trainer/groups/${groupId}/progress`);
    await page.locator(".progress-grid td.in-progress a").click();
    await page.waitForURL((url) => url.pathname === `/trainer/groups/${groupId}/progress/${learnerId}/fixture-course/basics`);
    await page.locator("#answers").waitFor();
    expect(await page.locator(".review-list > li").count()).toBe(5);
    // After a failed first attempt the basics quiz shows right or wrong, not the right answers.
    expect(await page.getByText(t(language, "quiz.review.correctAnswer")).count()).toBe(0);
    await expectNoAxeViolations(page, `a learner's attempts (${language})`);
  });
});

test("without JavaScript the grid, its filters and the drill-down work", async () => {
  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await logIn(page, TRAINER.email, TRAINER.password, { hydrate: false });
    const current = await pageLanguage(page);
    if (current !== "en") await switchLanguage(page, current, "en", { hydrate: false });
    await open(page, `/trainer/groups/${groupId}/progress?sort=progress&order=desc&status=overdue`, { hydrate: false });
    await waitForHeading(page, t("en", "progress.grid.title", { group: "Radionica <i>Beograd</i>" }));
    expect(await page.locator("#grid-status").inputValue()).toBe("overdue");
    await page.locator(".progress-grid td.overdue a").click();
    await page.waitForURL((url) => url.pathname.endsWith("/fixture-course/timed"));
    await page.getByText(t("en", "progress.attempts.none")).waitFor();
  } finally {
    await context.close();
  }
});
