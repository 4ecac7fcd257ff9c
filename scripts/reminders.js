// @ts-check
// `npm run reminders`: runs the reminder job and delivers the messages that are due, once, then
// exits: for those who prefer an external cron to the scheduler inside the server. Runs over the
// built app like the serving processes (building it first if the sources changed); the job's lease
// keeps it from running at the same moment as a server's run, and its dedupe keys from writing a
// reminder twice.
import { pathToFileURL } from "node:url";
import { buildIfNeeded } from "./build-if-needed.js";
import { BUILD } from "./serve.js";

buildIfNeeded();
process.env.NODE_ENV = "production";
const build = await import(pathToFileURL(BUILD).href);
/** @type {typeof import("../app/mail/scheduler.server").runMailJobsOnce} */
const runMailJobsOnce = build.entry.module.runMailJobsOnce;
try {
  const { reminders, delivery } = await runMailJobsOnce({ force: true });
  if (reminders) console.log(`Reminders written: ${reminders.new} new-assignment, ${reminders.due} due in 3 days, ${reminders.overdue} overdue, ${reminders.digest} weekly digests.`);
  else console.log("Another process is running the reminder job at this moment; it writes the reminders.");
  if (process.env.SMTP_URL) console.log(`Sent ${delivery.sent}; ${delivery.retried} to try again later; ${delivery.failed} failed (see /admin/outbox).`);
  else console.log("SMTP_URL is not set: messages stay in the outbox (/admin/outbox).");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
