/**
 * The statistics dashboard on a small fixed dataset whose figures were worked out by hand:
 * counts, rates, medians, Belgrade month boundaries, small-cell protection; and who may see it.
 */
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { enrolments, groupMembers, groups, lessonProgress, moduleCompletions, quizAttempts, users } from "#db/schema";
import { rebuildLearnerStatistics } from "~/models/learner-statistics.server";
import * as statistics from "~/routes/statistics._index";
import * as statisticsExport from "~/routes/statistics.export";
import * as statisticsGroups from "~/routes/statistics.groups";
import * as statisticsPdf from "~/routes/statistics.summary[.pdf]";
import { getDb, inTransaction } from "~/utils/db.server";
import { createTestUser, signedIn } from "../helpers/auth";
import { callLoader, get, type CookieJar } from "../helpers/http";
import { fixtureCourse } from "../helpers/quiz";

const COURSE = "fixture-course";
const at = (iso: string) => new Date(iso);
const PERIOD = "from=2026-01&to=2026-03";

type Learner = { key: string; institutionType: "police" | "prosecution" | "court"; district: string | null; language: "en" | "sr-Latn" | "sr-Cyrl"; createdAt: Date };

/**
 * 17 learners: A1–A6 police, Belgrade, English; B1–B4 court, Nišava, Serbian Latin (registered,
 * nothing else); C1–C7 prosecution, no district, Serbian Cyrillic. A1 registered at 00:30 on
 * 1 February Belgrade time (23:30 UTC on 31 January): a February registration.
 */
const LEARNERS: Learner[] = [
  ...[1, 2, 3, 4, 5, 6].map((n) => ({
    key: `A${n}`,
    institutionType: "police" as const,
    district: "belgrade",
    language: "en" as const,
    createdAt: at(n === 1 ? "2026-01-31T23:30:00Z" : "2026-01-10T10:00:00Z"),
  })),
  ...[1, 2, 3, 4].map((n) => ({ key: `B${n}`, institutionType: "court" as const, district: "nisava", language: "sr-Latn" as const, createdAt: at("2026-01-12T10:00:00Z") })),
  ...[1, 2, 3, 4, 5, 6, 7].map((n) => ({ key: `C${n}`, institutionType: "prosecution" as const, district: null, language: "sr-Cyrl" as const, createdAt: at("2026-01-14T10:00:00Z") })),
];

/** First attempts at the basics quiz (all ended in February), retakes, and who completed the module how many minutes after starting it. */
const FIRST = { A1: 80, A2: 60, A3: 100, A4: 40, A5: 90, A6: 70, C1: 50, C2: 75, C3: 85, C4: 65 } as Record<string, number>;
const RETAKE = { A2: 75, A4: 65, C1: 90 } as Record<string, number>;
const COMPLETED_AFTER_MINUTES = { A1: 30, A3: 90, A5: 45, C2: 120, C3: 60 } as Record<string, number>;

const ids = new Map<string, number>();
let reviewer: CookieJar;
let groupId: number;

