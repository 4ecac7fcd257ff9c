import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, test } from "vitest";
import { buildProgressGrid, GridQuerySchema } from "~/progress/grid.server";
import * as gridRoute from "~/routes/trainer.groups.$groupId_.progress._index";
import * as cellRoute from "~/routes/trainer.groups.$groupId_.progress.$userId.$courseId.$moduleId";
import * as exportRoute from "~/routes/trainer.groups.$groupId_.progress.export.$format";
import { recordAdjustment } from "~/models/adjustments.server";
import { getDb } from "~/utils/db.server";
import { createTestUser, signedIn, type TestUser } from "../helpers/auth";
import { callLoader, CookieJar, get } from "../helpers/http";
import { assign, completeLessons, createGroup, DAY, setInstitution, takeAttempt } from "../helpers/progress";
import { openReview } from "../helpers/quiz";

const now = Date.now();
const BASICS = ["first-lesson", "second-lesson", "basics-case"];

type Fixture = Awaited<ReturnType<typeof makeFixture>>;
let f: Fixture;

/**
 * One group, two assignments: basics due in a week, timed due yesterday. Every cell state:
 *   Ana      basics passed (all lessons, 100 %)        timed overdue (1 lesson)
 *   Branko   basics in progress (2 lessons)            timed failed (2 of 2 attempts)
 *   Čedomir  basics not started                        timed overdue (nothing)
 *   Cvijeta  basics not started                        timed overdue (1 lesson)
 *   Đorđe    basics in progress (1 attempt, all wrong)  timed overdue (nothing)
 */
async function makeFixture() {
  const trainer = await createTestUser({ role: "trainer" });
  const serbianTrainer = await createTestUser({ role: "trainer", language: "sr-Latn" });
  const otherTrainer = await createTestUser({ role: "trainer" });
  const admin = await createTestUser({ role: "admin" });
  const reviewer = await createTestUser({ role: "reviewer" });
  const names = ["Ana Anić", "Branko Babić", "Čedomir Čolić", "Cvijeta Car", "Đorđe Đurić"] as const;
  const [ana, branko, cedomir, cvijeta, djordje] = await Promise.all(names.map((fullName) => createTestUser({ fullName })));
  const outsider = await createTestUser({ fullName: "Zoran Spoljni" });
  setInstitution(branko.id, "court");
  setInstitution(cedomir.id, "social-care");
  setInstitution(cvijeta.id, "civil-society");

  const group = createGroup({ name: 'Beograd "februar"/2024: radionica', trainerIds: [trainer.id, serbianTrainer.id], learnerIds: [ana, branko, cedomir, cvijeta, djordje].map((l) => l.id) });
  const basicsDue = new Date(now + 7 * DAY);
  const timedDue = new Date(now - DAY);
  assign(group.id, ["basics"], basicsDue);
  assign(group.id, ["timed"], timedDue);

  completeLessons(ana.id, BASICS, now - 3 * DAY);
  const anaPass = takeAttempt(ana.id, "basics", now - 2 * DAY, "right");
  completeLessons(ana.id, ["timed-one"], now - 4 * DAY);
  completeLessons(branko.id, BASICS.slice(0, 2), now - 5 * DAY);
  takeAttempt(branko.id, "timed", now - 6 * DAY, "none");
  takeAttempt(branko.id, "timed", now - 5.5 * DAY, "none");
  completeLessons(cvijeta.id, ["timed-two"], now - 10 * DAY);
  const djordjeFail = takeAttempt(djordje.id, "basics", now - 1 * DAY, "wrong");
  // Work outside the group's assignments and by people outside it changes nothing.
  completeLessons(outsider.id, BASICS, now - DAY);

  const otherGroup = createGroup({ name: "Tuđa grupa Zeta", trainerIds: [otherTrainer.id], learnerIds: [outsider.id] });
  assign(otherGroup.id, ["basics"], basicsDue);
  const basicsOnly = createGroup({ name: "Samo osnove", trainerIds: [trainer.id, serbianTrainer.id], learnerIds: [ana.id] });
  assign(basicsOnly.id, ["basics"], basicsDue);

  return { trainer, serbianTrainer, otherTrainer, admin, reviewer, ana, branko, cedomir, cvijeta, djordje, outsider, group, otherGroup, basicsOnly, basicsDue, timedDue, anaPass, djordjeFail };
}

