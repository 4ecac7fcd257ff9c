import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { quizAnswers, quizAttempts, users } from "#db/schema";
import { formatVerificationCode } from "~/certificates/verification-code";
import { sendEmailVerification } from "~/accounts/email-links.server";
import { listAuditEvents } from "~/models/audit.server";
import { recordAdjustment } from "~/models/adjustments.server";
import { coveredReferences, PERSONAL_DATA } from "~/models/personal-data.server";
import * as accountData from "~/routes/account_.data";
import * as accountDelete from "~/routes/account_.delete";
import * as adminData from "~/routes/admin.users_.$userId.data";
import * as adminDelete from "~/routes/admin.users_.$userId.delete";
import * as progressExport from "~/routes/trainer.groups.$groupId_.progress.export.$format";
import * as statisticsExport from "~/routes/statistics.export";
import * as verify from "~/routes/verify.$code";
import { getDb } from "~/utils/db.server";
import { createTestUser, logIn, postForm, signedIn, type TestUser } from "../helpers/auth";
import { createTestAssignment, createTestGroup } from "../helpers/assignment-fixtures";
import { callAction, callLoader, CookieJar, get, settle } from "../helpers/http";
import { completeCourse } from "../helpers/learning";

const client = () => getDb().$client;

/** Every `table.column` that refers to users: the schema's foreign keys, and columns named like a user reference. */
function userReferences(): Set<string> {
  const tables = client().prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%drizzle%'").pluck().all() as string[];
  const found = new Set<string>();
  for (const table of tables) {
    for (const key of client().pragma(`foreign_key_list(${JSON.stringify(table)})`) as { table: string; from: string }[]) {
      if (key.table === "users") found.add(`${table}.${key.from}`);
    }
    for (const column of client().pragma(`table_info(${JSON.stringify(table)})`) as { name: string }[]) {
      if (/(^|_)user_id$|^(actor|subject)_id$|_by$/.test(column.name)) found.add(`${table}.${column.name}`);
    }
  }
  return found;
}

/** How many rows each PERSONAL_DATA section holds for the person now. */
function countsFor(userId: number, email: string) {
  return Object.fromEntries(
    PERSONAL_DATA.map((holding) => [
      holding.section,
      getDb()
        .select({ n: sql<number>`count(*)` })
        .from(holding.table as typeof users)
        .where(holding.rows({ id: userId, email }))
        .get()!.n,
    ]),
  );
}

/** The dashboard's counters summed over every cell: erasure must leave them as they were. */
function statisticsTotals() {
  return client()
    .prepare(
      "select sum(registered) r, sum(started) s, sum(course_completions) cc, sum(certificates_issued) ci, sum(active) a, sum(began) b, sum(completed) c, sum(first_attempts) fa, sum(passed) p from stats_monthly",
    )
    .get();
}

async function download(route: typeof accountData | typeof adminData, path: string, jar: CookieJar, params = {}) {
  return settle(() => route.loader({ request: get(path, { jar }), params, context: { clientAddress: "198.51.100.4" } }));
}

let admin: TestUser;
let adminJar: CookieJar;
let trainer: TestUser;

/** A learner with something in every place Trag keeps data about a person. */
let learners = 0;
async function busyLearner() {
  learners += 1;
  const learner = await createTestUser({ fullName: `Jelena Šćepanović ${"I".repeat(learners)}` });
  const certificate = completeCourse(learner.id);
  const attempt = getDb().select().from(quizAttempts).where(eq(quizAttempts.userId, learner.id)).get()!;
  getDb()
    .insert(quizAnswers)
    .values({ attemptId: attempt.id, questionId: "q1", response: { choice: "a" }, score: 1, answeredAt: new Date() })
    .run();
  const group = createTestGroup({ trainerId: trainer.id, memberIds: [learner.id] });
  const assignment = createTestAssignment({ groupId: group.id, trainerId: trainer.id, moduleIds: ["basics"], dueAt: new Date("2026-12-31T22:59:59Z") });
  recordAdjustment({ assignmentId: assignment.id, userId: learner.id, dueAt: null, extraAttempts: 1, extraMinutes: 0, changedBy: trainer.id, changedAt: new Date() });
  getDb().update(users).set({ organisation: "Viši sud u Nišu", district: "nisava" }).where(eq(users.id, learner.id)).run();
  expect(sendEmailVerification(learner.id, new Date())).toBe(true);
  const jar = await signedIn(learner);
  return { learner, jar, certificate, group };
}

beforeAll(async () => {
  admin = await createTestUser({ role: "admin" });
  adminJar = await signedIn(admin);
  trainer = await createTestUser({ role: "trainer" });
});

