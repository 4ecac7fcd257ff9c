/**
 * Item analysis on a small fixed dataset whose figures were worked out by hand (facility,
 * discrimination, Cronbach's alpha), its small-cell protection, its files, and who may see it.
 */
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, test } from "vitest";
import { groupMembers, groups, groupTrainers, users } from "#db/schema";
import * as statisticsItems from "~/routes/statistics.items";
import * as statisticsItemsExport from "~/routes/statistics.items_.export";
import * as groupItems from "~/routes/trainer.groups.$groupId_.items._index";
import * as groupItemsExport from "~/routes/trainer.groups.$groupId_.items.export";
import { alphaOf, discriminationOf, facilityOf, itemCells, type ItemSums } from "~/statistics/items";
import { finishAttempt, startAttempt, submitAnswer } from "~/quiz/attempts.server";
import { getDb } from "~/utils/db.server";
import { createTestUser, signedIn } from "../helpers/auth";
import { callLoader, get, type CookieJar } from "../helpers/http";
import { answerFields, bankQuestion, quizScopeFor, reloadAttempt, toFormData } from "../helpers/quiz";

/**
 * Who answered which of the five drawn questions right (1) or wrong (0): a Guttman pattern.
 *
 *         q1 q2 q3 q4 q5 | T
 *   L1     1  1  1  1  1 | 5
 *   L2     1  1  1  1  0 | 4
 *   L3     1  1  1  0  0 | 3
 *   L4     1  1  0  0  0 | 2
 *   L5     1  0  0  0  0 | 1
 *
 * Five learners take it in English (E1–E5) and five more, with the same answers, in Serbian Latin
 * (S1–S5); four in Serbian Cyrillic (C1–C4) get everything wrong. The group holds E1–E5 and S1–S5.
 */
const PATTERN = [
  [1, 1, 1, 1, 1],
  [1, 1, 1, 1, 0],
  [1, 1, 1, 0, 0],
  [1, 1, 0, 0, 0],
  [1, 0, 0, 0, 0],
];
const WRONG = [0, 0, 0, 0, 0];

/**
 * The sums of q2 over E1–E5 (x its score, y the rest of the attempt: T − x):
 *   x = 1 1 1 1 0, y = 4 3 2 1 1
 *   n = 5, Σx = 4, Σx² = 4, Σy = 11, Σy² = 16+9+4+1+1 = 31, Σxy = 4+3+2+1+0 = 10
 * facility = Σx / n = 0.8
 * discrimination r = (nΣxy − ΣxΣy) / √((nΣx² − (Σx)²)(nΣy² − (Σy)²)) = (50 − 44) / √((20 − 16)(155 − 121)) = 6 / √136 = 0.51450
 */
const Q2: ItemSums = { attempts: 5, learners: 5, sumX: 4, sumXx: 4, sumY: 11, sumYy: 31, sumXy: 10 };
const R_Q2 = 6 / Math.sqrt(136);

/**
 * Alpha over E1–E5, k = 5 questions: the items' sample variances (Σx² − (Σx)²/n)/(n − 1) are
 *   q1 (5 − 25/5)/4 = 0, q2 (4 − 16/5)/4 = 0.2, q3 (3 − 9/5)/4 = 0.3, q4 (2 − 4/5)/4 = 0.3, q5 (1 − 1/5)/4 = 0.2: Σ = 1.0
 *   T = 5 4 3 2 1: var(T) = (55 − 15²/5)/4 = 2.5
 *   α = k/(k − 1) · (1 − Σ var(xᵢ)/var(T)) = 5/4 · (1 − 1.0/2.5) = 0.75
 * The same answers twice over (E and S together, n = 10) give the same α: Σ var(xᵢ) = 8/9, var(T) = 20/9.
 */
const ALPHA = 0.75;

const ids = new Map<string, number>();
let reviewer: CookieJar;
let trainer: CookieJar;
let otherTrainer: CookieJar;
let learner: CookieJar;
let groupId: number;
let otherGroupId: number;
let drawn: string[] = [];

