/**
 * The reminder job's stages through a real SMTP server on loopback: who gets what, when, in which
 * language, and that running the job again writes nothing twice. Time is passed in (March 2030).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { linksIn, startSmtpServer } from "../helpers/smtp";

const smtp = await startSmtpServer();
process.env.SMTP_URL = smtp.url;
afterAll(() => smtp.close());

const { mailMessages } = await import("#db/schema");
const { deliverDueMessages } = await import("~/mail/delivery.server");
const { enqueueAssignmentNotices } = await import("~/mail/notices.server");
const { runReminderJob } = await import("~/mail/reminders.server");
const { recordAdjustment } = await import("~/models/adjustments.server");
const { setRemindersOptOut } = await import("~/models/users.server");
const { getDb, inTransaction } = await import("~/utils/db.server");
const myLearning = await import("~/routes/my-learning");
const { createTestUser, signedIn } = await import("../helpers/auth");
const { callLoader, get } = await import("../helpers/http");
const { addTestMember, completeTestModule, createTestAssignment, createTestGroup } = await import("../helpers/assignment-fixtures");

/** Belgrade wall-clock time in March 2030 (UTC+1). */
const at = (day: string, time = "10:00") => new Date(`2030-03-${day}T${time}:00+01:00`);

async function runAt(now: Date) {
  const first = runReminderJob(now);
  // Another process, or the same one after a restart, running the job again writes nothing.
  expect(runReminderJob(now)).toEqual({ new: 0, due: 0, overdue: 0, digest: 0 });
  const before = smtp.received.length;
  await deliverDueMessages({ now: () => now });
  return { report: first, mails: smtp.received.slice(before) };
}

const subjects = (mails: typeof smtp.received) => mails.map((m) => `${m.to[0]}: ${m.subject}`).sort();

let trainer: Awaited<ReturnType<typeof createTestUser>>;
let done: Awaited<ReturnType<typeof createTestUser>>;
let behind: Awaited<ReturnType<typeof createTestUser>>;
let optedOut: Awaited<ReturnType<typeof createTestUser>>;
let extended: Awaited<ReturnType<typeof createTestUser>>;
let cyrillic: Awaited<ReturnType<typeof createTestUser>>;
let groupId: number;

beforeAll(async () => {
  trainer = await createTestUser({ role: "trainer", fullName: "Tamara Trenerka", language: "en" });
  done = await createTestUser({ fullName: "Aleksa Gotov" });
  behind = await createTestUser({ fullName: "Bojan <Kasni>" });
  optedOut = await createTestUser({ fullName: "Vesna Bez Podsetnika" });
  extended = await createTestUser({ fullName: "Dragan Produženi" });
  cyrillic = await createTestUser({ fullName: "Jelena Ćirilica", language: "sr-Cyrl" });
  const group = createTestGroup({ name: "Radionica <Beograd>", trainerId: trainer.id, memberIds: [done.id, behind.id, optedOut.id, extended.id, cyrillic.id] });
  groupId = group.id;
  const assignment = createTestAssignment({ groupId, trainerId: trainer.id, moduleIds: ["basics", "timed"], dueAt: at("15", "23:59"), createdAt: at("01"), note: "Prvo osnove." });
  inTransaction((tx) => enqueueAssignmentNotices(tx, assignment.id));
  completeTestModule(done.id, "basics");
  completeTestModule(done.id, "timed");
  completeTestModule(cyrillic.id, "basics");
  setRemindersOptOut(optedOut.id, true);
  recordAdjustment({ assignmentId: assignment.id, userId: extended.id, dueAt: at("25", "23:59"), extraAttempts: 0, extraMinutes: 0, changedBy: trainer.id, changedAt: at("02") });
  // The new-assignment notices went out when the assignment was made.
  await deliverDueMessages({ now: () => at("01") });
  expect(subjects(smtp.received)).toEqual(
    [done, behind, optedOut, extended]
      .map((l) => `${l.email}: New assignment: Fixture course`)
      .concat(`${cyrillic.email}: Нови задатак: Пробни курс`)
      .sort(),
  );
});

