import ExcelJS from "exceljs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launchBrowser, logIn, newContext, open, pageLanguage, switchLanguage, t, uniqueEmail, waitForHeading } from "./browser";
import { linkPath, linksIn, waitForMail } from "./mailbox";

// The journey: a trainer gathers a workshop into a group, a learner from the import
// comes in through the invitation and starts, and the trainer sees it in the grid and its XLSX.

const TRAINER = { email: "trainer@trag.test", password: "trainer-demo-2026" };
const NAMES = ["Јелена Јовановић", "Ђорђе Шћепановић", "Милица Марковић", "Никола Николић", "Зорица Жунић"];

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

test("a trainer imports a workshop, assigns two modules; a learner sets a password from the invitation and does a lesson; the grid and its XLSX show it", async () => {
  const trainerContext = await newContext(browser, { acceptDownloads: true });
  const learnerContext = await newContext(browser);
  try {
    const trainer = await trainerContext.newPage();
    await logIn(trainer, TRAINER.email, TRAINER.password);
    // Other tests may have left the demo trainer in another language.
    await open(trainer, "/my-learning");
    const shown = await pageLanguage(trainer);
    if (shown !== "en") await switchLanguage(trainer, shown, "en");

    // A group for the workshop.
    const groupName = `Beograd, 20. februar 2024 (${Date.now().toString(36)})`;
    await open(trainer, "/trainer/groups/new");
    await trainer.locator("#field-name").fill(groupName);
    await trainer.locator("#field-workshopDate").fill("2024-02-20");
    await trainer.locator("#field-workshopPlace").fill("Beograd");
    await trainer.getByRole("button", { name: t("en", "groups.new.submit") }).click();
    await trainer.waitForURL((url) => /^\/trainer\/groups\/\d+$/.test(url.pathname));
    await waitForHeading(trainer, groupName);
    const groupPath = new URL(trainer.url()).pathname;

    // Five learners from a CSV with Cyrillic names.
    const emails = NAMES.map((_, i) => uniqueEmail(`journey-${i}`));
    const csv = ["name,email,institution type,language", ...NAMES.map((name, i) => `${name},${emails[i]},${["police", "prosecution", "court", "social-care", "civil-society"][i]},sr-Cyrl`)].join(
      "\r\n",
    );
    await open(trainer, `${groupPath}/import`);
    await trainer.locator("#field-file").setInputFiles({ name: "ucesnici.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${csv}`) });
    await trainer.getByRole("button", { name: t("en", "groups.import.preview") }).click();
    await trainer.getByRole("heading", { level: 2, name: t("en", "groups.import.previewTitle") }).waitFor();
    await trainer.getByRole("button", { name: t("en", "groups.import.confirm_other", { count: 5 }) }).click();
    await trainer.getByRole("link", { name: t("en", "groups.import.toMembers") }).click();
    for (const name of NAMES) await trainer.getByRole("rowheader", { name, exact: true }).waitFor();

    // Two modules due in a week.
    await open(trainer, `${groupPath}/assignments`);
    await trainer.getByRole("radio", { name: t("en", "groups.assignments.scopeModules") }).check();
    const boxes = await trainer.locator('input[name="modules"][value^="fixture-course/"]').all();
    expect(boxes).toHaveLength(2);
    for (const box of boxes) await box.check();
    await trainer.locator("#field-due").fill(new Date(Date.now() + 7 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10));
    await trainer.getByRole("button", { name: t("en", "groups.assignments.create") }).click();
    await trainer
      .getByRole("link", { name: t("en", "groups.assignments.adjust") })
      .first()
      .waitFor();

    // The first learner sets a password from the invitation that reached the SMTP server.
    const invitation = await waitForMail(emails[0], (mail) => linksIn(mail).some((url) => new URL(url).pathname.startsWith("/reset-password/")));
    const learner = await learnerContext.newPage();
    await open(learner, linkPath(invitation, "/reset-password/"));
    await learner.locator("#field-newPassword").fill("a password of my own");
    await learner.locator("#field-confirmPassword").fill("a password of my own");
    // Not signed in yet, the page is in the browser's language; signed in, in the learner's own (from the CSV).
    await learner.getByRole("button", { name: t(await pageLanguage(learner), "mail.reset.submit") }).click();
    await learner.waitForURL((url) => url.pathname === "/my-learning");
    await open(learner, "/my-learning");
    const language = await pageLanguage(learner);
    expect(language).toBe("sr-Cyrl");
    await learner.getByRole("heading", { level: 2, name: t(language, "groups.assigned.title") }).waitFor();

    // ... and completes the first lesson.
    await open(learner, "/courses/fixture-course/basics/first-lesson");
    await learner.getByRole("button", { name: t(language, "lesson.markComplete"), exact: true }).click();
    // Marking a lesson complete moves on to the next one.
    await learner.waitForURL((url) => url.pathname === "/courses/fixture-course/basics/second-lesson");

    // The trainer's grid shows it.
    await open(trainer, `${groupPath}/progress`);
    await waitForHeading(trainer, t("en", "progress.grid.title", { group: groupName }));
    expect(await trainer.getByRole("rowheader").count()).toBe(5);
    const row = trainer.locator("tbody tr", { has: trainer.getByRole("rowheader", { name: NAMES[0], exact: true }) });
    const started = row.locator("td.in-progress");
    expect(await started.count()).toBe(1);
    expect(await started.textContent()).toContain(t("en", "progress.cell.lessons", { done: 1, total: 3 }));
    expect(await trainer.locator(".progress-grid td.in-progress").count()).toBe(1);

    // ... and so does the XLSX it downloads.
    const downloading = trainer.waitForEvent("download");
    await trainer.getByRole("link", { name: "Excel (XLSX)" }).click();
    const download = await downloading;
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Belgrade" }).format(Date.now());
    expect(download.suggestedFilename()).toBe(`${groupName} progress ${day}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    const names: unknown[] = [];
    let lessonsDone: unknown = null;
    sheet.eachRow((r, number) => {
      if (number === 1) return;
      names.push(r.getCell(1).value);
      if (r.getCell(1).value === NAMES[0]) lessonsDone = r.getCell(header.indexOf("Basics: lessons done") + 1).value;
    });
    expect(names.sort()).toEqual([...NAMES].sort());
    expect(lessonsDone).toBe(1);
  } finally {
    await trainerContext.close();
    await learnerContext.close();
  }
});