const jars = new Map<number, CookieJar>();
async function jarOf(user: TestUser) {
  let jar = jars.get(user.id);
  if (!jar) jars.set(user.id, (jar = await signedIn(user)));
  return jar;
}

const gridPath = (groupId: number, search = "") => `/trainer/groups/${groupId}/progress${search}`;
async function openGrid(user: TestUser | null, groupId: number, search = "") {
  const jar = user ? await jarOf(user) : new CookieJar();
  return callLoader(gridRoute.loader, get(gridPath(groupId, search), { jar }), { groupId: String(groupId) });
}
async function openCell(user: TestUser | null, groupId: number, userId: number | string, moduleId: string, search = "", courseId = "fixture-course") {
  const jar = user ? await jarOf(user) : new CookieJar();
  return callLoader(cellRoute.loader, get(`/trainer/groups/${groupId}/progress/${userId}/${courseId}/${moduleId}${search}`, { jar }), {
    groupId: String(groupId),
    userId: String(userId),
    courseId,
    moduleId,
  });
}
/** The export as the server sends it: status, headers and the raw bytes (no BOM stripped). */
async function download(user: TestUser | null, groupId: number, format: string, search = "") {
  const jar = user ? await jarOf(user) : new CookieJar();
  const request = get(`/trainer/groups/${groupId}/progress/export/${format}${search}`, { jar });
  try {
    const response = (await exportRoute.loader({ request, params: { groupId: String(groupId), format }, context: {} })) as Response;
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    return { status: thrown.status, headers: thrown.headers, bytes: Buffer.from(await thrown.arrayBuffer()) };
  }
}

/** The learners' names in the page's table (its row headers), in order. */
const namesOf = (data: { table: string | null }) => Array.from((data.table ?? "").matchAll(/<th scope="row">([^<]*)<\/th>/g), (match) => match[1]);
const gridOfGroup = (groupId: number, search = "", language: "en" | "sr-Latn" = "en") =>
  buildProgressGrid(groupId, language, GridQuerySchema.parse(Object.fromEntries(new URLSearchParams(search))), new Date());

beforeAll(async () => {
  f = await makeFixture();
});