describe("the reminder job", () => {
  test("three days before: 'due' to learners not done and not opted out, by their own due date; the trainer's weekly digest", async () => {
    const { report, mails } = await runAt(at("13"));
    expect(report).toEqual({ new: 0, due: 2, overdue: 0, digest: 1 });
    expect(subjects(mails)).toEqual(
      [`${behind.email}: Due in 3 days: Fixture course`, `${cyrillic.email}: Рок за 3 дана: Пробни курс`, `${trainer.email}: Weekly progress: Radionica <Beograd>`].sort(),
    );
    const toBehind = mails.find((m) => m.to[0] === behind.email)!;
    expect(toBehind.text).toContain("- Basics\n- Timed module");
    expect(toBehind.text).toContain("15 March 2030");
    expect(toBehind.html).toContain("Bojan &lt;Kasni&gt;");
    expect(toBehind.html).not.toContain("<Kasni>");
    // Only the module still to do; in Cyrillic.
    const toCyrillic = mails.find((m) => m.to[0] === cyrillic.email)!;
    expect(toCyrillic.language).toBe("sr-Cyrl");
    expect(toCyrillic.text).toContain("- Модул са временом");
    expect(toCyrillic.text).not.toContain("Основе\n");
    // The link works for the learner.
    expect(linksIn(toBehind)).toContain("http://localhost:3000/my-learning");
    expect((await callLoader(myLearning.loader, get("/my-learning", { jar: await signedIn(behind) }))).status).toBe(200);
    expect(linksIn(toBehind)).toContain("http://localhost:3000/account");

    const digest = mails.find((m) => m.to[0] === trainer.email)!;
    expect(digest.text).toContain("Fixture course, due 15 March 2030: 1 of 5 finished.");
    expect(digest.text).toContain("Finished: Aleksa Gotov");
    expect(digest.text).toContain("Not finished yet: Bojan <Kasni>, Dragan Produženi, Jelena Ćirilica, Vesna Bez Podsetnika");
    expect(digest.html).toContain("Radionica &lt;Beograd&gt;");
    expect(linksIn(digest)).toContain(`http://localhost:3000/trainer/groups/${groupId}`);
  });

  test("the day after the due date: 'overdue' to the same learners; the digest only once a week", async () => {
    expect((await runAt(at("15", "23:00"))).report).toEqual({ new: 0, due: 0, overdue: 0, digest: 0 });
    const { report, mails } = await runAt(at("16", "00:15"));
    expect(report).toEqual({ new: 0, due: 0, overdue: 2, digest: 0 });
    expect(subjects(mails)).toEqual([`${behind.email}: Overdue: Fixture course`, `${cyrillic.email}: Рок је истекао: Пробни курс`].sort());
  });

  test("a learner who finishes is reminded no more; the next week's digest shows who is overdue", async () => {
    completeTestModule(cyrillic.id, "timed");
    expect((await runAt(at("18", "06:30"))).report).toEqual({ new: 0, due: 0, overdue: 0, digest: 0 });
    const { report, mails } = await runAt(at("18", "07:30"));
    expect(report).toEqual({ new: 0, due: 0, overdue: 0, digest: 1 });
    expect(mails[0].text).toContain("2 of 5 finished.");
    expect(mails[0].text).toContain("Finished: Aleksa Gotov, Jelena Ćirilica");
    expect(mails[0].text).toContain("Overdue, not finished: Bojan <Kasni>, Vesna Bez Podsetnika");
    expect(mails[0].text).toContain("Not finished yet: Dragan Produženi");
  });

  test("an adjusted due date moves that learner's reminders; a member who joins later hears of the assignment", async () => {
    const late = await createTestUser({ fullName: "Zora Kasnije", language: "sr-Latn" });
    addTestMember(groupId, late.id);
    const { report, mails } = await runAt(at("22"));
    expect(report).toEqual({ new: 0, due: 1, overdue: 0, digest: 0 });
    expect(subjects(mails)).toEqual([`${extended.email}: Due in 3 days: Fixture course`]);
    expect(mails[0].text).toContain("25 March 2030");
    // The late joiner: the assignment was past due when they joined, so neither "new" nor reminders.
    const rows = getDb()
      .select()
      .from(mailMessages)
      .all()
      .filter((m) => m.userId === late.id);
    expect(rows).toEqual([]);
  });

  test("after the overdue week nothing more is sent; the extended learner's overdue comes on their own day", async () => {
    const { report, mails } = await runAt(at("26", "09:00"));
    expect(report).toEqual({ new: 0, due: 0, overdue: 1, digest: 1 });
    expect(subjects(mails)).toEqual([`${extended.email}: Overdue: Fixture course`, `${trainer.email}: Weekly progress: Radionica <Beograd>`].sort());
    const last = await runAt(at("31", "12:00"));
    expect(last.report).toEqual({ new: 0, due: 0, overdue: 0, digest: 0 });
    // Nobody received a stage twice.
    const keys = getDb()
      .select({ key: mailMessages.dedupeKey })
      .from(mailMessages)
      .all()
      .map((r) => r.key)
      .filter(Boolean);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
