import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launchBrowser, logIn, newContext, open, registerLearner, switchLanguage, t, uniqueEmail, waitForHeading } from "./browser";

// Forms work before JavaScript does: the same journey's essentials with JavaScript turned off.
const COURSE = "/courses/fixture-course";

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await newContext(browser, { javaScriptEnabled: false });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
});

test("JavaScript is really off in this context", async () => {
  await open(page, "/courses", { hydrate: false });
  expect(await page.locator("html").getAttribute("data-hydrated")).toBeNull();
});

test("registration errors are shown next to the field with the other answers kept", async () => {
  await open(page, "/register", { hydrate: false });
  await page.locator("#field-fullName").fill("No Script");
  await page.locator("#field-email").fill("not-an-email");
  await page.locator("#field-password").fill("a long enough password");
  await page.locator("#field-institutionType").selectOption("court");
  await page.getByRole("button", { name: t("en", "register.submit") }).click();
  await page.locator("#field-email-error").waitFor();
  expect(await page.locator("#field-email-error").textContent()).toBe(t("en", "errors.email.invalid"));
  expect(await page.locator("#field-email").getAttribute("aria-describedby")).toBe("field-email-error");
  expect(await page.locator("#field-fullName").inputValue()).toBe("No Script");
  expect(await page.locator("#field-email").inputValue()).toBe("not-an-email");
  expect(await page.locator("#field-institutionType").inputValue()).toBe("court");
  // The password is never sent back to the page.
  expect(await page.locator("#field-password").inputValue()).toBe("");
});

test("a learner registers, logs out and in, marks a lesson complete with a plain form post, and sees it done", async () => {
  const account = await registerLearner(page, { email: uniqueEmail("nojs"), hydrate: false });
  await page.getByRole("button", { name: t("en", "nav.logout") }).click();
  await page.waitForURL((url) => url.pathname === "/courses");
  expect(await page.getByRole("link", { name: t("en", "nav.login") }).count()).toBe(1);
  await logIn(page, account.email, account.password, { hydrate: false });
  await waitForHeading(page, t("en", "dashboard.title"));

  await open(page, `${COURSE}/basics/first-lesson`, { hydrate: false });
  await waitForHeading(page, "First lesson");
  // Without JavaScript there is no print button, but the lesson and its form are all there.
  expect(await page.getByRole("button", { name: t("en", "lesson.print") }).count()).toBe(0);
  await page.getByRole("button", { name: t("en", "lesson.markComplete") }).click();
  await page.waitForURL((url) => url.pathname === `${COURSE}/basics/second-lesson`);
  await waitForHeading(page, "Second lesson");

  await open(page, `${COURSE}/basics/first-lesson`, { hydrate: false });
  expect(await page.getByRole("status").textContent()).toBe(t("en", "lesson.completed"));
  await page.getByRole("button", { name: t("en", "lesson.markIncomplete") }).click();
  await page.waitForURL((url) => url.pathname === `${COURSE}/basics/first-lesson`);
  await page.getByRole("button", { name: t("en", "lesson.markComplete") }).waitFor();

  await open(page, COURSE, { hydrate: false });
  expect(await page.getByRole("progressbar").getAttribute("value")).toBe("0");
});

test("the language switcher works without JavaScript", async () => {
  await open(page, `${COURSE}/basics`, { hydrate: false });
  await switchLanguage(page, "en", "sr-Latn", { hydrate: false });
  expect(new URL(page.url()).pathname).toBe(`${COURSE}/basics`);
  await waitForHeading(page, "Osnove");
  await switchLanguage(page, "sr-Latn", "sr-Cyrl", { hydrate: false });
  await waitForHeading(page, "Основе");
});