beforeAll(async () => {
  const db = getDb();
  for (const learner of LEARNERS) {
    const { id } = db
      .insert(users)
      .values({
        email: `${learner.key}@stats.test`,
        fullName: learner.key,
        passwordHash: "x",
        institutionType: learner.institutionType,
        district: learner.district,
        language: learner.language,
        createdAt: learner.createdAt,
      })
      .returning({ id: users.id })
      .get();
    ids.set(learner.key, id);
  }
  const course = fixtureCourse();
  const firstLesson = course.modules[0].lessons[0].id;
  const start = at("2026-02-02T09:00:00Z").getTime();
  for (const [key, score] of Object.entries(FIRST)) {
    const userId = ids.get(key)!;
    db.insert(enrolments)
      .values({ userId, courseId: COURSE, startedAt: new Date(start), lastLessonId: firstLesson, lastVisitedAt: new Date(start) })
      .run();
    db.insert(lessonProgress)
      .values({ userId, courseId: COURSE, lessonId: firstLesson, completedAt: new Date(start) })
      .run();
    const attempt = (number: number, value: number, finishedAt: number) =>
      db
        .insert(quizAttempts)
        .values({
          userId,
          courseId: COURSE,
          moduleId: "basics",
          number,
          contentVersion: course.version,
          seed: 1,
          questionIds: [],
          optionOrder: {},
          startedAt: new Date(finishedAt - 600_000),
          finishedAt: new Date(finishedAt),
          status: value >= 70 ? "passed" : "failed",
          scorePercent: value,
          snapshot: {},
        })
        .run();
    attempt(1, score, start + 20 * 60_000);
    if (RETAKE[key] !== undefined) attempt(2, RETAKE[key], start + 25 * 60_000);
    if (COMPLETED_AFTER_MINUTES[key] !== undefined)
      db.insert(moduleCompletions)
        .values({ userId, courseId: COURSE, moduleId: "basics", completedAt: new Date(start + COMPLETED_AFTER_MINUTES[key] * 60_000) })
        .run();
  }
  // A workshop group: the six police officers and one prosecutor.
  groupId = db.insert(groups).values({ name: "Radionica Niš", joinCode: "STATS001" }).returning({ id: groups.id }).get().id;
  for (const key of ["A1", "A2", "A3", "A4", "A5", "A6", "C1"])
    db.insert(groupMembers)
      .values({ groupId, userId: ids.get(key)!, joinedAt: at("2026-01-20T10:00:00Z") })
      .run();
  inTransaction((tx) => rebuildLearnerStatistics(tx, [course]));
  reviewer = await signedIn(await createTestUser({ role: "reviewer" }));
});

async function dashboard(query: string, jar = reviewer) {
  const result = await callLoader(statistics.loader, get(`/statistics?${query}`, { jar }));
  expect(result.status).toBe(200);
  return result.data.dashboard as statistics.LoaderData["dashboard"];
}

const cell = (table: { columns: readonly string[]; rows: { key: string; cells: (number | null)[] }[] }, row: string, column: string) =>
  table.rows.find((r) => r.key === row)!.cells[table.columns.indexOf(column)];

