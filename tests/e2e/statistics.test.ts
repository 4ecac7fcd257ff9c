/**
 * The reviewers' statistics in Chromium: filtering by institution type and district in Cyrillic,
 * the chart beside its table, the CSV and XLSX downloads opened back; axe on every statistics
 * page in the three languages.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Language } from "~/content/languages";
import { expectNoAxeViolations, LANGUAGES, launchBrowser, logIn, newContext, open, pageLanguage, switchLanguage, t, waitForHeading } from "./browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** The demo reviewer, signed in, on the dashboard in `language` (the choice is kept in their profile). */
async function reviewerPage(language: Language): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, { acceptDownloads: true });
  const page = await context.newPage();
  await open(page, "/login");
  const before = await pageLanguage(page);
  await logIn(page, "reviewer@trag.test", "reviewer-demo-2026", { language: before });
  await open(page, "/statistics");
  const current = await pageLanguage(page);
  if (current !== language) await switchLanguage(page, current, language);
  return { context, page };
}

test("a reviewer filters by institution type and district in Cyrillic, sees the chart and its table, and downloads the CSV and XLSX", async () => {
  const { context, page } = await reviewerPage("sr-Cyrl");
  try {
    await waitForHeading(page, t("sr-Cyrl", "statistics.title"));
    // The navigation links reviewers here.
    expect(await page.getByRole("link", { name: t("sr-Cyrl", "nav.statistics"), exact: true }).count()).toBe(1);

    await page.getByRole("combobox", { name: t("sr-Cyrl", "statistics.filters.institution"), exact: true }).selectOption({ label: t("sr-Cyrl", "institutions.court") });
    await page.getByRole("combobox", { name: t("sr-Cyrl", "statistics.filters.district"), exact: true }).selectOption({ label: t("sr-Cyrl", "profile.districts.belgrade") });
    await page.getByRole("button", { name: t("sr-Cyrl", "statistics.filters.apply"), exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("institution") === "court" && url.searchParams.get("district") === "belgrade");
    await waitForHeading(page, t("sr-Cyrl", "statistics.title"));

    // The monthly chart (an SVG image with its title) and, beside it, its table.
    const chart = page.getByRole("img", { name: t("sr-Cyrl", "statistics.charts.trend") });
    expect(await chart.count()).toBe(1);
    const monthTable = page.getByRole("table", { name: t("sr-Cyrl", "statistics.tables.month") });
    expect(await monthTable.getByRole("columnheader", { name: t("sr-Cyrl", "statistics.rowHeader.month"), exact: true }).count()).toBe(1);
    expect(await monthTable.getByRole("row").count()).toBeGreaterThan(12);
    expect(await page.locator("html").getAttribute("lang")).toBe("sr-Cyrl");

    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "trag-e2e-statistics-"));
    const table = t("sr-Cyrl", "statistics.tables.institution");
    const save = async (format: "csv" | "xlsx") => {
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: t("sr-Cyrl", "statistics.downloadTable", { table, format: t("sr-Cyrl", `statistics.${format}`) }) }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^trag-statistics-institution-\\d{4}-\\d{2}-\\d{4}-\\d{2}\\.${format}$`));
      const file = path.join(folder, download.suggestedFilename());
      await download.saveAs(file);
      return fs.readFileSync(file);
    };

    const csv = await save("csv");
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(csv.toString("utf8"), { bom: true }) as string[][];
    expect(rows[0][0]).toBe(t("sr-Cyrl", "statistics.rowHeader.institution"));
    expect(rows.map((row) => row[0])).toContain(t("sr-Cyrl", "institutions.court"));
    expect(rows.at(-1)![0]).toBe(t("sr-Cyrl", "statistics.total"));

    const workbook = new ExcelJS.Workbook();
    const xlsx = await save("xlsx");
    await workbook.xlsx.load(xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength) as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getCell("A1").value).toBe(t("sr-Cyrl", "statistics.rowHeader.institution"));
    expect(sheet.getColumn(1).values).toContain(t("sr-Cyrl", "institutions.court"));
    expect(workbook.worksheets[1].getColumn(2).values).toContain(t("sr-Cyrl", "institutions.court"));
  } finally {
    await context.close();
  }
});

describe.each(LANGUAGES)("axe-core finds no violations on the statistics pages in %s", (language) => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await reviewerPage(language));
  });

  afterAll(async () => {
    await context?.close();
  });

  test("the dashboard", async () => {
    await open(page, "/statistics?institution=police");
    await waitForHeading(page, t(language, "statistics.title"));
    await expectNoAxeViolations(page, `/statistics (${language})`);
  });

  test("the breakdown by group", async () => {
    await open(page, "/statistics/groups");
    await waitForHeading(page, t(language, "statistics.tables.group"));
    await expectNoAxeViolations(page, `/statistics/groups (${language})`);
  });
});
