import { z } from "zod";
import { findCourse, findLesson, getCourses, lessonTitle, localize } from "~/content/courses.server";
import type { Language } from "~/content/languages";
import { enqueueAssignmentNotices } from "~/mail/notices.server";
import { effectiveDueAt, getLearnerAdjustment } from "~/models/adjustments.server";
import { insertAssignment, listAssignmentsForLearner } from "~/models/assignments.server";
import { getCourseProgress } from "~/models/completions.server";
import { inTransaction } from "~/models/transaction.server";
import { dayOf, endOfDay, isDay } from "./due-dates";

// Messages are i18n keys of the "groups" namespace (or common's).
export const AssignmentSchema = z
  .object({
    courseId: z.string({ required_error: "groups.assignments.errors.course" }).min(1, "groups.assignments.errors.course").max(100),
    scope: z.enum(["whole", "modules"], { errorMap: () => ({ message: "groups.assignments.errors.scope" }) }),
    /** `courseId/moduleId` for each chosen module. */
    modules: z.array(z.string().max(200)).max(100).default([]),
    due: z.string().trim().refine(isDay, "groups.assignments.errors.due"),
    note: z.string().trim().max(2000, "groups.errors.tooLong").default(""),
  })
  .refine((input) => input.scope === "whole" || input.modules.length > 0, { path: ["modules"], message: "groups.assignments.errors.noModules" });

export type AssignmentInput = z.infer<typeof AssignmentSchema>;

/** The courses and modules a trainer can assign, in the page's language. */
export function assignableCourses(language: Language) {
  return getCourses().map((course) => ({
    id: course.id,
    title: localize(course.title, language, course),
    modules: course.modules.map((module) => ({ id: module.id, title: localize(module.title, language, course) })),
  }));
}

/**
 * Checks an assignment against the courses as they are and the calendar, and creates it with the
 * "new assignment" email to every learner of the group, in one transaction. Returns field errors
 * (i18n keys) when something does not fit.
 */
export function createGroupAssignment(groupId: number, trainerId: number, input: AssignmentInput, now: Date): { ok: true; id: number } | { ok: false; errors: Record<string, string> } {
  const course = findCourse(input.courseId);
  if (!course) return { ok: false, errors: { courseId: "groups.assignments.errors.course" } };
  const chosen = new Set<string>();
  for (const value of input.modules) {
    const [courseId, moduleId] = value.split("/");
    if (courseId !== course.id || !course.modules.some((module) => module.id === moduleId)) return { ok: false, errors: { modules: "groups.assignments.errors.otherCourse" } };
    chosen.add(moduleId);
  }
  // Modules in course order, whatever order the form sent them in.
  const moduleIds = course.modules.map((module) => module.id).filter((id) => input.scope === "whole" || chosen.has(id));
  if (input.due < dayOf(now)) return { ok: false, errors: { due: "groups.assignments.errors.duePast" } };
  const id = inTransaction((tx) => {
    const assignmentId = insertAssignment(tx, {
      groupId,
      courseId: course.id,
      wholeCourse: input.scope === "whole",
      moduleIds,
      dueAt: endOfDay(input.due),
      note: input.note,
      createdBy: trainerId,
      createdAt: now,
    });
    enqueueAssignmentNotices(tx, assignmentId);
    return assignmentId;
  });
  return { ok: true, id };
}

/**
 * "Assigned to you" on My learning: each assignment of the learner's groups with the due date that
 * holds for them (a trainer may have given them a later one), whether it is done or overdue, the
 * trainer's note, and where to continue: the first assigned module not yet complete, at its first
 * lesson not done, or at its quiz when only the quiz is left. Soonest due first.
 */
export function listAssignedToLearner(userId: number, language: Language, now: Date) {
  const items = listAssignmentsForLearner(userId).flatMap((assignment) => {
    const course = findCourse(assignment.courseId);
    if (!course) return [];
    const dueAt = effectiveDueAt(assignment, getLearnerAdjustment(assignment.id, userId));
    const progress = getCourseProgress(userId, course);
    const assigned = course.modules.filter((module) => assignment.moduleIds.includes(module.id));
    const status = new Map(progress.modules.map((m) => [m.moduleId, m]));
    const next = assigned.find((module) => status.get(module.id)?.status !== "complete");
    const nextLesson = next?.lessons.find((lesson) => !progress.completedLessonIds.has(lesson.id));
    const done = !next;
    const continueTo = !next ? `/courses/${course.id}` : nextLesson ? `/courses/${course.id}/${next.id}/${nextLesson.id}` : `/courses/${course.id}/${next.id}/quiz`;
    const found = nextLesson ? findLesson(course, nextLesson.id) : undefined;
    return [
      {
        id: assignment.id,
        courseTitle: localize(course.title, language, course),
        wholeCourse: assignment.wholeCourse,
        modules: assigned.map((module) => ({ id: module.id, title: localize(module.title, language, course), complete: status.get(module.id)?.status === "complete" })),
        groupName: assignment.groupName,
        trainerName: assignment.trainerName,
        note: assignment.note,
        dueAt,
        done,
        overdue: !done && dueAt.getTime() < now.getTime(),
        continueTo,
        nextTitle: found ? lessonTitle(course, found.lesson, language) : next ? localize(next.title, language, course) : null,
        nextIsQuiz: Boolean(next && !nextLesson),
      },
    ];
  });
  return items.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id);
}
