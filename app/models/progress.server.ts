import { and, desc, eq, sql } from "drizzle-orm";
import { enrolments, lessonProgress } from "#db/schema";
import type { Course } from "~/content/loader.server";
import { getDb, inTransaction, preparedOnce } from "~/utils/db.server";
import { recordCompletions } from "./completions.server";
import { recordModuleBegun } from "./learner-statistics.server";

/** Marks a lesson complete and, in the same transaction, any module or course it completes. */
export function markLessonComplete(userId: number, course: Course, lessonId: string, now: Date) {
  return inTransaction((tx) => {
    const inserted = tx.insert(lessonProgress).values({ userId, courseId: course.id, lessonId, completedAt: now }).onConflictDoNothing().run();
    const module = course.modules.find((m) => m.lessons.some((lesson) => lesson.id === lessonId));
    if (inserted.changes > 0 && module) recordModuleBegun(tx, userId, course.id, module.id, now);
    recordLessonVisit(userId, course.id, lessonId, now);
    return recordCompletions(tx, userId, course, now);
  });
}

export function markLessonIncomplete(userId: number, courseId: string, lessonId: string) {
  getDb()
    .delete(lessonProgress)
    .where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.courseId, courseId), eq(lessonProgress.lessonId, lessonId)))
    .run();
}

// Runs on every lesson page.
const visit = preparedOnce((db) =>
  db
    .insert(enrolments)
    .values({
      userId: sql.placeholder("userId"),
      courseId: sql.placeholder("courseId"),
      startedAt: sql.placeholder("now"),
      lastLessonId: sql.placeholder("lessonId"),
      lastVisitedAt: sql.placeholder("now"),
    })
    .onConflictDoUpdate({ target: [enrolments.userId, enrolments.courseId], set: { lastLessonId: sql`excluded.last_lesson_id`, lastVisitedAt: sql`excluded.last_visited_at` } })
    .prepare(),
);

/** Remembers the lesson a learner last opened, so the dashboard can bring them back. */
export function recordLessonVisit(userId: number, courseId: string, lessonId: string, now: Date) {
  visit().run({ userId, courseId, lessonId, now });
}

/** The courses this user has opened, most recent first. */
export function getEnrolments(userId: number) {
  return getDb().select().from(enrolments).where(eq(enrolments.userId, userId)).orderBy(desc(enrolments.lastVisitedAt)).all();
}
