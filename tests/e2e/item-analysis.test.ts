/**
 * The item analysis in Chromium, for a reviewer (/statistics/items, narrowed to one group) and for
 * that group's trainer (/trainer/groups/:id/items): figures and "<5" cells in each of the three
 * languages, axe on each, and the questions table downloaded as CSV and XLSX and opened back.
 * One signed-in context per role; the language changes through the header's switcher.
 */
import path from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import type { Language } from "~/content/languages";
import { SUPPRESSED } from "~/statistics/suppression";
import { openDatabase } from "~/utils/db.server";
import { expectNoAxeViolations, LANGUAGES, launchBrowser, logIn, newContext, open, pageLanguage, switchLanguage, t, uniqueEmail, waitForHeading } from "./browser";

const GROUP = "Radionica Kragujevac";
/** The five questions every fixture attempt draws (all single choice: a is right, b is wrong). */
const DRAWN = ["m1-single-1", "m1-single-2", "m1-single-3", "m1-single-4", "m1-single-5"];
/**
 * Learners per attempt language, all in the group: sr-Cyrl (3) is hidden as "<5", and with it the
 * next smallest language, sr-Latn (6); English (7) and all languages (16) are shown.
 */
const LEARNERS: Record<Language, number> = { en: 7, "sr-Latn": 6, "sr-Cyrl": 3 };

let browser: Browser;
let groupId: number;

/**
 * The demo trainer's group and its learners' finished attempts at the basics quiz, written into the
 * server's database: an attempt is inserted in progress and then finished, so the triggers count it
 * as the quiz pages' finish does (openDatabase registers the SQL functions the triggers call).
 */
beforeAll(async () => {
  browser = await launchBrowser();
  const db = openDatabase(path.join(inject("dataDir"), "trag.sqlite")).$client;
  try {
    const now = Date.now();
    const id = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { id: number }).id;
    const trainerId = id("SELECT id FROM users WHERE email = 'trainer@trag.test'");
    db.transaction(() => {
      groupId = id("INSERT INTO groups (name, join_code, created_by) VALUES (?, ?, ?) RETURNING id", GROUP, `ITEMS${now}`, trainerId);
      db.prepare("INSERT INTO group_trainers (group_id, user_id, added_at) VALUES (?, ?, ?)").run(groupId, trainerId, now);
      let n = 0;
      for (const language of LANGUAGES) {
        for (let i = 0; i < LEARNERS[language]; i++, n++) {
          const userId = id(
            "INSERT INTO users (email, full_name, password_hash, role, institution_type, language, created_at) VALUES (?, ?, 'x', 'learner', 'court', ?, ?) RETURNING id",
            uniqueEmail("items"),
            `Item learner ${n}`,
            language,
            now,
          );
          db.prepare("INSERT INTO group_members (group_id, user_id, joined_at) VALUES (?, ?, ?)").run(groupId, userId, now);
          const attemptId = id(
            `INSERT INTO quiz_attempts (user_id, course_id, module_id, number, content_version, seed, question_ids, option_order, started_at, snapshot, language)
             VALUES (?, 'fixture-course', 'basics', 1, 'e2e', 1, ?, '{}', ?, '{}', ?) RETURNING id`,
            userId,
            JSON.stringify(DRAWN),
            now,
            language,
          );
          // Learner n answers question q right unless (n + q) is a multiple of 3: scores vary, so every figure has something to show.
          const right = DRAWN.map((_, q) => (n + q) % 3 !== 0);
          DRAWN.forEach((questionId, q) =>
            db
              .prepare("INSERT INTO quiz_answers (attempt_id, question_id, response, score, answered_at) VALUES (?, ?, ?, ?, ?)")
              .run(attemptId, questionId, JSON.stringify({ type: "single", optionId: right[q] ? "a" : "b" }), right[q] ? 1 : 0, now),
          );
          const score = (100 * right.filter(Boolean).length) / DRAWN.length;
          db.prepare("UPDATE quiz_attempts SET status = ?, finished_at = ?, score_percent = ? WHERE id = ?").run(score >= 60 ? "passed" : "failed", now, score, attemptId);
        }
      }
    })();
  } finally {
    db.close();
  }
});

