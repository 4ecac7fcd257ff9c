import crypto from "node:crypto";
import os from "node:os";
import { acquireJobLease, releaseJobLease } from "~/models/mail.server";
import { deliverDueMessages, enableDeliveryOnRequest, type DeliveryReport } from "./delivery.server";
import { runReminderJob, type ReminderReport } from "./reminders.server";

/** The reminder job runs this often, in one process at a time. */
export const REMINDER_INTERVAL_MS = 15 * 60 * 1000;
/** A run holds the lease at most this long; a process that died mid-run leaves it to expire. */
export const LEASE_TTL_MS = 10 * 60 * 1000;
/** How often each serving process looks: whether the job is due, and for messages to (re)send. */
const TICK_MS = 60 * 1000;
const JOB = "reminders";

/** This process's name in the lease row. */
export const LEASE_HOLDER = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;

/**
 * Runs the reminder job if this process gets its lease (`force`: even if the last run started less
 * than REMINDER_INTERVAL_MS ago, for `npm run reminders`), then delivers whatever is due.
 * `reminders` is null when another process holds the lease, or ran the job too recently.
 */
export async function runMailJobsOnce(options: { now?: () => Date; holder?: string; force?: boolean } = {}): Promise<{ reminders: ReminderReport | null; delivery: DeliveryReport }> {
  const now = options.now ?? (() => new Date());
  const holder = options.holder ?? LEASE_HOLDER;
  let reminders: ReminderReport | null = null;
  if (acquireJobLease(JOB, holder, now(), LEASE_TTL_MS, options.force ? 0 : REMINDER_INTERVAL_MS)) {
    try {
      reminders = runReminderJob(now());
    } finally {
      releaseJobLease(JOB, holder, now());
    }
  }
  return { reminders, delivery: await deliverDueMessages({ now }) };
}

/** Runs `work` unless it is running already in this process; then once more when it ends. `idle` resolves when no run is going on. */
function serialised(work: () => Promise<unknown>) {
  let running: Promise<void> | undefined;
  let again = false;
  const run = async () => {
    try {
      do {
        again = false;
        await work();
      } while (again);
    } catch (error) {
      console.error("Trag mail:", error);
    }
  };
  const start = () => {
    if (running) again = true;
    else
      running = run().finally(() => {
        running = undefined;
      });
  };
  return Object.assign(start, { idle: () => running ?? Promise.resolve() });
}

/**
 * Starts the mail work of a serving process: every minute, the reminder job when its lease is free
 * and due, and delivery; and delivery as soon as a request has written a message. Returns a stop
 * function, which resolves when the mail work in progress has ended.
 */
export function startMailScheduler(): () => Promise<void> {
  const deliver = serialised(() => deliverDueMessages());
  const tick = serialised(() => runMailJobsOnce());
  enableDeliveryOnRequest(deliver);
  const timer = setInterval(tick, TICK_MS);
  timer.unref();
  tick();
  return async () => {
    clearInterval(timer);
    enableDeliveryOnRequest(undefined);
    await Promise.all([deliver.idle(), tick.idle()]);
  };
}
