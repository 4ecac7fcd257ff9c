import { findCourse, findModule, localize } from "~/content/courses.server";
import type { Language } from "~/content/languages";
import { getAssignmentForMail, getLatestGroupOf, getMailRecipient, listAssignmentLearners, type AssignmentForMail } from "~/models/mail-recipients.server";
import { createUserToken, TOKEN_LIFETIME_MS } from "~/models/tokens.server";
import type { Db } from "~/utils/db.server";
import { formatMailDate, mailT, publicLink, type Block, type Letter } from "./compose.server";
import { enqueueMail } from "./outbox.server";

function greeting(language: Language, name: string): Block {
  return { type: "paragraph", text: mailT(language)("mail.greeting", { name }) };
}

function footer(language: Language): Block[] {
  const t = mailT(language);
  return [
    { type: "small", text: t("mail.automatic") },
    { type: "small", text: t("mail.signature") },
  ];
}

/**
 * The invitation to an account created for someone else (a trainer's import): a link to choose a
 * password, valid for 14 days and once. Written in the caller's transaction.
 */
export function enqueueInvitation(tx: Db, userId: number): void {
  const user = getMailRecipient(userId);
  if (!user) throw new Error(`enqueueInvitation: no user ${userId}`);
  const now = new Date();
  const token = createUserToken(tx, { userId, purpose: "invitation", email: user.email, now });
  const group = getLatestGroupOf(userId);
  const t = mailT(user.language);
  const letter: Letter = {
    subject: t("mail.invitation.subject"),
    blocks: [
      greeting(user.language, user.fullName),
      { type: "paragraph", text: t("mail.invitation.body") },
      ...(group ? [{ type: "paragraph" as const, text: t("mail.invitation.group", { trainer: group.trainerName ?? "Trag", group: group.name }) }] : []),
      { type: "link", label: t("mail.invitation.action"), url: publicLink(`/reset-password/${token}`) },
      { type: "paragraph", text: t("mail.invitation.expiry", { date: formatMailDate(new Date(now.getTime() + TOKEN_LIFETIME_MS.invitation), user.language) }) },
      ...footer(user.language),
    ],
  };
  enqueueMail(tx, { recipient: user.email, userId, kind: "invitation", language: user.language, letter, now });
}

/** The emails that carry one single-use link for an active user: what they say, and where the link goes. */
const LINK_LETTERS = {
  "password-reset": { keys: "mail.passwordReset", path: "/reset-password/" },
  "email-verification": { keys: "mail.verification", path: "/verify-email/" },
} as const;

function enqueueLinkLetter(tx: Db, userId: number, purpose: keyof typeof LINK_LETTERS, now: Date): void {
  const user = getMailRecipient(userId);
  if (!user?.active) return;
  const { keys, path } = LINK_LETTERS[purpose];
  const token = createUserToken(tx, { userId, purpose, email: user.email, now });
  const t = mailT(user.language);
  const letter: Letter = {
    subject: t(`${keys}.subject`),
    blocks: [
      greeting(user.language, user.fullName),
      { type: "paragraph", text: t(`${keys}.body`) },
      { type: "link", label: t(`${keys}.action`), url: publicLink(`${path}${token}`) },
      { type: "paragraph", text: t(`${keys}.expiry`) },
      { type: "paragraph", text: t(`${keys}.ignore`) },
      ...footer(user.language),
    ],
  };
  enqueueMail(tx, { recipient: user.email, userId, kind: purpose, language: user.language, letter, now });
}

/** The password-reset link (30 minutes, once) for a known, active user. */
export function enqueuePasswordReset(tx: Db, userId: number, now: Date): void {
  enqueueLinkLetter(tx, userId, "password-reset", now);
}

/** The link that confirms the user's current email address (7 days, once). */
export function enqueueEmailVerification(tx: Db, userId: number, now: Date): void {
  enqueueLinkLetter(tx, userId, "email-verification", now);
}

export const ASSIGNMENT_STAGES = ["new", "due", "overdue"] as const;
export type AssignmentStage = (typeof ASSIGNMENT_STAGES)[number];

/** The once-only key of one reminder: one per learner, assignment and stage. */
export function assignmentDedupeKey(stage: AssignmentStage, assignmentId: number, userId: number) {
  return `assignment-${stage}:${assignmentId}:${userId}`;
}

/** The course's title and the titles of `moduleIds`, in `language` (the ids when the course is gone). */
export function describeAssignedModules(courseId: string, moduleIds: readonly string[], language: Language) {
  const course = findCourse(courseId);
  if (!course) return { course: courseId, modules: [...moduleIds] };
  return {
    course: localize(course.title, language, course),
    modules: moduleIds.map((id) => {
      const module = findModule(course, id);
      return module ? localize(module.title, language, course) : id;
    }),
  };
}

/**
 * One assignment email to one learner. Returns false when this stage's message was written to
 * them before (the dedupe key is taken), so a stage is never written twice.
 */
export function enqueueAssignmentMail(
  tx: Db,
  stage: AssignmentStage,
  assignment: AssignmentForMail,
  learner: { id: number; email: string; fullName: string; language: Language },
  dueAt: Date,
  moduleIds: readonly string[],
  now: Date,
): boolean {
  const language = learner.language;
  const t = mailT(language);
  const { course, modules } = describeAssignedModules(assignment.courseId, moduleIds, language);
  const vars = { course, group: assignment.groupName, trainer: assignment.trainerName ?? "Trag", due: formatMailDate(dueAt, language) };
  const letter: Letter = {
    subject: t(`mail.assignment.${stage}Subject`, vars),
    blocks: [
      greeting(language, learner.fullName),
      { type: "paragraph", text: t(`mail.assignment.${stage}Body`, vars) },
      { type: "list", items: modules },
      ...(stage === "new" && assignment.note.trim()
        ? [
            { type: "paragraph" as const, text: t("mail.assignment.note") },
            { type: "quote" as const, text: assignment.note.trim() },
          ]
        : []),
      { type: "link", label: t("mail.assignment.action"), url: publicLink("/my-learning") },
      ...(stage === "new" ? [] : [{ type: "small" as const, text: t("mail.assignment.optOut", { link: publicLink("/account") }) }]),
      ...footer(language),
    ],
  };
  return enqueueMail(tx, {
    recipient: learner.email,
    userId: learner.id,
    kind: `assignment-${stage}`,
    language,
    letter,
    dedupeKey: assignmentDedupeKey(stage, assignment.id, learner.id),
    now,
  });
}

/**
 * "New assignment" to every active member of the assignment's group, in the caller's transaction
 * (the one that creates the assignment). Each learner gets it once: calling it again (or the
 * reminder job, for members who joined later) writes nothing twice.
 */
export function enqueueAssignmentNotices(tx: Db, assignmentId: number): void {
  const assignment = getAssignmentForMail(assignmentId);
  if (!assignment) throw new Error(`enqueueAssignmentNotices: no assignment ${assignmentId}`);
  const now = new Date();
  for (const learner of listAssignmentLearners(assignment)) {
    enqueueAssignmentMail(tx, "new", assignment, learner, assignment.dueAt, assignment.moduleIds, now);
  }
}