function takeQuiz(userId: number, answers: number[], now: Date) {
  const scope = quizScopeFor(userId, "basics");
  const attempt = startAttempt(scope, now, 7);
  drawn = attempt.questionIds;
  attempt.questionIds.forEach((questionId, i) => {
    const current = reloadAttempt(attempt.id);
    const fields = answerFields(bankQuestion("basics", questionId), current, answers[i] === 1);
    submitAnswer(scope, { attemptId: attempt.id, revision: current.revision, questionId, formData: toFormData(fields), advance: true }, now);
  });
  const current = reloadAttempt(attempt.id);
  if (current.status === "in-progress") finishAttempt(scope, attempt.id, current.revision, now);
}

beforeAll(async () => {
  const db = getDb();
  const now = new Date("2026-05-04T09:00:00Z");
  const add = (key: string, language: "en" | "sr-Latn" | "sr-Cyrl", answers: number[]) => {
    const { id } = db
      .insert(users)
      .values({ email: `${key}@items.test`, fullName: key, passwordHash: "x", institutionType: "court", language })
      .returning({ id: users.id })
      .get();
    ids.set(key, id);
    takeQuiz(id, answers, now);
  };
  PATTERN.forEach((answers, i) => add(`E${i + 1}`, "en", answers));
  PATTERN.forEach((answers, i) => add(`S${i + 1}`, "sr-Latn", answers));
  [1, 2, 3, 4].forEach((n) => add(`C${n}`, "sr-Cyrl", WRONG));

  const trainerUser = await createTestUser({ role: "trainer" });
  const otherTrainerUser = await createTestUser({ role: "trainer" });
  groupId = db.insert(groups).values({ name: "Radionica Novi Sad", joinCode: "ITEMS001" }).returning({ id: groups.id }).get().id;
  otherGroupId = db.insert(groups).values({ name: "Another workshop", joinCode: "ITEMS002" }).returning({ id: groups.id }).get().id;
  db.insert(groupTrainers).values({ groupId, userId: trainerUser.id, addedAt: now }).run();
  db.insert(groupTrainers).values({ groupId: otherGroupId, userId: otherTrainerUser.id, addedAt: now }).run();
  for (const key of ["E1", "E2", "E3", "E4", "E5", "S1", "S2", "S3", "S4", "S5"])
    db.insert(groupMembers)
      .values({ groupId, userId: ids.get(key)!, joinedAt: now })
      .run();
  for (const key of ["C1", "C2", "C3", "C4"])
    db.insert(groupMembers)
      .values({ groupId: otherGroupId, userId: ids.get(key)!, joinedAt: now })
      .run();

  reviewer = await signedIn(await createTestUser({ role: "reviewer" }));
  trainer = await signedIn(trainerUser);
  otherTrainer = await signedIn(otherTrainerUser);
  learner = await signedIn(await createTestUser({ role: "learner" }));
});

describe("the figures, from running sums", () => {
  test("facility, discrimination and alpha as worked out by hand", () => {
    expect(facilityOf(Q2)).toBeCloseTo(0.8);
    expect(discriminationOf(Q2)).toBeCloseTo(R_Q2, 10);
    expect(R_Q2).toBeCloseTo(0.5145, 4);
    // The five questions' sums over E1–E5 (y = T − x), and the attempts' totals T = 5 4 3 2 1.
    const items: ItemSums[] = [
      { attempts: 5, learners: 5, sumX: 5, sumXx: 5, sumY: 10, sumYy: 30, sumXy: 10 },
      Q2,
      { attempts: 5, learners: 5, sumX: 3, sumXx: 3, sumY: 12, sumYy: 34, sumXy: 9 },
      { attempts: 5, learners: 5, sumX: 2, sumXx: 2, sumY: 13, sumYy: 39, sumXy: 7 },
      { attempts: 5, learners: 5, sumX: 1, sumXx: 1, sumY: 14, sumYy: 46, sumXy: 4 },
    ];
    expect(alphaOf({ attempts: 5, learners: 5, sumK: 25, sumT: 15, sumTt: 55 }, items)).toBeCloseTo(ALPHA, 10);
    // q1: everyone right, so its score does not vary: no discrimination, and too easy.
    expect(discriminationOf(items[0])).toBeNull();
    expect(itemCells({ en: items[0], all: items[0] }).en.flags).toEqual(["tooEasy"]);
  });
});

type View = Awaited<ReturnType<typeof statisticsItems.loader>>;

async function reviewerView(query = "", jar = reviewer) {
  const result = await callLoader(statisticsItems.loader, get(`/statistics/items?course=fixture-course&module=basics${query}`, { jar }));
  expect(result.status).toBe(200);
  return result.data as View;
}