describe("the grid's cells", () => {
  test("every state, against the hand-made fixture", async () => {
    const data = gridOfGroup(f.group.id);
    expect(data.columns).toEqual([
      { courseId: "fixture-course", moduleId: "timed", title: "Timed module", courseTitle: "Fixture course", dueAt: f.timedDue.getTime(), lessonsTotal: 3, quizRequired: true },
      { courseId: "fixture-course", moduleId: "basics", title: "Basics", courseTitle: "Fixture course", dueAt: f.basicsDue.getTime(), lessonsTotal: 3, quizRequired: true },
    ]);
    const cells = Object.fromEntries(data.rows.map((row: { learner: { fullName: string }; cells: unknown[] }) => [row.learner.fullName, row.cells]));
    const cell = (status: string, lessonsDone: number, rest: Record<string, unknown> = {}) => expect.objectContaining({ status, lessonsDone, ...rest });
    expect(cells["Ana Anić"]).toEqual([
      cell("overdue", 1, { attemptsUsed: 0, completedAt: null }),
      cell("passed", 3, { bestScore: 100, attemptsUsed: 1, attemptsAllowed: 3, quizPassed: true, completedAt: f.anaPass.finishedAt!.getTime() }),
    ]);
    expect(cells["Branko Babić"]).toEqual([cell("failed", 0, { attemptsUsed: 2, attemptsAllowed: 2, bestScore: 0, quizPassed: false }), cell("in-progress", 2, { attemptsUsed: 0, bestScore: null })]);
    expect(cells["Čedomir Čolić"]).toEqual([cell("overdue", 0, { attemptsUsed: 0 }), cell("not-started", 0, { attemptsUsed: 0, bestScore: null, completedAt: null })]);
    expect(cells["Cvijeta Car"]).toEqual([cell("overdue", 1), cell("not-started", 0)]);
    expect(cells["Đorđe Đurić"]).toEqual([cell("overdue", 0), cell("in-progress", 0, { attemptsUsed: 1, attemptsAllowed: 3, bestScore: 0 })]);
    expect(data.learnerCount).toBe(5);
    // Steps: 3 lessons and a quiz per module, 8 in all.
    expect(Object.fromEntries(data.rows.map((row: { learner: { fullName: string }; percent: number }) => [row.learner.fullName, row.percent]))).toEqual({
      "Ana Anić": 62,
      "Branko Babić": 25,
      "Čedomir Čolić": 0,
      "Cvijeta Car": 12,
      "Đorđe Đurić": 0,
    });
  });

  test("a module passed after its due date reads passed, not overdue; one completed by a lesson done later dates from that lesson", async () => {
    const learner = await createTestUser({ fullName: "Late Learner" });
    const group = createGroup({ name: "Late", trainerIds: [f.trainer.id], learnerIds: [learner.id] });
    assign(group.id, ["basics"], new Date(now - 10 * DAY));
    takeAttempt(learner.id, "basics", now - 5 * DAY, "right");
    completeLessons(learner.id, BASICS, now - 2 * DAY);
    const row = buildProgressGrid(group.id, "en", GridQuerySchema.parse({}), new Date()).rows[0];
    expect(row.cells[0]).toMatchObject({ status: "passed", completedAt: now - 2 * DAY, bestScore: 100 });
    expect(row.percent).toBe(100);
  });

  test("a trainer's adjustment counts: an extra attempt lifts 'failed', a later due date lifts 'overdue', for that learner only", async () => {
    const [helped, other] = await Promise.all([createTestUser({ fullName: "Helped" }), createTestUser({ fullName: "Other" })]);
    const group = createGroup({ name: "Adjusted", trainerIds: [f.trainer.id], learnerIds: [helped.id, other.id] });
    const assignment = assign(group.id, ["timed"], new Date(now - DAY));
    for (const learner of [helped, other]) {
      takeAttempt(learner.id, "timed", now - 6 * DAY, "none");
      takeAttempt(learner.id, "timed", now - 5 * DAY, "none");
    }
    const cells = () => Object.fromEntries(buildProgressGrid(group.id, "en", GridQuerySchema.parse({}), new Date()).rows.map((row) => [row.learner.fullName, row.cells[0]]));
    expect(cells().Helped).toMatchObject({ status: "failed", attemptsAllowed: 2 });
    recordAdjustment({ assignmentId: assignment.id, userId: helped.id, dueAt: null, extraAttempts: 1, extraMinutes: 0, changedBy: f.trainer.id, changedAt: new Date() });
    expect(cells().Helped).toMatchObject({ status: "overdue", attemptsAllowed: 3, dueAt: now - DAY });
    recordAdjustment({ assignmentId: assignment.id, userId: helped.id, dueAt: new Date(now + 3 * DAY), extraAttempts: 1, extraMinutes: 0, changedBy: f.trainer.id, changedAt: new Date() });
    expect(cells()).toEqual({
      Helped: expect.objectContaining({ status: "in-progress", attemptsAllowed: 3, dueAt: now + 3 * DAY }),
      Other: expect.objectContaining({ status: "failed", attemptsAllowed: 2, dueAt: now - DAY }),
    });
  });

  test("the page shows each state's words, the group's name escaped, in the trainer's language", async () => {
    const { data } = await openGrid(f.serbianTrainer, f.group.id);
    expect(data.title).toBe('Napredak: Beograd "februar"/2024: radionica');
    expect(data.table).toContain('<caption class="visually-hidden">Napredak: Beograd &quot;februar&quot;/2024: radionica</caption>');
    expect(Array.from(data.table.matchAll(/<th scope="col">([^<]*)<span/g), (m: string[]) => m[1])).toEqual(["Modul sa vremenom", "Osnove"]);
    // One cell: its status as its class, a link to the learner's attempts, the status then the details.
    const branko = data.table.match(/<tr><th scope="row">Branko Babić<\/th>.*?<\/tr>/)[0];
    expect(branko).toContain(
      `<td class="failed"><a href="/trainer/groups/${f.group.id}/progress/${f.branko.id}/fixture-course/timed">Nije položeno, nema više pokušaja<br/>2 od 2 pokušaja · najbolje 0%</a></td>`,
    );
    expect(branko).toContain(`<td class="in-progress"><a href="/trainer/groups/${f.group.id}/progress/${f.branko.id}/fixture-course/basics">U toku<br/>2 od 3 lekcija</a></td>`);
    // No email addresses on the page (the exports have them).
    expect(data.table).not.toContain(f.branko.email);
  });

  test("a learner's name with HTML in it is text in the table, escaped in the row header and nowhere raw", async () => {
    const hostile = `<img src=x onerror="alert('x')">&amp; </th><script>alert(1)</script>`;
    const learner = await createTestUser({ fullName: hostile });
    const group = createGroup({ name: "<b>Bold</b> & co", trainerIds: [f.trainer.id], learnerIds: [learner.id] });
    assign(group.id, ["basics"], new Date(now + DAY));
    const { data } = await openGrid(f.trainer, group.id);
    expect(namesOf(data)).toEqual(["&lt;img src=x onerror=&quot;alert(&#x27;x&#x27;)&quot;&gt;&amp;amp; &lt;/th&gt;&lt;script&gt;alert(1)&lt;/script&gt;"]);
    expect(data.table).toContain('<caption class="visually-hidden">Progress: &lt;b&gt;Bold&lt;/b&gt; &amp; co</caption>');
    expect(data.table).not.toMatch(/<img|<script|<b>|'x'/);
    expect(data.table.match(/<tr>/g)).toHaveLength(2);
  });

  test("a group with nothing assigned and no learners is an empty grid, not an error", async () => {
    const empty = createGroup({ name: "Empty", trainerIds: [f.trainer.id] });
    const { status, data } = await openGrid(f.trainer, empty.id);
    expect(status).toBe(200);
    expect(data).toMatchObject({ columnCount: 0, shown: 0, learnerCount: 0, table: null });
  });
});