describe("coverage", () => {
  test("every table column that refers to users is in the export and has an erasure rule", () => {
    const references = userReferences();
    // A sanity check on the schema reading itself: these must be among them.
    expect(references).toContain("sessions.user_id");
    expect(references).toContain("audit_events.subject_id");
    expect([...references].filter((reference) => !coveredReferences().has(reference)).sort()).toEqual([]);
    expect([...coveredReferences()].filter((reference) => !references.has(reference)).sort()).toEqual([]);
  });
});

describe("a learner's own data", () => {
  test("the download holds every section, as many rows as the database, and no secrets", async () => {
    const { learner, jar } = await busyLearner();
    const result = await download(accountData, "/account/data", jar);
    expect(result.status).toBe(200);
    expect(result.headers.get("Content-Type")).toContain("application/json");
    expect(result.headers.get("Content-Disposition")).toMatch(/^attachment; filename="trag-personal-data-\d+-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(result.headers.get("Cache-Control")).toBe("private, no-store");
    const file = result.data as Record<string, any>;
    expect(file).toMatchObject({ format: "trag-personal-data/1", userId: learner.id });
    expect(file.profile).toEqual([expect.objectContaining({ email: learner.email, fullName: learner.fullName, organisation: "Viši sud u Nišu" })]);
    const counts = countsFor(learner.id, learner.email);
    for (const holding of PERSONAL_DATA) expect(file[holding.section]?.length, holding.section).toBe(counts[holding.section]);
    // Everything a learner who did all of this has is there (the sections for trainers' work are empty for a learner).
    const learnerSections = PERSONAL_DATA.map((holding) => holding.section).filter((section) => !["groupsTrained", "groupsCreated", "assignmentsCreated", "adjustmentsMade"].includes(section));
    expect(learnerSections.filter((section) => file[section].length === 0)).toEqual([]);
    expect(file.auditEvents.map((event: { kind: string }) => event.kind)).toEqual(["certificate.issued", "login.succeeded", "data.exported"]);
    const text = JSON.stringify(file);
    const stored = getDb().select().from(users).where(eq(users.id, learner.id)).get()!;
    expect(text).not.toContain(stored.passwordHash);
    expect(text).not.toContain("passwordHash");
    expect(text).not.toContain("tokenHash");
    expect(file.sessions[0]).not.toHaveProperty("id");
    expect(listAuditEvents({ kind: "data.exported", userId: learner.id })).toMatchObject([{ actorId: learner.id, subjectId: learner.id }]);
  });

  test("signed out, the download sends the browser to sign in", async () => {
    const result = await download(accountData, "/account/data", new CookieJar());
    expect(result.status).toBe(302);
    expect(result.location).toMatch(/^\/login\?/);
  });

  test("deleting the account asks for the password, then erases what is personal, keeps certificates verifiable and statistics counted", async () => {
    const { learner, jar, certificate } = await busyLearner();
    const before = countsFor(learner.id, learner.email);
    const totals = statisticsTotals();

    expect((await callLoader(accountDelete.loader, get("/account/delete", { jar }))).status).toBe(200);
    const wrong = await callAction(accountDelete.action, await postForm("/account/delete", { intent: "erase", password: "not it" }, jar));
    expect(wrong.status).toBe(400);
    expect(wrong.data).toEqual({ error: "errors.password.current" });
    const empty = await callAction(accountDelete.action, await postForm("/account/delete", { intent: "erase", password: "" }, jar));
    expect(empty.status).toBe(400);
    expect(countsFor(learner.id, learner.email)).toEqual(before);

    const done = await callAction(accountDelete.action, await postForm("/account/delete", { intent: "erase", password: learner.password }, jar));
    expect(done.status).toBe(302);
    expect(done.location).toBe("/account-deleted");
    expect(done.headers.get("Set-Cookie")).toMatch(/trag_session=;.*Max-Age=0/);

    const after = countsFor(learner.id, learner.email);
    for (const holding of PERSONAL_DATA) {
      if (holding.erasure === "delete") expect(after[holding.section], holding.section).toBe(0);
      // The audit log keeps its entries and gains the erasure's.
      if (holding.erasure === "keep") expect(after[holding.section], holding.section).toBe(before[holding.section] + (holding.section === "auditEvents" ? 1 : 0));
    }
    const row = getDb().select().from(users).where(eq(users.id, learner.id)).get()!;
    expect(row).toMatchObject({ fullName: "", organisation: null, district: null, active: false, emailVerifiedAt: null });
    expect(row.email).not.toContain(learner.email);
    expect(row.erasedAt).toBeInstanceOf(Date);

    // The name and address are nowhere any more but in the certificate (the issuer's record of what it certified).
    const tables = client().prepare("select name from sqlite_master where type = 'table' and name not in ('certificates') and name not like 'search_%'").pluck().all() as string[];
    for (const table of tables) {
      const dump = JSON.stringify(client().prepare(`select * from "${table}"`).all());
      expect(dump, table).not.toContain(learner.email);
      expect(dump, table).not.toContain(learner.fullName);
    }

    expect(statisticsTotals()).toEqual(totals);
    expect(listAuditEvents({ kind: "account.erased", userId: learner.id })).toMatchObject([{ actorId: learner.id, subjectId: learner.id }]);
    expect((await logIn(new CookieJar(), learner.email, learner.password)).status).toBe(400);
    // The old session cookie no longer signs anyone in.
    expect((await callLoader(accountDelete.loader, get("/account/delete", { jar }))).status).toBe(302);

    const code = formatVerificationCode(certificate.code);
    const verified = await settle(() => verify.loader({ request: get(`/verify/${code}`), params: { code }, context: { clientAddress: "192.0.2.50" } } as never));
    expect(verified.status).toBe(200);
    expect(verified.data.view).toMatchObject({ status: "valid", accountDeleted: true, learnerName: learner.fullName });
  });

  test("a form without the right intent is refused with 400 and changes nothing", async () => {
    const { learner, jar } = await busyLearner();
    const result = await callAction(accountDelete.action, await postForm("/account/delete", { password: learner.password }, jar));
    expect(result.status).toBe(400);
    expect(getDb().select().from(users).where(eq(users.id, learner.id)).get()?.erasedAt).toBeNull();
  });
});

describe("an admin, for any user", () => {
  test("downloads a user's data, recorded with the admin as actor; learners cannot", async () => {
    const { learner, jar } = await busyLearner();
    const result = await download(adminData, `/admin/users/${learner.id}/data`, adminJar, { userId: String(learner.id) });
    expect(result.status).toBe(200);
    expect(result.data.profile[0].email).toBe(learner.email);
    expect(listAuditEvents({ kind: "data.exported", userId: learner.id })).toMatchObject([{ actorId: admin.id, subjectId: learner.id }]);
    expect((await download(adminData, `/admin/users/${admin.id}/data`, jar, { userId: String(admin.id) })).status).toBe(403);
    for (const userId of ["999999", "abc", "1e3", "-1"]) expect((await download(adminData, `/admin/users/${userId}/data`, adminJar, { userId })).status, userId).toBe(404);
  });

  test("deletes another user's account after typing their own password; not their own, not twice", async () => {
    const { learner } = await busyLearner();
    const path = `/admin/users/${learner.id}/delete`;
    const params = { userId: String(learner.id) };
    const page = await callLoader(adminDelete.loader, get(path, { jar: adminJar }), params);
    expect(page.data.user).toMatchObject({ fullName: learner.fullName, email: learner.email });
    expect((await callLoader(adminDelete.loader, get(`/admin/users/${admin.id}/delete`, { jar: adminJar }), { userId: String(admin.id) })).status).toBe(400);
    const wrong = await callAction(adminDelete.action, await postForm(path, { intent: "erase", password: learner.password }, adminJar), params);
    expect(wrong.status).toBe(400);
    const done = await callAction(adminDelete.action, await postForm(path, { intent: "erase", password: admin.password }, adminJar), params);
    expect(done.status).toBe(302);
    expect(done.location).toBe("/admin/users?done=erased");
    expect(countsFor(learner.id, learner.email).sessions).toBe(0);
    expect(listAuditEvents({ kind: "account.erased", userId: learner.id })).toMatchObject([{ actorId: admin.id, subjectId: learner.id }]);
    expect((await callLoader(adminDelete.loader, get(path, { jar: adminJar }), params)).status).toBe(404);
    expect((await callAction(adminDelete.action, await postForm(path, { intent: "erase", password: admin.password }, adminJar), params)).status).toBe(404);
  });
});

describe("exports of other people's records", () => {
  test("the trainers' progress export and the reviewers' statistics export are recorded", async () => {
    const { group } = await busyLearner();
    const trainerJar = await signedIn(trainer);
    const response = (await progressExport.loader({
      request: get(`/trainer/groups/${group.id}/progress/export/csv`, { jar: trainerJar }),
      params: { groupId: String(group.id), format: "csv" },
      context: {},
    })) as Response;
    expect(response.status).toBe(200);
    const reviewer = await createTestUser({ role: "reviewer" });
    const reviewerJar = await signedIn(reviewer);
    const stats = (await statisticsExport.loader({ request: get("/statistics/export?table=totals&format=csv", { jar: reviewerJar }), params: {}, context: {} } as never)) as Response;
    expect(stats.status).toBe(200);
    const exports = listAuditEvents({ kind: "export.downloaded" });
    expect(exports.find((event) => event.actorId === trainer.id)).toMatchObject({ details: { export: "progress", groupId: group.id, format: "csv" } });
    expect(exports.find((event) => event.actorId === reviewer.id)).toMatchObject({ details: { export: "statistics", table: "totals", format: "csv" } });
  });
});
