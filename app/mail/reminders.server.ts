import { effectiveDueAt, getLearnerAdjustments } from "~/models/adjustments.server";
import { mailWrittenAt } from "~/models/mail.server";
import { getAssignmentForMail, listAssignmentLearners, listCurrentAssignmentIds, listGroupAssignmentIds, listGroupsForDigest } from "~/models/mail-recipients.server";
import { inTransaction } from "~/models/transaction.server";
import { formatMailDate, mailT, publicLink, type Block, type Letter } from "./compose.server";
import { assignmentDedupeKey, describeAssignedModules, enqueueAssignmentMail } from "./notices.server";
import { enqueueMail } from "./outbox.server";

/** Days before the due date on which "due in 3 days" goes out. */
export const DUE_SOON_DAYS = 3;
/** After this many days past the due date no overdue reminder starts any more (a long outage, a late joiner). */
export const OVERDUE_WINDOW_DAYS = 7;
/** The trainer's digest covers assignments due at most this many days ago. */
export const DIGEST_LOOKBACK_DAYS = 14;
/** The digest goes out from this hour on Monday (Belgrade time), once per week. */
export const DIGEST_HOUR = 7;
/** At most this many names per list in a digest. */
const DIGEST_NAMES = 30;

const DAY_MS = 24 * 60 * 60 * 1000;
const belgradeParts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Belgrade", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", hourCycle: "h23", weekday: "short" });

/** The calendar day (YYYY-MM-DD) and hour of `date` in Belgrade, and its weekday (0 = Monday). */
export function belgradeTime(date: Date): { day: string; hour: number; weekday: number } {
  const parts = Object.fromEntries(belgradeParts.formatToParts(date).map((p) => [p.type, p.value]));
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), weekday: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(parts.weekday) };
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Which reminder a learner who has not finished is due at `now`, by Belgrade calendar days:
 * "overdue" from the day after the due date (for OVERDUE_WINDOW_DAYS days), "due" from three days
 * before it, but only for a learner told of the assignment (`toldAt`) before those three days began:
 * otherwise the new-assignment notice has just given the date.
 */
export function reminderStage(now: Date, dueAt: Date, toldAt: Date): "due" | "overdue" | null {
  const today = belgradeTime(now).day;
  const dueDay = belgradeTime(dueAt).day;
  if (today > dueDay) return today <= addDays(dueDay, OVERDUE_WINDOW_DAYS) ? "overdue" : null;
  const windowStart = addDays(dueDay, -DUE_SOON_DAYS);
  return today >= windowStart && belgradeTime(toldAt).day < windowStart ? "due" : null;
}

/** The week a digest written at `now` belongs to (its Monday), or null before Monday DIGEST_HOUR:00. */
export function digestWeek(now: Date): string | null {
  const { day, hour, weekday } = belgradeTime(now);
  if (weekday === 0 && hour < DIGEST_HOUR) return null;
  return addDays(day, -weekday);
}

export type ReminderReport = { new: number; due: number; overdue: number; digest: number };

/**
 * The reminder job: writes every reminder that is due to the outbox, each under its dedupe key, so
 * that running it again (another process, after a crash, an external cron) writes nothing twice.
 * Sending is delivery's business (app/mail/delivery.server.ts).
 */
export function runReminderJob(now: Date): ReminderReport {
  const report: ReminderReport = { new: 0, due: 0, overdue: 0, digest: 0 };
  const since = new Date(now.getTime() - (OVERDUE_WINDOW_DAYS + 1) * DAY_MS);
  for (const assignmentId of listCurrentAssignmentIds(since)) {
    // One transaction per assignment: a crash loses no more than the assignment in progress, which the next run redoes.
    inTransaction((tx) => {
      const assignment = getAssignmentForMail(assignmentId);
      if (!assignment) return;
      const adjustments = getLearnerAdjustments(assignment.groupId).get(assignment.id);
      const today = belgradeTime(now).day;
      for (const learner of listAssignmentLearners(assignment)) {
        const dueAt = effectiveDueAt(assignment, adjustments?.get(learner.id));
        // Members who joined after the assignment was set hear of it too, while it is not past due.
        if (today <= belgradeTime(dueAt).day && enqueueAssignmentMail(tx, "new", assignment, learner, dueAt, assignment.moduleIds, now)) report.new++;
        if (learner.missingModuleIds.length === 0 || learner.remindersOptOut) continue;
        // Reminders only for learners told of the assignment (not, say, someone who joined after it was due).
        const toldAt = mailWrittenAt(assignmentDedupeKey("new", assignment.id, learner.id));
        if (!toldAt) continue;
        const stage = reminderStage(now, dueAt, toldAt);
        if (stage && enqueueAssignmentMail(tx, stage, assignment, learner, dueAt, learner.missingModuleIds, now)) report[stage]++;
      }
    });
  }
  const week = digestWeek(now);
  if (week) report.digest = writeDigests(now, week);
  return report;
}