describe("sorting and filters (GET parameters)", () => {
  test("by name in the page language's alphabet: Č after C in Serbian, beside it in English", async () => {
    expect(namesOf((await openGrid(f.trainer, f.group.id)).data)).toEqual(["Ana Anić", "Branko Babić", "Čedomir Čolić", "Cvijeta Car", "Đorđe Đurić"]);
    expect(namesOf((await openGrid(f.serbianTrainer, f.group.id)).data)).toEqual(["Ana Anić", "Branko Babić", "Cvijeta Car", "Čedomir Čolić", "Đorđe Đurić"]);
    expect(namesOf((await openGrid(f.trainer, f.group.id, "?sort=name&order=desc")).data)).toEqual(["Đorđe Đurić", "Cvijeta Car", "Čedomir Čolić", "Branko Babić", "Ana Anić"]);
  });

  test("by progress and by last activity, ties by name", async () => {
    expect(namesOf((await openGrid(f.trainer, f.group.id, "?sort=progress&order=desc")).data)).toEqual(["Ana Anić", "Branko Babić", "Cvijeta Car", "Čedomir Čolić", "Đorđe Đurić"]);
    expect(namesOf((await openGrid(f.trainer, f.group.id, "?sort=progress&order=asc")).data)).toEqual(["Čedomir Čolić", "Đorđe Đurić", "Cvijeta Car", "Branko Babić", "Ana Anić"]);
    // Latest first: Đorđe (1 day ago), Ana (2), Branko (5), Cvijeta (10), Čedomir (never).
    const { data } = await openGrid(f.trainer, f.group.id, "?sort=activity&order=desc");
    expect(namesOf(data)).toEqual(["Đorđe Đurić", "Ana Anić", "Branko Babić", "Cvijeta Car", "Čedomir Čolić"]);
    expect(gridOfGroup(f.group.id, "?sort=activity&order=desc").rows.map((row) => row.lastActivityAt)).toEqual([now - DAY, now - 2 * DAY, now - 5 * DAY, now - 10 * DAY, null]);
  });

  test("by status (any module in it) and institution type, together, with the total still counted", async () => {
    expect(namesOf((await openGrid(f.trainer, f.group.id, "?status=failed")).data)).toEqual(["Branko Babić"]);
    expect(namesOf((await openGrid(f.trainer, f.group.id, "?status=passed")).data)).toEqual(["Ana Anić"]);
    expect(namesOf((await openGrid(f.trainer, f.group.id, "?status=not-started")).data)).toEqual(["Čedomir Čolić", "Cvijeta Car"]);
    expect(namesOf((await openGrid(f.trainer, f.group.id, "?status=in-progress")).data)).toEqual(["Branko Babić", "Đorđe Đurić"]);
    expect(namesOf((await openGrid(f.trainer, f.group.id, "?institution=court")).data)).toEqual(["Branko Babić"]);
    const both = await openGrid(f.trainer, f.group.id, "?status=overdue&institution=police&sort=name&order=asc");
    expect(namesOf(both.data)).toEqual(["Ana Anić", "Đorđe Đurić"]);
    expect(both.data.learnerCount).toBe(5);
    // An empty choice is "all", as the form sends it.
    expect(namesOf((await openGrid(f.trainer, f.group.id, "?status=&institution=&sort=name")).data)).toHaveLength(5);
  });

  test.each(["?sort=email", "?order=up", "?status=done", "?institution=army"])("a value the form never sends (%s) is refused with 400", async (search) => {
    expect(await openGrid(f.trainer, f.group.id, search)).toMatchObject({ status: 400, data: "progress.errors.badQuery" });
  });
});

