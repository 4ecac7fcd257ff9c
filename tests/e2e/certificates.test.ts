import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { CERTIFICATE_TERMS } from "~/certificates/terms";
import { loadCourses } from "~/content/loader.server";
import type { Course, Module } from "~/content/loader.server";
import { baseURL, expectNoAxeViolations, launchBrowser, logIn, newContext, open, registerLearner, t, uniqueEmail, waitForHeading } from "./browser";

// A learner completes the fixture course through the real pages (lessons and both quizzes),
// downloads the PDF, and the verification link printed on it is opened by someone who is not
// logged in: valid. After an admin revokes the certificate, the same page says revoked.

let browser: Browser;
let course: Course;

beforeAll(async () => {
  browser = await launchBrowser();
  const loaded = loadCourses(inject("coursesDir"));
  course = loaded.courses.find((c) => c.id === "fixture-course")!;
  expect(course, "the fixture course").toBeDefined();
});

afterAll(async () => {
  await browser?.close();
});

/** Answers the question on the page correctly, reading the answer key from the fixture bank. */
async function answerCorrectly(page: Page, module: Module) {
  const prompt = (await page.locator("#question-prompt").textContent())?.trim();
  const question = module.bank!.questions.find((q) => q.prompt.en === prompt);
  if (!question) throw new Error(`no question "${prompt}" in ${module.id}`);
  const form = page.locator("form").filter({ has: page.locator('input[name="questionId"]') });
  switch (question.type) {
    case "single":
    case "multiple":
      for (const option of question.options.filter((o) => o.correct)) await form.getByLabel(option.text.en, { exact: true }).check();
      break;
    case "truefalse":
      await form.getByLabel(t("en", question.answer ? "quiz.true" : "quiz.false"), { exact: true }).check();
      break;
    case "matching":
      for (const pair of question.pairs) await form.getByLabel(pair.left.en, { exact: true }).selectOption({ label: pair.right.en });
      break;
    case "ordering":
      for (const [index, item] of question.items.entries()) await form.getByLabel(item.text.en, { exact: true }).selectOption({ label: t("en", "quiz.position", { position: index + 1 }) });
      break;
  }
  await form.getByRole("button", { name: t("en", module.quizSettings.mode === "immediate" ? "quiz.attempt.check" : "quiz.attempt.save") }).click();
}

/** Takes a module's quiz from its overview page to the finished attempt, every answer right. */
async function passQuiz(page: Page, module: Module) {
  await open(page, `/courses/${course.id}/${module.id}/quiz`);
  await page.getByRole("button", { name: t("en", "quiz.overview.start") }).click();
  await page.waitForURL((url) => /\/quiz\/\d+$/.test(url.pathname));
  for (;;) {
    await page.locator("#question-heading, #summary-heading").first().waitFor();
    if ((await page.locator("#summary-heading").count()) > 0) break;
    const heading = await page.locator("#question-heading").textContent();
    await answerCorrectly(page, module);
    if (module.quizSettings.mode === "immediate") {
      // The answer is checked and locked; then move on.
      await page.locator('button[name="intent"][value="check"]').waitFor({ state: "detached" });
      await page.locator('button[name="intent"][value="next"]').click();
    }
    await page.waitForFunction((previous) => document.querySelector("#summary-heading") !== null || document.querySelector("#question-heading")?.textContent !== previous, heading);
  }
  await page.getByRole("button", { name: t("en", "quiz.summary.finish") }).click();
  await page.waitForURL((url) => url.pathname.endsWith("/review"));
}

async function pdfText(file: string) {
  const document = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(file)), verbosity: 0, isEvalSupported: false }).promise;
  const content = await (await document.getPage(1)).getTextContent();
  return content.items.map((item) => ("str" in item ? item.str : "")).join("\n");
}