describe("statistics dashboard figures", () => {
  test("totals: learners, completions, pass rates and best scores as worked out by hand", async () => {
    const { totals } = await dashboard(PERIOD);
    const value = (key: string) => totals.rows.find((r) => r.key === key)!.cells[0];
    expect(value("registered")).toBe(17);
    expect(value("active")).toBe(10);
    expect(value("moduleCompletions")).toBe(5);
    expect(value("firstPassRate")).toBeCloseTo(0.6); // 80, 100, 90, 70 (police) and 75, 85 (prosecution) of 10
    expect(value("passRate")).toBeCloseTo(0.8); // and A2, C1 at the retake
    expect(value("meanBestScore")).toBeCloseTo(79.5); // (80+75+100+65+90+70+90+75+85+65) / 10
    expect(value("medianBestScore")).toBeCloseTo(77.5); // 65 65 70 75 [75 80] 85 90 90 100
  });

  test("per module: completion rate and the median time to complete", async () => {
    const { modules } = await dashboard(PERIOD);
    expect(cell(modules, "basics", "began")).toBe(10);
    expect(cell(modules, "basics", "completed")).toBe(5);
    expect(cell(modules, "basics", "completionRate")).toBeCloseTo(0.5);
    expect(cell(modules, "basics", "medianMinutes")).toBe(60); // 30 45 [60] 90 120
    expect(cell(modules, "basics", "firstPassRate")).toBeCloseTo(0.6);
    expect(cell(modules, "timed", "began")).toBe(0);
    expect(cell(modules, "timed", "completionRate")).toBeNull();
  });

  test("a cell of 4 shows as hidden, and so does the smallest other cell, so the total cannot give it away", async () => {
    const { institution, language } = await dashboard(PERIOD);
    // Registered: police 6, prosecution 7, court 4 → court hidden and police with it.
    expect(cell(institution, "court", "registered")).toBeNull();
    expect(cell(institution, "police", "registered")).toBeNull();
    expect(cell(institution, "prosecution", "registered")).toBe(7);
    expect(institution.total![institution.columns.indexOf("registered")]).toBe(17);
    // Active: police 6, prosecution 4 → both hidden.
    expect(cell(institution, "prosecution", "active")).toBeNull();
    expect(cell(institution, "police", "active")).toBeNull();
    expect(cell(language, "sr-Latn", "registered")).toBeNull();
  });

  test("months are Belgrade months: 23:30 UTC on 31 January is February", async () => {
    const { month } = await dashboard(PERIOD);
    expect(month.rows.map((r) => r.key)).toEqual(["2026-01", "2026-02", "2026-03"]);
    // 16 in January, 1 in February (A1): the 1 is hidden and January with it.
    expect(cell(month, "2026-02", "registered")).toBeNull();
    expect(cell(month, "2026-01", "registered")).toBeNull();
    expect(cell(month, "2026-03", "registered")).toBe(0);
    const january = await dashboard("from=2026-01&to=2026-01");
    expect(january.totals.rows.find((r) => r.key === "registered")!.cells[0]).toBe(16);
  });

  test("filters narrow every figure; a filtered view of four learners shows only <5", async () => {
    const court = await dashboard(`${PERIOD}&institution=court`);
    expect(court.totals.rows.find((r) => r.key === "registered")!.cells[0]).toBeNull();
    const noDistrict = await dashboard(`${PERIOD}&district=none`);
    expect(noDistrict.totals.rows.find((r) => r.key === "registered")!.cells[0]).toBe(7);
    const belgrade = await dashboard(`${PERIOD}&district=belgrade&module=basics`);
    expect(cell(belgrade.modules, "basics", "firstAttempts")).toBe(6);
    expect(belgrade.modules.rows.map((r) => r.key)).toEqual(["basics"]);
  });

  test("a group narrows every figure to its learners (counted learner by learner)", async () => {
    const view = await dashboard(`${PERIOD}&group=${groupId}`);
    expect(view.totals.rows.find((r) => r.key === "registered")!.cells[0]).toBe(7);
    expect(view.totals.rows.find((r) => r.key === "active")!.cells[0]).toBe(7);
    expect(cell(view.modules, "basics", "firstAttempts")).toBe(7);
    expect(cell(view.modules, "basics", "firstPassRate")).toBeNull(); // A1, A3, A5, A6: four learners
    expect(cell(view.modules, "basics", "passRate")).toBeCloseTo(6 / 7); // and A2, C1 at the retake
    expect(cell(view.modules, "basics", "medianMinutes")).toBeNull(); // A1, A3, A5: three learners
  });

  test("the breakdown by group, on its own page", async () => {
    const result = await callLoader(statisticsGroups.loader, get(`/statistics/groups?${PERIOD}`, { jar: reviewer }));
    expect(result.status).toBe(200);
    const table = result.data.table;
    expect(table.rows.map((r: { key: string }) => r.key)).toEqual([String(groupId)]);
    expect(cell(table, String(groupId), "registered")).toBe(7);
    expect(cell(table, String(groupId), "active")).toBe(7);
    expect(result.data.groupNames[String(groupId)]).toBe("Radionica Niš");
  });

  test("wrong filters are refused with 400 and a message", async () => {
    for (const query of ["from=2026-13", "from=2026-05&to=2026-01", "from=2020-01&to=2026-01", "course=nope", "module=nope", "district=atlantis", "institution=army", "group=999999", "group=abc"]) {
      const result = await callLoader(statistics.loader, get(`/statistics?${query}`, { jar: reviewer }));
      expect(result.status, query).toBe(400);
    }
  });
});

/** Runs the export route and returns the whole file (XLSX is binary: the test helpers read text). */
async function download(query: string, jar = reviewer) {
  const response = (await statisticsExport.loader({ request: get(`/statistics/export?${query}`, { jar }), params: {}, context: {} } as never)) as Response;
  const buffer = await response.arrayBuffer();
  return { response, bytes: Buffer.from(buffer), buffer };
}

