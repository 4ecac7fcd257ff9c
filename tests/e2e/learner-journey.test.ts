import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launchBrowser, newContext, open, switchLanguage, t, uniqueEmail, waitForHeading, waitForHydration } from "./browser";

const COURSE = "/courses/fixture-course";

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await (await newContext(browser)).newPage();
});

afterAll(async () => {
  await browser?.close();
});

test("register → open the course → read a lesson → complete it → see progress → Cyrillic → log out and in → Continue", async () => {
  const account = { fullName: "Nikola Journey", email: uniqueEmail("journey"), password: "a long enough password" };

  // Register; a short password first: the message sits next to the field and the other answers stay.
  await open(page, "/register");
  expect(await page.locator("html").getAttribute("lang")).toBe("en");
  await page.locator("#field-fullName").fill(account.fullName);
  await page.locator("#field-email").fill(account.email);
  await page.locator("#field-password").fill("too short");
  await page.locator("#field-institutionType").selectOption("prosecution");
  await page.getByRole("button", { name: t("en", "register.submit") }).click();
  const passwordError = page.locator("#field-password-error");
  await passwordError.waitFor();
  expect(await passwordError.textContent()).toBe(t("en", "errors.password.short"));
  expect(await page.locator("#field-password").getAttribute("aria-invalid")).toBe("true");
  expect(await page.locator("#field-password").getAttribute("aria-describedby")).toContain("field-password-error");
  expect(await page.locator("#field-fullName").inputValue()).toBe(account.fullName);
  expect(await page.locator("#field-email").inputValue()).toBe(account.email);
  expect(await page.locator("#field-institutionType").inputValue()).toBe("prosecution");
  expect(await page.getByRole("alert").textContent()).toContain(t("en", "errors.password.short"));

  await page.locator("#field-password").fill(account.password);
  await page.getByRole("button", { name: t("en", "register.submit") }).click();
  await page.waitForURL((url) => url.pathname === "/my-learning");
  await waitForHeading(page, t("en", "dashboard.title"));

  // Open the course from the catalogue and start it.
  await page
    .getByRole("navigation", { name: t("en", "nav.main") })
    .getByRole("link", { name: t("en", "nav.catalogue") })
    .click();
  await waitForHeading(page, t("en", "catalogue.title"));
  await page.getByRole("link", { name: "Fixture course" }).click();
  await waitForHeading(page, "Fixture course");
  await page.getByRole("link", { name: t("en", "course.start") }).click();
  await page.waitForURL((url) => url.pathname === `${COURSE}/basics/first-lesson`);

  // Read it: title, sections, callouts, numbered references.
  await waitForHeading(page, "First lesson");
  expect(await page.getByRole("heading", { level: 2, name: "Overview" }).count()).toBe(1);
  expect(
    await page
      .getByRole("complementary", { name: t("en", "lesson.callout.key-point") })
      .first()
      .textContent(),
  ).toContain("Investigators record");
  const references = page.getByRole("region", { name: t("en", "lesson.references") }).getByRole("listitem");
  expect(await references.allTextContents()).toEqual([expect.stringContaining("Source One, A report, 2022."), expect.stringContaining("Source Two, A study, 2023.")]);

  // Mark it complete: on to the next lesson.
  await page.getByRole("button", { name: t("en", "lesson.markComplete") }).click();
  await page.waitForURL((url) => url.pathname === `${COURSE}/basics/second-lesson`);
  await waitForHeading(page, "Second lesson");

  // Progress on the course page: 1 of 8 steps (6 lessons, 2 quizzes).
  await page
    .getByRole("navigation", { name: t("en", "nav.breadcrumb") })
    .getByRole("link", { name: "Fixture course" })
    .click();
  await waitForHeading(page, "Fixture course");
  const bar = page.getByRole("progressbar", { name: t("en", "progressBar.courseLabel", { title: "Fixture course" }) });
  expect(await bar.getAttribute("value")).toBe("12");
  expect(await page.locator(".progress__text").textContent()).toBe(t("en", "progressBar.percent", { percent: 12 }));
  expect(await page.locator(".module-list li").first().textContent()).toContain(t("en", "course.lessonsDone", { done: 1, total: 3 }));
  await page.getByRole("link", { name: t("en", "course.continue"), exact: true }).click();
  await page.waitForURL((url) => url.pathname === `${COURSE}/basics/second-lesson`);
  await waitForHeading(page, "Second lesson");

  // Switch to Cyrillic: the same lesson, generated from the Latin text.
  await switchLanguage(page, "en", "sr-Cyrl");
  expect(new URL(page.url()).pathname).toBe(`${COURSE}/basics/second-lesson`);
  await waitForHeading(page, "Друга лекција");
  const body = await page.locator(".lesson__body").textContent();
  expect(body).toContain("Истражитељи пажљиво бележе");
  expect(body).toContain("Facebook");
  expect(body).not.toMatch(/Istražitelji|\{\{/);
  expect(await page.getByRole("button", { name: t("sr-Cyrl", "lesson.markComplete") }).count()).toBe(1);

  // Log out and back in: the profile keeps Cyrillic, and Continue goes to the next lesson.
  await page.getByRole("button", { name: t("sr-Cyrl", "nav.logout") }).click();
  await page.waitForURL((url) => url.pathname === "/courses");
  await waitForHeading(page, t("sr-Cyrl", "catalogue.title"));
  expect(await page.getByRole("link", { name: t("sr-Cyrl", "nav.login") }).count()).toBe(1);
  await page.getByRole("link", { name: t("sr-Cyrl", "nav.login") }).click();
  await waitForHeading(page, t("sr-Cyrl", "login.title"));
  await page.locator("#field-email").fill(account.email);
  await page.locator("#field-password").fill(account.password);
  await page.getByRole("button", { name: t("sr-Cyrl", "login.submit"), exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/my-learning");
  await waitForHeading(page, t("sr-Cyrl", "dashboard.title"));
  expect(await page.locator("html").getAttribute("lang")).toBe("sr-Cyrl");
  expect(await page.locator(".card").first().textContent()).toContain(t("sr-Cyrl", "dashboard.next", { title: "Друга лекција" }));
  await page.getByRole("link", { name: t("sr-Cyrl", "dashboard.continue"), exact: true }).click();
  await page.waitForURL((url) => url.pathname === `${COURSE}/basics/second-lesson`);
  await waitForHeading(page, "Друга лекција");

  // A lesson comes with the common strings only; going on to the quiz in the page fetches the quiz's
  // strings, in the page's language, before the quiz page shows.
  await open(page, `${COURSE}/basics/second-lesson`);
  expect(await page.evaluate(() => Object.keys((window as unknown as { __trag: { messages: object } }).__trag.messages))).toEqual(["common"]);
  const quizStrings = page.waitForResponse((response) => new URL(response.url()).pathname === "/locales/sr-Cyrl/quiz");
  await page
    .getByRole("navigation", { name: t("sr-Cyrl", "nav.breadcrumb") })
    .getByRole("link")
    .nth(1)
    .click();
  await page.getByRole("link", { name: t("sr-Cyrl", "module.quiz") }).click();
  await page.waitForURL((url) => url.pathname === `${COURSE}/basics/quiz`);
  expect((await quizStrings).status()).toBe(200);
  const breadcrumb = page.getByRole("navigation", { name: t("sr-Cyrl", "nav.breadcrumb") });
  await breadcrumb.getByText(t("sr-Cyrl", "quiz.overview.crumb"), { exact: true }).waitFor();
  expect(await page.locator("main").textContent()).not.toMatch(/quiz\.|Quiz/);
});

test("a lesson's text comes once in the page, hydration keeps it, and moving between lessons in the page brings each text", async () => {
  // Continues as the journey's learner, in Cyrillic.
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  const phrase = "Истражитељи пажљиво бележе";
  const occurrences = (text: string) => text.split(phrase).length - 1;

  const response = await page.goto(`${COURSE}/basics/second-lesson`);
  const html = await response!.text();
  await waitForHydration(page);
  const body = page.locator(".lesson__body");
  const shown = occurrences((await body.textContent()) ?? "");
  expect(shown).toBeGreaterThan(1);
  expect(occurrences(html)).toBe(shown);

  // The next lesson is a case: its decision point is a <details> the second lesson has not.
  expect(await body.locator("details").count()).toBe(0);
  await page.getByRole("link", { name: "Случај" }).click();
  await waitForHeading(page, "Случај");
  expect(await body.locator("details").count()).toBe(1);
  await page.getByRole("link", { name: "Друга лекција" }).click();
  await waitForHeading(page, "Друга лекција");
  expect(await body.locator("details").count()).toBe(0);
  expect(occurrences((await body.textContent()) ?? "")).toBe(shown);
  expect(errors).toEqual([]);
});