afterAll(async () => {
  await browser?.close();
});

/** The figures of the questions table, as the page shows them. */
async function questionCells(page: Page): Promise<string[]> {
  return page.locator('table[aria-labelledby="items-questions"] td').allTextContents();
}

/** Signs in, then in each language: the page's heading, its figures and "<5" cells, and axe. Resolves on the page in sr-Cyrl. */
async function visitInEveryLanguage(page: Page, account: { email: string; password: string }, url: string, heading: (language: Language) => string) {
  await open(page, "/login");
  await logIn(page, account.email, account.password, { language: await pageLanguage(page) });
  await open(page, url);
  let current = await pageLanguage(page);
  for (const language of LANGUAGES) {
    if (current !== language) await switchLanguage(page, current, language);
    current = language;
    await waitForHeading(page, heading(language));
    const cells = await questionCells(page);
    // Five drawn questions of fifteen: each of the five has seven English attempts; the other ten none.
    expect(cells.filter((cell) => cell === "7")).toHaveLength(DRAWN.length);
    expect(cells).toContain(SUPPRESSED);
    await expectNoAxeViolations(page, `${url} (${language})`);
  }
}

test("a reviewer sees a group's item analysis in three languages, axe-clean, and downloads the questions as CSV and XLSX", async () => {
  const context = await newContext(browser, { acceptDownloads: true });
  const page = await context.newPage();
  try {
    await visitInEveryLanguage(page, { email: "reviewer@trag.test", password: "reviewer-demo-2026" }, `/statistics/items?course=fixture-course&module=basics&group=${groupId}`, (language) =>
      t(language, "statistics.items.titleForGroup", { group: GROUP }),
    );

    const table = t("sr-Cyrl", "statistics.items.tables.questions");
    const save = async (format: "csv" | "xlsx") => {
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: t("sr-Cyrl", "statistics.downloadTable", { table, format: t("sr-Cyrl", `statistics.${format}`) }), exact: true }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`trag-items-questions-basics-group-${groupId}.${format}`);
      const stream = await download.createReadStream();
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    };

    // Columns: the question, then attempts, facility and discrimination for English, Latin, Cyrillic and all languages, then flags.
    const csv = await save("csv");
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(csv.toString("utf8"), { bom: true }) as string[][];
    expect(rows[0][0]).toBe(t("sr-Cyrl", "statistics.items.columns.question"));
    const drawnRows = rows.slice(1).filter((row) => row[1] !== "0");
    expect(drawnRows).toHaveLength(DRAWN.length);
    for (const row of drawnRows) expect([row[1], row[4], row[7], row[10]]).toEqual(["7", SUPPRESSED, SUPPRESSED, "16"]);

    const xlsx = await save("xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength) as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getCell("A1").value).toBe(t("sr-Cyrl", "statistics.items.columns.question"));
    // Figures are number cells; hidden ones the text "<5".
    expect(sheet.getColumn(2).values.filter((value) => value === 7)).toHaveLength(DRAWN.length);
    expect(sheet.getColumn(8).values).toContain(SUPPRESSED);
    expect(sheet.getColumn(11).values.filter((value) => value === 16)).toHaveLength(DRAWN.length);
  } finally {
    await context.close();
  }
});

test("the group's trainer sees its item analysis in three languages, axe-clean", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  try {
    await visitInEveryLanguage(page, { email: "trainer@trag.test", password: "trainer-demo-2026" }, `/trainer/groups/${groupId}/items?course=fixture-course&module=basics`, (language) =>
      t(language, "statistics.items.titleForGroup", { group: GROUP }),
    );
  } finally {
    await context.close();
  }
});