test("complete the course → download the PDF → its link verifies as valid without logging in → revoked after an admin revokes it", async () => {
  const learnerPage = await (await newContext(browser, { acceptDownloads: true })).newPage();
  const learner = await registerLearner(learnerPage, { fullName: "Milica Đurić", email: uniqueEmail("certificate") });

  // Every lesson, then both quizzes: finishing the last quiz completes the course.
  for (const module of course.modules) {
    for (const lesson of module.lessons) {
      await open(learnerPage, `/courses/${course.id}/${module.id}/${lesson.id}`);
      await learnerPage.getByRole("button", { name: t("en", "lesson.markComplete") }).click();
      await learnerPage.waitForURL((url) => !url.pathname.endsWith(`/${lesson.id}`));
    }
  }
  for (const module of course.modules) await passQuiz(learnerPage, module);

  // My learning lists the certificate; download the PDF.
  await open(learnerPage, "/my-learning");
  await learnerPage.getByRole("heading", { level: 2, name: t("en", "certificates.dashboard.title") }).waitFor();
  const card = learnerPage.locator("li[data-certificate]");
  expect(await card.count()).toBe(1);
  await expectNoAxeViolations(learnerPage, "My learning with a certificate");
  const code = (await card.getAttribute("data-certificate"))!;
  expect(code).toMatch(/^([23456789A-HJKMNP-TV-Z]{4}-){4}[23456789A-HJKMNP-TV-Z]{4}$/);
  const [download] = await Promise.all([
    learnerPage.waitForEvent("download"),
    learnerPage.getByRole("link", { name: t("en", "certificates.dashboard.downloadPdfFor", { title: "Fixture course" }) }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`trag-certificate-${code}.pdf`);
  const pdfFile = path.join(fs.mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", "trag-e2e-pdf-")), "certificate.pdf");
  await download.saveAs(pdfFile);
  expect(fs.readFileSync(pdfFile).subarray(0, 5).toString()).toBe("%PDF-");
  expect(fs.statSync(pdfFile).size).toBeLessThan(200 * 1024);
  const text = await pdfText(pdfFile);
  expect(text).toContain("Milica Đurić");
  expect(text).toContain("Fixture course");
  const link = text.match(/https?:\/\/\S+\/verify\/[A-Z0-9-]{24}/)?.[0];
  expect(link).toBe(`${baseURL()}/verify/${code}`);

  // Also the signed credential, to paste on the verification page below.
  const [credentialDownload] = await Promise.all([
    learnerPage.waitForEvent("download"),
    learnerPage.getByRole("link", { name: t("en", "certificates.dashboard.downloadCredentialFor", { title: "Fixture course" }) }).click(),
  ]);
  const credential = fs.readFileSync((await credentialDownload.path())!, "utf8");
  expect(JSON.parse(credential).id).toBe(link);

  // Someone else, not logged in, opens the link from the PDF: valid.
  const visitorContext = await newContext(browser);
  const visitor = await visitorContext.newPage();
  await visitor.goto(link!);
  await waitForHeading(visitor, t("en", "certificates.result.title", { code }));
  expect(await visitor.locator("[data-status]").getAttribute("data-status")).toBe("valid");
  expect(await visitor.locator("[data-status]").textContent()).toContain(t("en", "certificates.result.validLead"));
  const facts = await visitor.locator("main dl").textContent();
  for (const expected of ["Milica Đurić", "Fixture course", "100%"]) expect(facts).toContain(expected);
  expect(await visitor.getByRole("link", { name: t("en", "nav.logout") }).count()).toBe(0);
  await expectNoAxeViolations(visitor, "the verification page");

  // The pasted credential passes every check.
  await open(visitor, "/verify");
  await visitor.getByLabel(t("en", "certificates.verify.credentialText")).fill(credential);
  await visitor.getByLabel(t("en", "certificates.verify.emailLabel")).fill(learner.email);
  await visitor.getByRole("button", { name: t("en", "certificates.verify.credentialSubmit") }).click();
  await visitor.locator("[data-verdict]").waitFor();
  expect(await visitor.locator("[data-verdict]").getAttribute("data-verdict")).toBe("verified");
  expect(await visitor.locator('tr[data-check="recipient.identity"]').getAttribute("data-outcome")).toBe("pass");
  expect(await visitor.locator('tr[data-check="proof.signature"] td').nth(1).textContent()).toBe(t("en", "certificates.report.checks.proof.signature.pass", CERTIFICATE_TERMS));
  await expectNoAxeViolations(visitor, "the credential report");

  // The same credential with another name: not valid, and the page says what differs from the
  // record it names; the link to that record does not read as a confirmation.
  const tampered = JSON.parse(credential);
  const nameIdentity = tampered.credentialSubject.identifier.find((identity: { identityType: string }) => identity.identityType === "name");
  nameIdentity.identityHash = "Marko Marković";
  await open(visitor, "/verify");
  await visitor.getByLabel(t("en", "certificates.verify.credentialText")).fill(JSON.stringify(tampered));
  await visitor.getByRole("button", { name: t("en", "certificates.verify.credentialSubmit") }).click();
  await visitor.locator("[data-verdict]").waitFor();
  expect(await visitor.locator("[data-verdict]").getAttribute("data-verdict")).toBe("notVerified");
  expect(await visitor.getByRole("status", { name: t("en", "certificates.report.verdictLabel") }).textContent()).toContain(t("en", "certificates.report.record.altered", { code }));
  expect(await visitor.locator("[data-checked]").textContent()).toBe(t("en", "certificates.report.checked.text"));
  const nameRow = visitor.getByRole("table", { name: t("en", "certificates.report.differences.caption", { code }) }).locator('tr[data-field="name"]');
  expect(await nameRow.locator("th, td").allTextContents()).toEqual([t("en", "certificates.report.differences.fields.name"), "Marko Marković", "Milica Đurić"]);
  expect(await visitor.getByRole("link", { name: t("en", "certificates.report.openRecordNotThis", { code }) }).count()).toBe(1);
  expect(await visitor.getByRole("link", { name: t("en", "certificates.report.openRecord") }).count()).toBe(0);
  await expectNoAxeViolations(visitor, "the report on a tampered credential");

  // A file and pasted text at once: one at a time, nothing checked.
  await open(visitor, "/verify");
  await visitor.getByLabel(t("en", "certificates.verify.credentialFile")).setInputFiles({ name: "credential.json", mimeType: "application/json", buffer: Buffer.from(credential) });
  await visitor.getByLabel(t("en", "certificates.verify.credentialText")).fill(JSON.stringify(tampered));
  await visitor.getByRole("button", { name: t("en", "certificates.verify.credentialSubmit") }).click();
  await visitor.getByText(t("en", "certificates.verify.credentialBoth")).first().waitFor();
  expect(await visitor.locator("[data-verdict]").count()).toBe(0);
  // The file alone: the report says the file was checked.
  await visitor.getByLabel(t("en", "certificates.verify.credentialText")).fill("");
  await visitor.getByLabel(t("en", "certificates.verify.credentialFile")).setInputFiles({ name: "credential.json", mimeType: "application/json", buffer: Buffer.from(credential) });
  await visitor.getByRole("button", { name: t("en", "certificates.verify.credentialSubmit") }).click();
  await visitor.locator("[data-verdict]").waitFor();
  expect(await visitor.locator("[data-verdict]").getAttribute("data-verdict")).toBe("verified");
  expect(await visitor.locator("[data-checked]").textContent()).toBe(t("en", "certificates.report.checked.file", { name: "credential.json" }));

  // An admin revokes it.
  const adminPage = await (await newContext(browser)).newPage();
  await logIn(adminPage, "admin@trag.test", "admin-demo-2026");
  await adminPage
    .getByRole("navigation", { name: t("en", "nav.main") })
    .getByRole("link", { name: t("en", "nav.certificates") })
    .click();
  await waitForHeading(adminPage, t("en", "certificates.admin.title"));
  await adminPage.getByLabel(t("en", "certificates.admin.search")).fill(code);
  await adminPage
    .getByRole("main")
    .getByRole("button", { name: t("en", "certificates.admin.searchButton") })
    .click();
  await adminPage.waitForURL((url) => url.searchParams.get("q") === code);
  const row = adminPage.locator(`li[data-code="${code}"]`);
  await row.getByLabel(t("en", "certificates.admin.reason"), { exact: true }).fill("Issued in error");
  await row.getByRole("button", { name: t("en", "certificates.admin.revokeCode", { code }) }).click();
  await adminPage.getByText(t("en", "certificates.admin.revoked", { code })).waitFor();
  await expectNoAxeViolations(adminPage, "the certificates admin page");

  // The same link now says revoked, with the date and the reason.
  await visitor.goto(link!);
  await waitForHeading(visitor, t("en", "certificates.result.title", { code }));
  expect(await visitor.locator("[data-status]").getAttribute("data-status")).toBe("revoked");
  const status = await visitor.locator("[data-status]").textContent();
  expect(status).toContain(t("en", "certificates.result.revokedLead"));
  expect(status).toContain("Issued in error");
  expect(await visitor.locator("table").first().textContent()).toContain(t("en", "certificates.result.event.revoked"));

  // An unknown code says so, with a 404.
  const response = await visitor.goto("/verify/2222-2222-2222-2222-2222");
  expect(response?.status()).toBe(404);
  await waitForHeading(visitor, t("en", "certificates.errors.unknownTitle"));
});