function nameList(t: ReturnType<typeof mailT>, key: string, names: string[]): Block {
  const shown =
    names.length === 0 ? t("mail.digest.nobody") : names.slice(0, DIGEST_NAMES).join(", ") + (names.length > DIGEST_NAMES ? `, ${t("mail.digest.more", { count: names.length - DIGEST_NAMES })}` : "");
  return { type: "small", text: t(key, { names: shown }) };
}

/** The weekly digest to each trainer of each group with current assignments: who finished, who is behind. */
function writeDigests(now: Date, week: string): number {
  let written = 0;
  const since = new Date(now.getTime() - DIGEST_LOOKBACK_DAYS * DAY_MS);
  const today = belgradeTime(now).day;
  for (const group of listGroupsForDigest(since)) {
    inTransaction((tx) => {
      const adjustments = getLearnerAdjustments(group.groupId);
      const assignments = listGroupAssignmentIds(group.groupId, since).flatMap((id) => {
        const assignment = getAssignmentForMail(id);
        if (!assignment) return [];
        const learners = listAssignmentLearners(assignment);
        const finished = learners.filter((l) => l.missingModuleIds.length === 0);
        const unfinished = learners.filter((l) => l.missingModuleIds.length > 0);
        const isOverdue = (l: (typeof learners)[number]) => today > belgradeTime(effectiveDueAt(assignment, adjustments.get(assignment.id)?.get(l.id))).day;
        return [{ assignment, total: learners.length, finished, overdue: unfinished.filter(isOverdue), behind: unfinished.filter((l) => !isOverdue(l)) }];
      });
      if (assignments.every((a) => a.total === 0)) return;
      for (const trainer of group.trainers) {
        const t = mailT(trainer.language);
        const blocks: Block[] = [
          { type: "paragraph", text: t("mail.greeting", { name: trainer.fullName }) },
          { type: "paragraph", text: t("mail.digest.body", { group: group.groupName, date: formatMailDate(now, trainer.language) }) },
        ];
        for (const { assignment, total, finished, overdue, behind } of assignments) {
          const { course } = describeAssignedModules(assignment.courseId, assignment.moduleIds, trainer.language);
          blocks.push({ type: "paragraph", text: t("mail.digest.assignment", { course, due: formatMailDate(assignment.dueAt, trainer.language), finished: finished.length, total }) });
          blocks.push(
            nameList(
              t,
              "mail.digest.finished",
              finished.map((l) => l.fullName),
            ),
          );
          if (overdue.length > 0)
            blocks.push(
              nameList(
                t,
                "mail.digest.overdue",
                overdue.map((l) => l.fullName),
              ),
            );
          blocks.push(
            nameList(
              t,
              "mail.digest.behind",
              behind.map((l) => l.fullName),
            ),
          );
        }
        blocks.push({ type: "link", label: t("mail.digest.action"), url: publicLink(`/trainer/groups/${group.groupId}`) });
        blocks.push({ type: "small", text: t("mail.automatic") }, { type: "small", text: t("mail.signature") });
        const letter: Letter = { subject: t("mail.digest.subject", { group: group.groupName }), blocks };
        const key = `trainer-digest:${group.groupId}:${trainer.id}:${week}`;
        if (enqueueMail(tx, { recipient: trainer.email, userId: trainer.id, kind: "trainer-digest", language: trainer.language, letter, dedupeKey: key, now })) written++;
      }
    });
  }
  return written;
}
