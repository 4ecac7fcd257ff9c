/**
 * Browser helpers for the e2e tests: Debian's Chromium through playwright-core, waiting for
 * hydration, the UI strings of each language, and signing in through the real forms.
 */
import axe from "axe-core";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { expect, inject } from "vitest";
import type { Language } from "~/content/languages";
import { resources } from "~/utils/i18n.server";

export const LANGUAGES: Language[] = ["en", "sr-Latn", "sr-Cyrl"];

export function baseURL(): string {
  return inject("baseURL");
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}

/** A context whose relative URLs go to the test server. */
export function newContext(browser: Browser, options: BrowserContextOptions = {}) {
  return browser.newContext({ baseURL: baseURL(), ...options });
}

/** Waits until React has hydrated the current document (root.tsx marks <html data-hydrated>). */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForSelector("html[data-hydrated]", { state: "attached" });
}

/** Navigates and, when JavaScript runs in the page, waits for hydration. */
export async function open(page: Page, path: string, { hydrate = true } = {}): Promise<void> {
  await page.goto(path);
  if (hydrate) await waitForHydration(page);
}

type Messages = { [key: string]: string | Messages };

/** A UI string as the app shows it in `language` (keys as in app/locales; `{{name}}` filled in). */
export function t(language: Language, key: string, values: Record<string, string | number> = {}): string {
  let node: string | Messages = Object.assign({}, ...Object.values(resources[language]));
  for (const part of key.split(".")) {
    if (typeof node === "string" || !(part in node)) throw new Error(`no UI string ${key} in ${language}`);
    node = node[part];
  }
  if (typeof node !== "string") throw new Error(`${key} is not a string in ${language}`);
  return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name]));
}

/** Chooses a language with the header's switcher (a plain form post that reloads the page). */
export async function switchLanguage(page: Page, from: Language, to: Language, { hydrate = true } = {}): Promise<void> {
  await page.locator("#language-select").selectOption(to);
  await page.getByRole("button", { name: t(from, "preferences.apply"), exact: true }).click();
  await page.waitForSelector(`html[lang="${to}"]`, { state: "attached" });
  if (hydrate) await waitForHydration(page);
}

/** Signs in through the login page; resolves once the app has redirected to `expectedPath`. */
export async function logIn(page: Page, email: string, password: string, { language = "en" as Language, expectedPath = "/my-learning", hydrate = true } = {}) {
  await open(page, "/login", { hydrate });
  await page.locator("#field-email").fill(email);
  await page.locator("#field-password").fill(password);
  await page.getByRole("button", { name: t(language, "login.submit"), exact: true }).click();
  await page.waitForURL((url) => url.pathname === expectedPath);
  if (hydrate) await waitForHydration(page);
  await waitUntilSignedIn(page);
}

/**
 * Signed in once the page shows the sign-out form (in whatever language the account has): only then do its forms
 * carry the new session's CSRF token. The URL changes, and the page counts as hydrated, before that render.
 */
async function waitUntilSignedIn(page: Page): Promise<void> {
  await page.locator('form[action="/logout"] button').first().waitFor({ state: "attached" });
}

let counter = 0;
/** A unique email address for an account created by a test. */
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}@example.test`;
}

/** Registers a learner through the form; resolves on My learning. */
export async function registerLearner(page: Page, { fullName = "E2E Learner", email = uniqueEmail("learner"), password = "a long enough password", language = "en" as Language, hydrate = true } = {}) {
  await open(page, "/register", { hydrate });
  await page.locator("#field-fullName").fill(fullName);
  await page.locator("#field-email").fill(email);
  await page.locator("#field-password").fill(password);
  await page.locator("#field-institutionType").selectOption("police");
  await page.locator("#field-language").selectOption(language);
  await page.getByRole("button", { name: t(await pageLanguage(page), "register.submit"), exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/my-learning");
  if (hydrate) await waitForHydration(page);
  await waitUntilSignedIn(page);
  return { fullName, email, password };
}

export async function pageLanguage(page: Page): Promise<Language> {
  return (await page.locator("html").getAttribute("lang")) as Language;
}

/**
 * Runs axe-core on the page and fails with a readable list when anything is found.
 *
 * axe's source is evaluated once in the page and axe.run called there. @axe-core/playwright's analyze() evaluated
 * the 0.5 MB source twice (in the page, and in a blank page it opened for axe.finishRun), which made each check take
 * twice as long for the same results (docs/decisions/0029). Its one gain, checking cross-origin frames, does not
 * apply: Trag's pages have no frames, and a page with one fails here rather than go unchecked.
 */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  expect(page.frames(), `frames on ${label}`).toHaveLength(1);
  await page.evaluate(axe.source);
  // Only the violations are used: axe then lists one node, not all, for each rule that passed or did not apply.
  const violations = await page.evaluate(async () => {
    const inPage = (window as Window & { axe?: typeof axe }).axe!;
    return (await inPage.run(document, { resultTypes: ["violations"] })).violations;
  });
  const found = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary?.replace(/\n/g, " ")}`).join("\n")}`);
  expect(found, `axe violations on ${label}`).toEqual([]);
}

/** Waits until the page's h1 reads `text` (after a client-side navigation the URL can change first). */
export async function waitForHeading(page: Page, text: string): Promise<void> {
  await page.getByRole("heading", { level: 1, name: text, exact: true }).waitFor();
}