describe("a learner's attempts at a module", () => {
  test("lists every attempt with score, dates and status, and the cell's state", async () => {
    const { status, data } = await openCell(f.trainer, f.group.id, f.branko.id, "timed");
    expect(status).toBe(200);
    expect(data.learner.fullName).toBe("Branko Babić");
    expect(data.cell).toMatchObject({ status: "failed", attemptsUsed: 2, attemptsAllowed: 2 });
    expect(data.attempts).toEqual([
      { id: expect.any(Number), number: 1, status: "failed", scorePercent: 0, startedAt: now - 6 * DAY, finishedAt: now - 6 * DAY },
      { id: expect.any(Number), number: 2, status: "failed", scorePercent: 0, startedAt: now - 5.5 * DAY, finishedAt: now - 5.5 * DAY },
    ]);
  });

  test("answers are shown only as far as the reveal policy lets the learner see them: exactly what their own review page shows", async () => {
    // Basics: correctness after finishing, right answers only after a pass or on the last attempt.
    const failed = await openCell(f.trainer, f.group.id, f.djordje.id, "basics");
    expect(failed.data.answers.attemptId).toBe(f.djordjeFail.id);
    const ownReview = await openReview(await jarOf(f.djordje), "basics", f.djordjeFail.id);
    expect(failed.data.answers.questions).toEqual(ownReview.data.questions);
    // Told each answer was wrong, not what was right: two attempts are left.
    expect(failed.data.answers.questions).toHaveLength(5);
    for (const question of failed.data.answers.questions) expect(question.revealed).toMatchObject({ result: { correct: false }, correctAnswer: null });

    const passed = await openCell(f.trainer, f.group.id, f.ana.id, "basics", `?attempt=${f.anaPass.id}`);
    const anasReview = await openReview(await jarOf(f.ana), "basics", f.anaPass.id);
    expect(passed.data.answers.questions).toEqual(anasReview.data.questions);
    for (const question of passed.data.answers.questions) expect(question.revealed).toMatchObject({ result: { correct: true }, correctAnswer: expect.anything() });
  });

  test("404 for a learner outside the group, a module not assigned to it, and another learner's attempt", async () => {
    expect(await openCell(f.trainer, f.group.id, f.outsider.id, "basics")).toMatchObject({ status: 404, data: "progress.errors.unknownLearner" });
    expect(await openCell(f.trainer, f.group.id, "abc", "basics")).toMatchObject({ status: 404, data: "progress.errors.unknownLearner" });
    expect(await openCell(f.trainer, f.basicsOnly.id, f.ana.id, "timed")).toMatchObject({ status: 404, data: "progress.errors.unknownModule" });
    expect(await openCell(f.trainer, f.group.id, f.ana.id, "nope")).toMatchObject({ status: 404, data: "progress.errors.unknownModule" });
    expect(await openCell(f.trainer, f.group.id, f.ana.id, "basics", "", "other-course")).toMatchObject({ status: 404, data: "progress.errors.unknownModule" });
    expect(await openCell(f.trainer, f.group.id, f.ana.id, "basics", `?attempt=${f.djordjeFail.id}`)).toMatchObject({ status: 404, data: "progress.errors.unknownAttempt" });
  });
});

