import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Language } from "~/content/languages";
import { expectNoAxeViolations, LANGUAGES, launchBrowser, logIn, newContext, open, registerLearner, t, uniqueEmail, waitForHeading } from "./browser";

// The trainer's pages (groups, joining, import, assignments, adjustments) in every language,
// checked by axe; and a trainer's whole import done with JavaScript off.

let browser: Browser;
let admin: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await newContext(browser);
  await logIn(await admin.newPage(), "admin@trag.test", "admin-demo-2026");
});

afterAll(async () => {
  await browser?.close();
});

/** Registers an account in `language` and has the demo administrator make it a trainer. */
async function newTrainer(page: Page, language: Language, hydrate = true) {
  const account = await registerLearner(page, { fullName: "Тамара Тренер", email: uniqueEmail(`trainer-${language}`), language, hydrate });
  const adminPage = await admin.newPage();
  await open(adminPage, `/admin/users?q=${encodeURIComponent(account.email)}`);
  await adminPage.locator('select[name="role"]').selectOption("trainer");
  const changed = adminPage.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname.startsWith("/admin/users"));
  await adminPage.getByRole("button", { name: t("en", "admin.users.changeRole") }).click();
  expect((await changed).status()).toBe(200);
  await adminPage.close();
  return account;
}

/** Fills and sends the new-group form; resolves on the group's overview, returning its path. */
async function createGroup(page: Page, language: Language, name: string, hydrate = true) {
  await open(page, "/trainer/groups/new", { hydrate });
  await page.locator("#field-name").fill(name);
  await page.locator("#field-workshopDate").fill("2024-02-20");
  await page.locator("#field-workshopPlace").fill("Beograd");
  await page.getByRole("button", { name: t(language, "groups.new.submit") }).click();
  await page.waitForURL((url) => /^\/trainer\/groups\/\d+$/.test(url.pathname));
  await waitForHeading(page, name);
  return new URL(page.url()).pathname;
}

