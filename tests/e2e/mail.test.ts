/**
 * Email end to end: the built server sends through the loopback SMTP server of the global setup;
 * the links in what arrives are followed in Chromium. The new pages pass axe in every language.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectNoAxeViolations, LANGUAGES, launchBrowser, logIn, newContext, open, pageLanguage, registerLearner, switchLanguage, t, uniqueEmail, waitForHeading } from "./browser";
import { linkPath, waitForMail } from "./mailbox";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe.each(LANGUAGES)("in %s", (language) => {
  test("registration sends a confirmation link; the forgotten password is reset from the emailed link", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    try {
      const { email } = await registerLearner(page, { email: uniqueEmail(`mail-${language}`), language });
      // The account page offers to send the link again while the address is unconfirmed.
      await open(page, "/account");
      await waitForHeading(page, t(language, "account.title"));
      await page.getByText(t(language, "mail.account.emailUnverified")).waitFor();
      await expectNoAxeViolations(page, `/account, address unconfirmed (${language})`);

      const confirmation = await waitForMail(email, (mail) => mail.subject === t(language, "mail.verification.subject"));
      expect(confirmation.language).toBe(language);
      await open(page, linkPath(confirmation, "/verify-email/"));
      await page.getByText(t(language, "mail.verify.done", { email })).waitFor();
      await expectNoAxeViolations(page, `/verify-email (${language})`);
      await open(page, "/account");
      await page.getByText(t(language, "mail.account.emailVerified")).waitFor();

      // Signed out, the password is forgotten.
      await page.getByRole("button", { name: t(language, "nav.logout") }).click();
      // Signed out, the page is in the language of the browser or the switcher's cookie.
      await page.locator('header a[href="/login"]').waitFor();
      await open(page, "/login");
      const shown = await pageLanguage(page);
      if (shown !== language) await switchLanguage(page, shown, language);
      await page.getByRole("link", { name: t(language, "login.forgot") }).click();
      await waitForHeading(page, t(language, "mail.forgot.title"));
      await expectNoAxeViolations(page, `/forgot-password (${language})`);
      await page.locator("#field-email").fill(email);
      await page.getByRole("button", { name: t(language, "mail.forgot.submit") }).click();
      await page.getByText(t(language, "mail.forgot.sent")).waitFor();
      await expectNoAxeViolations(page, `/forgot-password, sent (${language})`);

      const reset = await waitForMail(email, (mail) => mail.subject === t(language, "mail.passwordReset.subject"));
      await open(page, linkPath(reset, "/reset-password/"));
      await waitForHeading(page, t(language, "mail.reset.title"));
      await expectNoAxeViolations(page, `/reset-password (${language})`);
      await page.locator("#field-newPassword").fill("a brand new password");
      await page.locator("#field-confirmPassword").fill("a different one");
      await page.getByRole("button", { name: t(language, "mail.reset.submit") }).click();
      await page.locator("#field-confirmPassword-error").waitFor();
      await expectNoAxeViolations(page, `/reset-password with errors (${language})`);
      await page.locator("#field-newPassword").fill("a brand new password");
      await page.locator("#field-confirmPassword").fill("a brand new password");
      await page.getByRole("button", { name: t(language, "mail.reset.submit") }).click();
      await page.waitForURL((url) => url.pathname === "/my-learning");

      // The link is used up; the new password works.
      await open(page, linkPath(reset, "/reset-password/"));
      await page.getByText(t(language, "mail.reset.invalid")).waitFor();
      await expectNoAxeViolations(page, `/reset-password, used link (${language})`);
      const fresh = await newContext(browser);
      try {
        const again = await fresh.newPage();
        await logIn(again, email, "a brand new password");
      } finally {
        await fresh.close();
      }
    } finally {
      await context.close();
    }
  });

  test("the admin reads the outbox and a message", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    try {
      await logIn(page, "admin@trag.test", "admin-demo-2026");
      if (language !== "en") await switchLanguage(page, "en", language);
      await page.getByRole("link", { name: t(language, "nav.outbox") }).click();
      await waitForHeading(page, t(language, "mail.outbox.title"));
      await expectNoAxeViolations(page, `/admin/outbox (${language})`);
      await page.locator("tbody th a").first().click();
      await page.getByRole("link", { name: t(language, "mail.outbox.back") }).waitFor();
      await expectNoAxeViolations(page, `/admin/outbox/:id (${language})`);
      // The switcher saved the language in the demo admin's profile: back to English for other tests.
      if (language !== "en") await switchLanguage(page, language, "en");
    } finally {
      await context.close();
    }
  });
});

describe("without JavaScript", () => {
  test("the reminder setting is saved and a reset link requested with plain form posts; the link sets a new password", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      const { email } = await registerLearner(page, { email: uniqueEmail("mail-nojs"), hydrate: false });
      await open(page, "/account", { hydrate: false });
      await page.locator("#field-reminders").uncheck();
      await page.getByRole("button", { name: t("en", "mail.account.remindersSave") }).click();
      await page.getByText(t("en", "mail.account.remindersSaved")).waitFor();
      expect(await page.locator("#field-reminders").isChecked()).toBe(false);

      const fresh = await newContext(browser, { javaScriptEnabled: false });
      try {
        const anonymous = await fresh.newPage();
        await open(anonymous, "/forgot-password", { hydrate: false });
        await anonymous.locator("#field-email").fill(email);
        await anonymous.getByRole("button", { name: t("en", "mail.forgot.submit") }).click();
        await anonymous.getByText(t("en", "mail.forgot.sent")).waitFor();
        const reset = await waitForMail(email, (mail) => mail.subject === t("en", "mail.passwordReset.subject"));
        await open(anonymous, linkPath(reset, "/reset-password/"), { hydrate: false });
        await waitForHeading(anonymous, t("en", "mail.reset.title"));
        await anonymous.locator("#field-newPassword").fill("a new password without scripts");
        await anonymous.locator("#field-confirmPassword").fill("a new password without scripts");
        await anonymous.getByRole("button", { name: t("en", "mail.reset.submit") }).click();
        await anonymous.waitForURL((url) => url.pathname === "/my-learning");
      } finally {
        await fresh.close();
      }
    } finally {
      await context.close();
    }
  });
});