describe("exports", () => {
  async function gridOf(user: TestUser, search = "") {
    return (await openGrid(user, f.group.id, search)).data;
  }

  test("CSV: UTF-8 with BOM, the grid's rows in its order, read back with a CSV parser", async () => {
    const search = "?sort=progress&order=desc";
    const file = await download(f.serbianTrainer, f.group.id, "csv", search);
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records: string[][] = parse(file.bytes, { bom: true });
    const grid = await gridOf(f.serbianTrainer, search);
    expect(records[0].slice(0, 5)).toEqual(["Ime i prezime", "Imejl", "Vrsta institucije", "Napredak (%)", "Poslednja aktivnost"]);
    expect(records[0].slice(5, 9)).toEqual(["Modul sa vremenom: stanje", "Modul sa vremenom: završene lekcije", "Modul sa vremenom: najbolji rezultat (%)", "Modul sa vremenom: završeno"]);
    expect(records.slice(1).map((r) => r[0])).toEqual(namesOf(grid));
    const ana = records.find((r) => r[0] === "Ana Anić")!;
    const day = (ms: number) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Belgrade" }).format(ms);
    expect(ana).toEqual([
      "Ana Anić",
      f.ana.email,
      "Ministarstvo unutrašnjih poslova / policija",
      "62",
      day(now - 2 * DAY),
      "Rok je prošao",
      "1",
      "",
      "",
      "Položeno",
      "3",
      "100",
      day(f.anaPass.finishedAt!.getTime()),
    ]);
    const branko = records.find((r) => r[0] === "Branko Babić")!;
    expect(branko.slice(5)).toEqual(["Nije položeno, nema više pokušaja", "0", "0", "", "U toku", "2", "", ""]);
  });

  test("XLSX: read back with exceljs, numbers as numbers and days as date cells, the same rows as the grid", async () => {
    const file = await download(f.trainer, f.group.id, "xlsx", "?status=overdue");
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe("Progress");
    const grid = await gridOf(f.trainer, "?status=overdue");
    const rows: ExcelJS.CellValue[][] = [];
    sheet.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
    expect(rows).toHaveLength(grid.shown + 1);
    expect(rows.slice(1).map((r) => r[0])).toEqual(namesOf(grid));
    const ana = rows.find((r) => r[0] === "Ana Anić")!;
    expect(ana[3]).toBe(62);
    expect(ana[4]).toBeInstanceOf(Date);
    expect(ana[10]).toBe(3);
    expect(ana[11]).toBe(100);
    const passedOn = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Belgrade" }).format(f.anaPass.finishedAt!);
    expect((ana[12] as Date).toISOString()).toBe(`${passedOn}T00:00:00.000Z`);
    expect(sheet.getRow(rows.indexOf(ana) + 1).getCell(13).numFmt).toBe("yyyy-mm-dd");
    expect(ana.slice(5, 8)).toEqual(["Overdue", 1, undefined]);
  });

  test("file names carry the group's name and the day, safely, in filename and filename*", async () => {
    const file = await download(f.trainer, f.group.id, "csv");
    const header = file.headers.get("Content-Disposition")!;
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Belgrade" }).format(Date.now());
    expect(header).toBe(`attachment; filename="Beograd februar 2024 radionica progress ${day}.csv"; filename*=UTF-8''${encodeURIComponent(`Beograd februar 2024 radionica progress ${day}.csv`)}`);
    const serbian = await download(f.serbianTrainer, f.basicsOnly.id, "xlsx");
    expect(serbian.headers.get("Content-Disposition")).toContain(`filename*=UTF-8''Samo%20osnove%20napredak%20${day}.xlsx`);
  });

  test("cells a spreadsheet would run as formulas are neutralised in both formats", async () => {
    // Names are trimmed when accounts are made, so no name starts with a tab or CR (export.server.test.ts covers those).
    const nasty = ['=HYPERLINK("http://evil.example","click")', "+1+2", "-3", "@SUM(A1)"];
    const learners = await Promise.all(nasty.map((fullName) => createTestUser({ fullName })));
    const group = createGroup({ name: "=cmd|' /C calc'!A0", trainerIds: [f.trainer.id], learnerIds: learners.map((l) => l.id) });
    assign(group.id, ["basics"], new Date(now + DAY));
    const csv: string[][] = parse((await download(f.trainer, group.id, "csv")).bytes, { bom: true });
    expect(
      csv
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(nasty.map((name) => `'${name}`).sort());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download(f.trainer, group.id, "xlsx")).bytes as unknown as ArrayBuffer);
    const names: unknown[] = [];
    workbook.worksheets[0].eachRow((row, number) => {
      if (number > 1) names.push(row.getCell(1).value);
      row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula));
    });
    expect(names.sort()).toEqual(nasty.map((name) => `'${name}`).sort());
    const header = (await download(f.trainer, group.id, "csv")).headers.get("Content-Disposition")!;
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toMatch(/^attachment; filename="=cmd ' C calc'!A0 progress [\d-]+\.csv"; filename\*=UTF-8''/);
  });

  test("an unknown format is 404", async () => {
    expect((await download(f.trainer, f.group.id, "pdf")).status).toBe(404);
  });
});