describe("exports", () => {
  test("CSV: UTF-8 with a byte order mark, the page's figures, a cell of 4 as <5 and its complement hidden too", async () => {
    const { response, bytes } = await download(`${PERIOD}&table=institution&format=csv`);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="trag-statistics-institution-2026-01-2026-03.csv"');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.toString("utf8"), { bom: true }) as string[][];
    expect(rows[0].slice(0, 3)).toEqual(["Institution", "Registered learners", "Active learners"]);
    const byLabel = new Map(rows.map((row) => [row[0], row]));
    expect(byLabel.get("Court")![1]).toBe("<5");
    expect(byLabel.get("Ministry of Interior / police")![1]).toBe("<5");
    expect(byLabel.get("Public prosecution")![1]).toBe("7");
    expect(byLabel.get("Total")![1]).toBe("17");
    expect(bytes.toString("utf8")).not.toMatch(/stats\.test/);
  });

  test("CSV in Serbian Cyrillic for a reviewer who reads it; rates as percentages", async () => {
    const cyrillic = await signedIn(await createTestUser({ role: "reviewer", language: "sr-Cyrl" }));
    const { bytes } = await download(`${PERIOD}&table=modules&format=csv`, cyrillic);
    const rows = parse(bytes.toString("utf8"), { bom: true }) as string[][];
    expect(rows[0][0]).toBe("Модул");
    const basics = rows[1];
    expect(basics.slice(1, 5)).toEqual(["10", "5", "50", "60"]);
  });

  test("XLSX: real numbers and month dates, <5 as text, and a sheet naming the view", async () => {
    const { response, buffer } = await download(`${PERIOD}&table=month&format=xlsx`);
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer);
    const [figures, about] = workbook.worksheets;
    expect(figures.getCell("A2").value).toEqual(new Date(Date.UTC(2026, 0, 1)));
    expect(figures.getCell("B2").value).toBe("<5"); // January registrations, hidden with February's single one
    expect(figures.getCell("B4").value).toBe(0);
    expect(figures.getCell("A5").value).toBe("Total");
    expect(figures.getCell("B5").value).toBe(17);
    expect(about.getColumn(1).values).toContain("Course");
    const { buffer: modules } = await download(`${PERIOD}&table=modules&format=xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(modules);
    expect(book.worksheets[0].getCell("D2").value).toBe(50);
    expect(book.worksheets[0].getCell("B2").value).toBe(10);
  });

  test("PDF: two pages, the totals and the breakdowns with a cell of 4 as <5, in the reader's script", async () => {
    const response = (await statisticsPdf.loader({ request: get(`/statistics/summary.pdf?${PERIOD}`, { jar: reviewer }), params: {}, context: {} } as never)) as Response;
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    const bytes = new Uint8Array(await response.arrayBuffer());
    const pdf = await pdfjs.getDocument({ data: bytes, verbosity: 0, isEvalSupported: false }).promise;
    expect(pdf.numPages).toBe(2);
    const pageText = async (n: number) => ((await (await pdf.getPage(n)).getTextContent()).items as { str: string }[]).map((item) => item.str).filter((s) => s.trim() !== "");
    const first = await pageText(1);
    expect(first).toContain("Learners registered in the period");
    expect(first[first.indexOf("Learners registered in the period") + 1]).toBe("17");
    const second = await pageText(2);
    // The institution table: Court's registered learners (4) and, complementing them, the police's (6).
    const court = second.lastIndexOf("Court");
    expect(second[court + 1]).toBe("<5");
    const police = second.lastIndexOf("Ministry of Interior / police");
    expect(second[police + 1]).toBe("<5");
    expect(second[second.lastIndexOf("Public prosecution") + 1]).toBe("7");
    // The bar chart of active learners above it: prosecution's four are hidden, and with them the police's six.
    expect(second.indexOf("Public prosecution")).toBeLessThan(second.lastIndexOf("Public prosecution"));
    expect(second[second.indexOf("Public prosecution") + 1]).toBe("<5");
    expect(second[second.indexOf("Ministry of Interior / police") + 1]).toBe("<5");

    const cyrillic = await signedIn(await createTestUser({ role: "reviewer", language: "sr-Cyrl" }));
    const inCyrillic = (await statisticsPdf.loader({ request: get(`/statistics/summary.pdf?${PERIOD}`, { jar: cyrillic }), params: {}, context: {} } as never)) as Response;
    const doc = await pdfjs.getDocument({ data: new Uint8Array(await inCyrillic.arrayBuffer()), verbosity: 0, isEvalSupported: false }).promise;
    const text = ((await (await doc.getPage(2)).getTextContent()).items as { str: string }[]).map((item) => item.str).join(" ");
    expect(text).toContain("Суд");
    expect((await callLoader(statisticsPdf.loader, get("/statistics/summary.pdf", { jar: await signedIn(await createTestUser({ role: "trainer" })) }))).status).toBe(403);
  });

  test("text a spreadsheet would run as a formula (a group's name) is neutralised in CSV and XLSX", async () => {
    const name = '=HYPERLINK("http://evil.example","x")';
    const nasty = getDb().insert(groups).values({ name, joinCode: "STATSFX1" }).returning({ id: groups.id }).get().id;
    getDb()
      .insert(groupMembers)
      .values({ groupId: nasty, userId: ids.get("B1")!, joinedAt: at("2026-01-20T10:00:00Z") })
      .run();
    try {
      const csv = parse((await download(`${PERIOD}&table=group&format=csv`)).bytes.toString("utf8"), { bom: true }) as string[][];
      expect(csv.map((row) => row[0])).toContain(`'${name}`);
      expect(csv.map((row) => row[0])).not.toContain(name);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await download(`${PERIOD}&group=${nasty}&table=group&format=xlsx`)).buffer);
      const [figures, about] = workbook.worksheets;
      expect(figures.getColumn(1).values).toContain(`'${name}`);
      expect(about.getColumn(2).values).toContain(`'${name}`);
      for (const sheet of workbook.worksheets) sheet.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
    } finally {
      getDb().delete(groupMembers).where(eq(groupMembers.groupId, nasty)).run();
      getDb().delete(groups).where(eq(groups.id, nasty)).run();
    }
  });

  test("the files are streamed: the CSV a row at a time, the XLSX in parts as exceljs writes it", async () => {
    const chunks = async (query: string) => {
      const response = (await statisticsExport.loader({ request: get(`/statistics/export?${query}`, { jar: reviewer }), params: {}, context: {} } as never)) as Response;
      let count = 0;
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) if (chunk.byteLength > 0) count++;
      return count;
    };
    // The header, three months and the total.
    expect(await chunks(`${PERIOD}&table=month&format=csv`)).toBe(5);
    expect(await chunks(`${PERIOD}&table=month&format=xlsx`)).toBeGreaterThan(1);
  });

  test("an unknown table or format is refused with 400", async () => {
    for (const query of ["table=people&format=csv", "table=district&format=json", "table=district"]) {
      expect((await callLoader(statisticsExport.loader, get(`/statistics/export?${query}`, { jar: reviewer }))).status, query).toBe(400);
    }
  });
});

