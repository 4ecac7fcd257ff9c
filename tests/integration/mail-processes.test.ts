/**
 * Once-only across processes and crashes (docs/decisions, the scheduler's once-only design):
 * two job runners racing, a process killed between the SMTP server's acceptance and its record of
 * it, and one killed mid-run with nothing in flight. The mail work runs in child processes on the
 * test's database; the SMTP server runs here, on loopback.
 */
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import { startSmtpServer, type ReceivedMail } from "../helpers/smtp";

let onReceived: ((mail: ReceivedMail) => void | Promise<void>) | undefined;
let onConnect: (() => void | Promise<void>) | undefined;
const smtp = await startSmtpServer({ onReceived: (mail) => onReceived?.(mail), onConnect: () => onConnect?.() });
process.env.SMTP_URL = smtp.url;
afterAll(() => smtp.close());

const { eq, inArray } = await import("drizzle-orm");
const { mailMessages } = await import("#db/schema");
const { deliverDueMessages, STALE_CLAIM_MS } = await import("~/mail/delivery.server");
const { enqueueInvitation } = await import("~/mail/notices.server");
const { acquireJobLease, releaseJobLease } = await import("~/models/mail.server");
const { getDb, inTransaction } = await import("~/utils/db.server");
const { createTestUser } = await import("../helpers/auth");
const { createTestAssignment, createTestGroup } = await import("../helpers/assignment-fixtures");
const { killNow, runMailChild } = await import("../helpers/mail-jobs");

const DAY = 24 * 60 * 60 * 1000;

beforeEach(() => {
  onReceived = undefined;
  onConnect = undefined;
  smtp.received.length = 0;
});

async function invite(count: number) {
  const learners = await Promise.all(Array.from({ length: count }, () => createTestUser()));
  inTransaction((tx) => learners.forEach((learner) => enqueueInvitation(tx, learner.id)));
  return learners;
}

const rowsOf = (userIds: number[]) => getDb().select().from(mailMessages).where(inArray(mailMessages.userId, userIds)).all();

describe("the reminder job's lease", () => {
  // One connection plays both holders: the calls take turns, so each sees the other's committed
  // lease as another process would. Two processes at the same moment are the next test's.
  test("is held by one holder at a time, spaces runs by the interval, and is taken over when a holder dies", () => {
    const t0 = new Date("2030-01-01T10:00:00Z");
    const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
    expect(acquireJobLease("lease-test", "first", t0, 10 * 60_000, 15 * 60_000)).toBe(true);
    expect(acquireJobLease("lease-test", "second", minutes(1), 10 * 60_000, 15 * 60_000)).toBe(false);
    expect(acquireJobLease("lease-test", "second", minutes(1), 10 * 60_000, 0)).toBe(false); // forced, but held
    releaseJobLease("lease-test", "first", minutes(2));
    expect(acquireJobLease("lease-test", "second", minutes(3), 10 * 60_000, 15 * 60_000)).toBe(false); // ran 3 minutes ago
    expect(acquireJobLease("lease-test", "second", minutes(3), 10 * 60_000, 0)).toBe(true); // `npm run reminders`
    // "second" dies without releasing: nobody gets the lease until it expires.
    expect(acquireJobLease("lease-test", "first", minutes(12), 10 * 60_000, 0)).toBe(false);
    expect(acquireJobLease("lease-test", "first", minutes(13), 10 * 60_000, 0)).toBe(true);
  });
});

describe("two processes running the job at the same moment", () => {
  test("deliver every reminder exactly once", async () => {
    const trainer = await createTestUser({ role: "trainer" });
    const learners = await Promise.all(Array.from({ length: 6 }, () => createTestUser()));
    const group = createTestGroup({ trainerId: trainer.id, memberIds: learners.map((l) => l.id) });
    // Set without notices: the job writes the new-assignment notices.
    createTestAssignment({ groupId: group.id, trainerId: trainer.id, moduleIds: ["basics"], dueAt: new Date(Date.now() + 20 * DAY) });

    const startAt = Date.now() + 4000;
    const [a, b] = [runMailChild("jobs", { startAt }), runMailChild("jobs", { startAt })];
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect(ra.code, ra.output).toBe(0);
    expect(rb.code, rb.output).toBe(0);

    const rows = rowsOf([trainer.id, ...learners.map((l) => l.id)]);
    expect(rows.filter((r) => r.kind === "assignment-new")).toHaveLength(6);
    const forThem = smtp.received.filter((m) => rows.some((r) => r.messageId === m.messageId));
    expect(forThem).toHaveLength(rows.length);
    expect(new Set(forThem.map((m) => m.messageId)).size).toBe(rows.length);
    expect(rows.every((r) => r.status === "sent")).toBe(true);
    const written = (ra.report.reminders?.new ?? 0) + (rb.report.reminders?.new ?? 0);
    expect(written).toBe(6);
  });
});

describe("a process killed", () => {
  test("between the SMTP server's acceptance and its record: the message is sent again (same Message-ID) after the stale timeout, never lost", async () => {
    const [learner] = await invite(1);
    const run = runMailChild("deliver");
    onReceived = () => killNow(run);
    const ended = await run.done;
    expect(ended.signal).toBe("SIGKILL");
    expect(smtp.received).toHaveLength(1);
    const [claimed] = rowsOf([learner.id]);
    expect(claimed).toMatchObject({ status: "sending", attempts: 1 });
    onReceived = undefined;

    // A restarted process leaves a fresh claim alone …
    expect(await deliverDueMessages()).toEqual({ sent: 0, retried: 0, failed: 0 });
    // … and takes it over once it is stale.
    expect(await deliverDueMessages({ now: () => new Date(Date.now() + STALE_CLAIM_MS + 1000) })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(2);
    expect(smtp.received[1].messageId).toBe(smtp.received[0].messageId);
    expect(rowsOf([learner.id])[0]).toMatchObject({ status: "sent", attempts: 2 });
  });

  test("mid-run with nothing in flight: after a restart every message arrives exactly once", async () => {
    const learners = await invite(4);
    const run = runMailChild("deliver");
    // Killed as it connects for the third message: two sent and recorded, the third claimed, not sent.
    let connections = 0;
    onConnect = async () => {
      if (connections++ === 2) {
        await killNow(run);
        throw Object.assign(new Error("Going away"), { responseCode: 421 });
      }
    };
    expect((await run.done).signal).toBe("SIGKILL");
    onConnect = undefined;
    expect(smtp.received).toHaveLength(2);
    const states = rowsOf(learners.map((l) => l.id))
      .map((r) => r.status)
      .sort();
    expect(states).toEqual(["pending", "sending", "sent", "sent"]);

    // The restart: a new process delivers the rest; the stale claim once its timeout has passed.
    const restarted = runMailChild("deliver");
    expect((await restarted.done).report).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await deliverDueMessages({ now: () => new Date(Date.now() + STALE_CLAIM_MS + 1000) })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(learners.map((l) => l.email).sort());
    expect(rowsOf(learners.map((l) => l.id)).every((r) => r.status === "sent")).toBe(true);
    const [one] = learners;
    expect(getDb().select().from(mailMessages).where(eq(mailMessages.userId, one.id)).all()).toHaveLength(1);
  });
});