const question = (view: View, index: number) => view.questions.find((q) => q.id === drawn[index])!;
const quiz = (view: View) => view.quizzes.find((q) => q.moduleId === "basics")!;

describe("the reviewer's page", () => {
  test("per language: Serbian Latin as worked out by hand; Cyrillic (4 learners) hidden and English (5) hidden with it", async () => {
    const view = await reviewerView();
    const q2 = question(view, 1).cells;
    expect(q2["sr-Latn"].attempts).toBe(5);
    expect(q2["sr-Latn"].discrimination).toBeCloseTo(R_Q2, 10);
    // Four right answers: like any rate about fewer than five, the facility is hidden.
    expect(q2["sr-Latn"].facility).toBeNull();
    expect(question(view, 0).cells["sr-Latn"].facility).toBe(1);
    expect(question(view, 0).cells["sr-Latn"].flags).toEqual(["tooEasy"]);
    expect(q2["sr-Cyrl"]).toEqual({ attempts: null, facility: null, discrimination: null, flags: [] });
    expect(q2.en).toEqual({ attempts: null, facility: null, discrimination: null, flags: [] });
    expect(quiz(view).cells["sr-Latn"]).toEqual({ attempts: 5, learners: 5, alpha: expect.closeTo(ALPHA, 10) });
    expect(quiz(view).cells["sr-Cyrl"].learners).toBeNull();
    expect(quiz(view).cells.en.learners).toBeNull();
    expect(quiz(view).cells.all.learners).toBe(14);
    // All languages: 14 attempts, q2 right in 8.
    expect(q2.all.attempts).toBe(14);
    expect(q2.all.facility).toBeCloseTo(8 / 14);
  });

  test("how often each option was chosen: a count of 4 hidden, the shares of shown counts", async () => {
    const view = await reviewerView();
    const q1 = question(view, 0);
    const right = q1.parts.find((p) => p.correct && p.cells["sr-Latn"].count !== 0)!;
    expect(right.cells["sr-Latn"]).toEqual({ count: 5, share: 1 });
    expect(right.cells["sr-Cyrl"]).toEqual({ count: null, share: null });
    expect(right.cells.all.count).toBe(10);
    expect(right.cells.all.share).toBeCloseTo(10 / 14);
  });

  test("flagged questions carry their text in each language", async () => {
    const view = await reviewerView();
    const q1 = question(view, 0);
    expect(q1.flags).toContainEqual({ language: "sr-Latn", flag: "tooEasy" });
    expect(Object.keys(q1.prompts)).toEqual(["en", "sr-Latn", "sr-Cyrl"]);
    expect(q1.prompts["sr-Cyrl"]).toMatch(/[\u0400-\u04FF]/);
  });

  test("a group narrows it to its learners: both languages shown, the hand-worked figures over ten", async () => {
    const view = await reviewerView(`&group=${groupId}`);
    const q2 = question(view, 1).cells;
    expect(q2.en.attempts).toBe(5);
    expect(q2["sr-Cyrl"].attempts).toBe(0);
    expect(q2.all).toMatchObject({ attempts: 10, facility: 0.8 });
    expect(q2.all.discrimination).toBeCloseTo(R_Q2, 10);
    expect(quiz(view).cells.all.alpha).toBeCloseTo(ALPHA, 10);
    expect(quiz(view).cells.en.alpha).toBeCloseTo(ALPHA, 10);
  });

  test("wrong filters are refused with 400", async () => {
    for (const query of ["course=nope", "module=nope", "group=999999", "group=abc"]) {
      const result = await callLoader(statisticsItems.loader, get(`/statistics/items?${query}`, { jar: reviewer }));
      expect(result.status, query).toBe(400);
    }
  });
});