describe("who may see statistics", () => {
  test("a learner or a trainer is refused with 403; someone signed out goes to log in; an admin may", async () => {
    for (const role of ["learner", "trainer"] as const) {
      const jar = await signedIn(await createTestUser({ role }));
      for (const [route, path] of [
        [statistics.loader, "/statistics"],
        [statisticsGroups.loader, "/statistics/groups"],
        [statisticsPdf.loader, "/statistics/summary.pdf"],
        [statisticsExport.loader, "/statistics/export?table=totals&format=csv"],
        [statisticsExport.loader, "/statistics/export?table=district&format=xlsx"],
      ] as const) {
        const result = await callLoader(route, get(path, { jar }));
        expect(result.status, `${role} ${path}`).toBe(403);
      }
    }
    const anonymous = await callLoader(statistics.loader, get("/statistics"));
    expect(anonymous.status).toBe(302);
    const admin = await signedIn(await createTestUser({ role: "admin" }));
    expect((await callLoader(statistics.loader, get("/statistics", { jar: admin }))).status).toBe(200);
  });

  test("the page's data holds no name or email", async () => {
    const result = await callLoader(statistics.loader, get(`/statistics?${PERIOD}`, { jar: reviewer }));
    const text = JSON.stringify(result.data);
    for (const learner of LEARNERS) expect(text).not.toContain(`${learner.key}@stats.test`);
    expect(text).not.toMatch(/"fullName"|"email"/);
  });
});
