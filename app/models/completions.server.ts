import { and, eq, sql } from "drizzle-orm";
import { courseCompletions, lessonProgress, moduleCompletions, quizAttempts } from "#db/schema";
import type { Course } from "~/content/loader.server";
import { computeCourseProgress, type CourseProgress } from "~/learning/course-progress";
import { getDb, preparedOnce, type Db } from "~/utils/db.server";
import { issueCertificate } from "./certificates.server";
import { recordModuleCompleted } from "./learner-statistics.server";

/** Modules whose quiz this user has passed (best attempt at or above the pass mark). */
// Both run on every course, module and lesson page.
const passedModules = preparedOnce((db) =>
  db
    .selectDistinct({ moduleId: quizAttempts.moduleId })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, sql.placeholder("userId")), eq(quizAttempts.courseId, sql.placeholder("courseId")), eq(quizAttempts.status, "passed")))
    .prepare(),
);
const completedLessons = preparedOnce((db) =>
  db
    .select({ lessonId: lessonProgress.lessonId })
    .from(lessonProgress)
    .where(and(eq(lessonProgress.userId, sql.placeholder("userId")), eq(lessonProgress.courseId, sql.placeholder("courseId"))))
    .prepare(),
);

export function getPassedModuleIds(userId: number, courseId: string, db: Db = getDb()): Set<string> {
  return new Set(passedModules(db).all({ userId, courseId }).map((row) => row.moduleId));
}

export function getCourseProgress(userId: number, course: Course, db: Db = getDb()): CourseProgress {
  const completed = completedLessons(db).all({ userId, courseId: course.id });
  return computeCourseProgress(course, new Set(completed.map((row) => row.lessonId)), getPassedModuleIds(userId, course.id, db));
}

/**
 * Writes the module and course completions that the learner's current progress earns.
 * Call it inside the transaction of the write that may have completed something
 * (a lesson marked complete, a quiz finished), never later.
 * Returns what this call newly completed.
 */
export function recordCompletions(tx: Db, userId: number, course: Course, now: Date) {
  const progress = getCourseProgress(userId, course, tx);
  const newlyCompletedModules: string[] = [];
  for (const module of progress.modules) {
    if (module.status !== "complete") continue;
    const inserted = tx.insert(moduleCompletions).values({ userId, courseId: course.id, moduleId: module.moduleId, completedAt: now }).onConflictDoNothing().run();
    if (inserted.changes > 0) {
      newlyCompletedModules.push(module.moduleId);
      recordModuleCompleted(tx, userId, course.id, module.moduleId, now);
    }
  }
  let courseCompleted = false;
  if (progress.complete) {
    const scorePercent = courseScore(tx, userId, course);
    const inserted = tx
      .insert(courseCompletions)
      .values({ userId, courseId: course.id, courseVersion: course.version, completedAt: now, scorePercent })
      .onConflictDoNothing()
      .run();
    courseCompleted = inserted.changes > 0;
    // The certificate is part of the completion: same transaction, so both land or neither does.
    if (courseCompleted) issueCertificate(tx, { userId, course, scorePercent, completedAt: now });
  }
  return { progress, newlyCompletedModules, courseCompleted };
}

/** The course's final score: the mean of each module's best quiz score. */
export function courseScore(db: Db, userId: number, course: Course): number {
  const best = new Map<string, number>();
  const rows = db
    .select({ moduleId: quizAttempts.moduleId, score: quizAttempts.scorePercent })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.courseId, course.id)))
    .all();
  for (const row of rows) if (row.score !== null) best.set(row.moduleId, Math.max(best.get(row.moduleId) ?? 0, row.score));
  const quizModules = course.modules.filter((m) => m.bank);
  if (quizModules.length === 0) return 100;
  const total = quizModules.reduce((sum, m) => sum + (best.get(m.id) ?? 0), 0);
  return Math.round((total / quizModules.length) * 10) / 10;
}