describe("who may see it", () => {
  test("a learner and a trainer are refused (403) the reviewers' page and files", async () => {
    for (const jar of [learner, trainer]) {
      expect((await callLoader(statisticsItems.loader, get("/statistics/items", { jar }))).status).toBe(403);
      expect((await callLoader(statisticsItemsExport.loader, get("/statistics/items/export?table=questions&format=csv", { jar }))).status).toBe(403);
    }
  });

  test("a trainer sees their group's learners only; another trainer's group is 404; a learner is refused", async () => {
    const own = await callLoader(groupItems.loader, get(`/trainer/groups/${groupId}/items?module=basics`, { jar: trainer }), { groupId: String(groupId) });
    expect(own.status).toBe(200);
    const view = own.data as View;
    expect(quiz(view).cells.all).toEqual({ attempts: 10, learners: 10, alpha: expect.closeTo(ALPHA, 10) });
    expect(quiz(view).cells["sr-Cyrl"].attempts).toBe(0);
    // A group in the query does not widen it.
    const widened = await callLoader(groupItems.loader, get(`/trainer/groups/${groupId}/items?module=basics&group=${otherGroupId}`, { jar: trainer }), { groupId: String(groupId) });
    expect(quiz(widened.data as View).cells.all.attempts).toBe(10);
    expect((await callLoader(groupItems.loader, get(`/trainer/groups/${otherGroupId}/items`, { jar: trainer }), { groupId: String(otherGroupId) })).status).toBe(404);
    expect((await callLoader(groupItemsExport.loader, get(`/trainer/groups/${otherGroupId}/items/export?table=quizzes&format=csv`, { jar: trainer }), { groupId: String(otherGroupId) })).status).toBe(
      404,
    );
    expect((await callLoader(groupItems.loader, get(`/trainer/groups/${groupId}/items`, { jar: learner }), { groupId: String(groupId) })).status).toBe(403);
    // The other trainer's group: four learners, all hidden.
    const four = await callLoader(groupItems.loader, get(`/trainer/groups/${otherGroupId}/items`, { jar: otherTrainer }), { groupId: String(otherGroupId) });
    expect(quiz(four.data as View).cells.all).toEqual({ attempts: null, learners: null, alpha: null });
  });
});

async function download(query: string, jar = reviewer) {
  const response = (await statisticsItemsExport.loader({
    request: get(`/statistics/items/export?course=fixture-course&module=basics&${query}`, { jar }),
    params: {},
    context: {},
  } as never)) as Response;
  return { response, buffer: await response.arrayBuffer() };
}

describe("files", () => {
  test("CSV: UTF-8 with a byte order mark, <5 for the cell of 4 and its complement, figures as on the page", async () => {
    const { response, buffer } = await download("table=quizzes&format=csv");
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = Buffer.from(buffer);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.toString("utf8"), { bom: true }) as string[][];
    const heading = rows[0];
    const basics = rows.find((row) => row[0] === "Basics")!;
    const at = (name: string) => basics[heading.indexOf(name)];
    expect(at("Српски (ћирилица): Learners")).toBe("<5");
    expect(at("English: Learners")).toBe("<5");
    expect(at("Srpski (latinica): Learners")).toBe("5");
    expect(Number(at("Srpski (latinica): Alpha"))).toBeCloseTo(ALPHA, 3);
    expect(at("All languages: Learners")).toBe("14");
  });

  test("XLSX: numbers as number cells, <5 as text", async () => {
    const { response, buffer } = await download("table=questions&format=xlsx");
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer);
    const sheet = workbook.worksheets[0];
    const heading = (sheet.getRow(1).values as string[]).slice(1);
    const column = (name: string) => heading.indexOf(name) + 1;
    const row = sheet.getRow(2 + (await reviewerView()).questions.findIndex((q) => q.id === drawn[1]));
    expect(row.getCell(column("All languages: Attempts")).value).toBe(14);
    expect(row.getCell(column("All languages: Facility (%)")).value).toBeCloseTo(57.1, 1);
    expect(row.getCell(column("Српски (ћирилица): Attempts")).value).toBe("<5");
    expect(row.getCell(column("Srpski (latinica): Discrimination")).value).toBeCloseTo(0.514, 3); // 6 / √136 = 0.514496
  });

  test("a trainer's files hold their group only", async () => {
    const response = (await groupItemsExport.loader({
      request: get(`/trainer/groups/${groupId}/items/export?module=basics&table=quizzes&format=csv`, { jar: trainer }),
      params: { groupId: String(groupId) },
      context: {},
    } as never)) as Response;
    const rows = parse(Buffer.from(await response.arrayBuffer()).toString("utf8"), { bom: true }) as string[][];
    const basics = rows.find((row) => row[0] === "Basics")!;
    expect(basics[rows[0].indexOf("All languages: Learners")]).toBe("10");
  });
});
