/**
 * Runs Trag's mail work in a process of its own, as a serving process or `npm run reminders`
 * would, for tests that race two processes or kill one mid-send. Started by tests/helpers/mail-jobs.ts
 * with DATA_DIR, COURSES_DIR, PUBLIC_URL and SMTP_URL in its environment.
 *
 * Argument: "jobs" (the reminder job if the lease is free, then delivery) or "deliver".
 * Prints its report as one JSON line.
 */
import { deliverDueMessages } from "~/mail/delivery.server";
import { runMailJobsOnce } from "~/mail/scheduler.server";

const what = process.argv.at(-1);
// Two processes racing start their work at the same moment.
const startAt = Number(process.env.MAIL_CHILD_START_AT ?? 0);
if (startAt > Date.now()) await new Promise((resolve) => setTimeout(resolve, startAt - Date.now()));
const report = what === "deliver" ? await deliverDueMessages() : await runMailJobsOnce({ force: true });
console.log(JSON.stringify(report));