describe("authorisation on every route", () => {
  const routes = [
    ["the grid", (user: TestUser | null, groupId: number) => openGrid(user, groupId)],
    ["a cell's attempts", (user: TestUser | null, groupId: number) => openCell(user, groupId, f.ana.id, "basics")],
    ["the CSV", (user: TestUser | null, groupId: number) => download(user, groupId, "csv")],
    ["the XLSX", (user: TestUser | null, groupId: number) => download(user, groupId, "xlsx")],
  ] as const;

  test.each(routes)("%s: anonymous goes to the login page; learner and reviewer 403; admin sees it", async (_, open) => {
    const anonymous = await open(null, f.group.id);
    expect(anonymous.status).toBe(302);
    if ("location" in anonymous) expect(anonymous.location).toMatch(/^\/login\?redirectTo=/);
    expect((await open(f.ana, f.group.id)).status).toBe(403);
    expect((await open(f.reviewer, f.group.id)).status).toBe(403);
    expect((await open(f.admin, f.group.id)).status).toBe(200);
    expect((await open(f.trainer, f.group.id)).status).toBe(200);
  });

  test.each(routes)("%s: another trainer's group and an unknown one answer 404 alike, with nothing of the group in it", async (_, open) => {
    const other = await open(f.trainer, f.otherGroup.id);
    const unknown = await open(f.trainer, 987654);
    expect(other.status).toBe(404);
    expect(unknown.status).toBe(404);
    const body = (outcome: typeof other) => ("bytes" in outcome ? outcome.bytes.toString("utf8") : JSON.stringify(outcome.data));
    expect(body(other)).toBe(body(unknown));
    expect(body(other)).not.toMatch(/Tuđa|Zeta|Spoljni/);
  });
});

describe("the queries", () => {
  test("use indexes: no full scan of the learning tables, whatever the group's size", () => {
    const sqlite = getDb().$client;
    const statements: string[] = [];
    const original = sqlite.prepare;
    // Records the SQL drizzle prepares for the grid's queries.
    sqlite.prepare = function (this: typeof sqlite, source: string) {
      statements.push(source);
      return original.call(this, source);
    } as typeof sqlite.prepare;
    try {
      buildProgressGrid(f.group.id, "en", GridQuerySchema.parse({}), new Date());
    } finally {
      sqlite.prepare = original;
    }
    expect(statements.length).toBeGreaterThanOrEqual(5);
    const scans = statements.flatMap((source) => {
      const params = Array.from(source.matchAll(/\?/g), () => 1);
      const plan = sqlite.prepare(`explain query plan ${source}`).all(...params) as Array<{ detail: string }>;
      return plan
        .map((row) => row.detail)
        .filter((detail) => /^SCAN (lesson_progress|quiz_attempts|enrolments|users|assignments|assignment_modules|group_members)\b/.test(detail) && !/USING (COVERING )?INDEX/.test(detail));
    });
    expect(scans).toEqual([]);
  });
});