function weekFromNow() {
  return new Date(Date.now() + 7 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

describe.each(LANGUAGES)("the trainer's pages have no axe violations in %s", (language) => {
  let trainerContext: BrowserContext;
  let page: Page;
  let learnerContext: BrowserContext;
  let learnerPage: Page;
  let groupPath: string;
  let joinCode: string;

  beforeAll(async () => {
    trainerContext = await newContext(browser);
    page = await trainerContext.newPage();
    learnerContext = await newContext(browser);
    learnerPage = await learnerContext.newPage();
    await newTrainer(page, language);
  });

  afterAll(async () => {
    await trainerContext?.close();
    await learnerContext?.close();
  });

  test("the group list (empty) and the new-group form, also with errors", async () => {
    await open(page, "/trainer/groups");
    await waitForHeading(page, t(language, "groups.list.title"));
    await expectNoAxeViolations(page, `/trainer/groups (${language})`);
    await open(page, "/trainer/groups/new");
    await waitForHeading(page, t(language, "groups.new.title"));
    await expectNoAxeViolations(page, `/trainer/groups/new (${language})`);
    await page.locator("#field-startsOn").fill("2024-05-01");
    await page.locator("#field-endsOn").fill("2024-04-01");
    await page.getByRole("button", { name: t(language, "groups.new.submit") }).click();
    await page.locator("#field-name-error").waitFor();
    await expectNoAxeViolations(page, `/trainer/groups/new with errors (${language})`);
  });

  test("the overview with its join code, and the edit form", async () => {
    groupPath = await createGroup(page, language, `Radionica <b>${language}</b>`);
    joinCode = (await page.locator("[data-join-code]").textContent())!;
    expect(joinCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await expectNoAxeViolations(page, `group overview (${language})`);
    await open(page, `${groupPath}/edit`);
    await expectNoAxeViolations(page, `group edit (${language})`);
  });

  test("joining: the code form, the group's page, a refused code; then the members list", async () => {
    await registerLearner(learnerPage, { fullName: "Јелена <i>Јовановић</i>", email: uniqueEmail(`joiner-${language}`), language });
    await open(learnerPage, "/join");
    await waitForHeading(learnerPage, t(language, "groups.join.title"));
    await expectNoAxeViolations(learnerPage, `/join (${language})`);
    await learnerPage.locator("#field-code").fill(joinCode.toLowerCase());
    await learnerPage.getByRole("button", { name: t(language, "groups.join.continue") }).click();
    await learnerPage.waitForURL((url) => url.pathname === `/join/${joinCode}`);
    await learnerPage.getByRole("button", { name: t(language, "groups.join.submit") }).waitFor();
    await expectNoAxeViolations(learnerPage, `/join/CODE (${language})`);
    await learnerPage.getByRole("button", { name: t(language, "groups.join.submit") }).click();
    await learnerPage.waitForURL((url) => url.pathname === "/my-learning");
    await open(learnerPage, "/join/ZZZZ-ZZZZ");
    await learnerPage
      .getByRole("alert")
      .filter({ hasText: t(language, "groups.join.unknown") })
      .waitFor();
    await expectNoAxeViolations(learnerPage, `/join with an unknown code (${language})`);

    await open(page, `${groupPath}/members`);
    // The name is shown as text, its markup escaped.
    await page.getByRole("rowheader", { name: "Јелена <i>Јовановић</i>" }).waitFor();
    await expectNoAxeViolations(page, `group members (${language})`);
  });

  test("the import page, its preview with per-line errors, and the result", async () => {
    await open(page, `${groupPath}/import`);
    await expectNoAxeViolations(page, `group import (${language})`);
    const csv = `\uFEFFИме и презиме;Е-пошта;Тип институције\nМилош Петровић;${uniqueEmail("milos")};полиција\nBad Row;not-an-email;court\n`;
    await page.locator("#field-file").setInputFiles({ name: "ucesnici.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: t(language, "groups.import.preview") }).click();
    await page.getByRole("heading", { level: 2, name: t(language, "groups.import.previewTitle") }).waitFor();
    expect(await page.getByRole("cell", { name: t(language, "errors.email.invalid") }).count()).toBe(1);
    await expectNoAxeViolations(page, `group import preview (${language})`);
    await page.getByRole("button", { name: t(language, "groups.import.confirm_one", { count: 1 }) }).click();
    await page.getByRole("link", { name: t(language, "groups.import.toMembers") }).waitFor();
    await expectNoAxeViolations(page, `group import done (${language})`);
  });

  test("assignments, with errors, and the adjustments for a learner", async () => {
    await open(page, `${groupPath}/assignments`);
    await expectNoAxeViolations(page, `group assignments (${language})`);
    await page.getByRole("radio", { name: t(language, "groups.assignments.scopeModules") }).check();
    await page.getByRole("button", { name: t(language, "groups.assignments.create") }).click();
    await page.locator("#field-due-error").waitFor();
    await expectNoAxeViolations(page, `group assignments with errors (${language})`);
    await page.locator('input[name="modules"]').first().check();
    await page.locator("#field-due").fill(weekFromNow());
    await page.locator("#field-note").fill("Pročitajte pre radionice & <ponesite> beleške.");
    await page.getByRole("button", { name: t(language, "groups.assignments.create") }).click();
    await page.getByRole("link", { name: t(language, "groups.assignments.adjust") }).click();
    await page.getByRole("link", { name: t(language, "groups.adjustments.adjustName", { name: "Јелена <i>Јовановић</i>" }) }).click();
    await page.locator("#field-extraAttempts").fill("1");
    await page.getByRole("button", { name: t(language, "groups.adjustments.save") }).click();
    await page
      .getByRole("status")
      .filter({ hasText: t(language, "groups.adjustments.saved") })
      .waitFor();
    await expectNoAxeViolations(page, `assignment adjustments (${language})`);
  });

  test("My learning with the assignment", async () => {
    await open(learnerPage, "/my-learning");
    await learnerPage.getByRole("heading", { level: 2, name: t(language, "groups.assigned.title") }).waitFor();
    expect(await learnerPage.locator(".assignment-note").textContent()).toContain("& <ponesite> beleške.");
    await expectNoAxeViolations(learnerPage, `/my-learning with an assignment (${language})`);
  });
});

describe("without JavaScript", () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await newContext(browser, { javaScriptEnabled: false });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  test("a trainer creates a group, imports five learners with Cyrillic names from a CSV, and assigns two modules due in a week", async () => {
    await newTrainer(page, "en", false);
    const groupPath = await createGroup(page, "en", "Beograd, 20. februar 2024", false);
    await open(page, `${groupPath}/members`, { hydrate: false });
    await page.getByRole("link", { name: t("en", "groups.members.import") }).click();
    const names = ["Јелена Јовановић", "Ђорђе Шћепановић", 'Milica, "Mica" Marković', "Никола Николић", "Зорица Жунић"];
    const rows = names.map((name, i) => `"${name.replace(/"/g, '""')}",${uniqueEmail(`nojs-${i}`)},${["police", "Javno tužilaštvo", "суд", "social care", "NVO"][i]},${i % 2 ? "sr-Cyrl" : ""}`);
    const csv = ["name,email,institution type,language", ...rows].join("\r\n");
    await page.locator("#field-file").setInputFiles({ name: "participants.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: t("en", "groups.import.preview") }).click();
    await page.getByRole("heading", { level: 2, name: t("en", "groups.import.previewTitle") }).waitFor();
    expect(await page.getByRole("cell", { name: t("en", "groups.import.willCreate") }).count()).toBe(5);
    await page.getByRole("button", { name: t("en", "groups.import.confirm_other", { count: 5 }) }).click();
    await page.getByRole("link", { name: t("en", "groups.import.toMembers") }).click();
    for (const name of names) await page.getByRole("rowheader", { name, exact: true }).waitFor();
    expect(await page.getByRole("rowheader").count()).toBe(5);

    await open(page, `${groupPath}/assignments`, { hydrate: false });
    await page.getByRole("radio", { name: t("en", "groups.assignments.scopeModules") }).check();
    for (const box of await page.locator('input[name="modules"][value^="fixture-course/"]').all()) await box.check();
    await page.locator("#field-due").fill(weekFromNow());
    await page.getByRole("button", { name: t("en", "groups.assignments.create") }).click();
    await page.waitForURL((url) => url.pathname === `${groupPath}/assignments`);
    expect(await page.getByRole("link", { name: t("en", "groups.assignments.adjust") }).count()).toBe(1);
  });
});
