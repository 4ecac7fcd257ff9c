import { and, eq, sql } from "drizzle-orm";
import { courseCompletions, lessonProgress, moduleCompletions, quizAttempts } from "#db/schema";
import type { Course } from "~/content/loader.server";
import { attemptCounts, compareVersions } from "~/content/versions";
import { computeCourseProgress, type CourseProgress } from "~/learning/course-progress";
import { getDb, preparedOnce, type Db } from "~/utils/db.server";
import { issueCertificate } from "./certificates.server";
import { recordModuleCompleted } from "./learner-statistics.server";

// Both run on every course, module and lesson page.
const passedModules = preparedOnce((db) =>
  db
    .selectDistinct({ moduleId: quizAttempts.moduleId, contentVersion: quizAttempts.contentVersion })
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

/**
 * Modules whose quiz this user has passed in the course's current version: a pass counts unless
 * the module changed in a later version than the one the attempt was made on (courses/README.md).
 */
export function getPassedModuleIds(userId: number, course: Course): Set<string> {
  const rows = passedModules().all({ userId, courseId: course.id });
  return new Set(rows.filter((row) => attemptCounts(course, row.moduleId, row.contentVersion)).map((row) => row.moduleId));
}

export function getCourseProgress(userId: number, course: Course): CourseProgress {
  const completed = completedLessons().all({ userId, courseId: course.id });
  return computeCourseProgress(course, new Set(completed.map((row) => row.lessonId)), getPassedModuleIds(userId, course));
}

/** The latest version of the course this user completed, if any. */
export function getLatestCompletedVersion(userId: number, course: Course): string | undefined {
  const versions = getDb()
    .select({ version: courseCompletions.courseVersion })
    .from(courseCompletions)
    .where(and(eq(courseCompletions.userId, userId), eq(courseCompletions.courseId, course.id)))
    .all()
    .map((row) => row.version);
  return versions.sort(compareVersions).at(-1);
}

/**
 * Writes the module and course completions that the learner's current progress earns.
 * Call it inside the transaction of the write that may have completed something
 * (a lesson marked complete, a quiz finished), never later.
 * Returns what this call newly completed.
 */
export function recordCompletions(tx: Db, userId: number, course: Course, now: Date) {
  const progress = getCourseProgress(userId, course);
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
    const scorePercent = courseScore(userId, course);
    const inserted = tx.insert(courseCompletions).values({ userId, courseId: course.id, courseVersion: course.version, completedAt: now, scorePercent }).onConflictDoNothing().run();
    courseCompleted = inserted.changes > 0;
    // The certificate is part of the completion: same transaction, so both land or neither does.
    if (courseCompleted) issueCertificate(tx, { userId, course, scorePercent, completedAt: now });
  }
  return { progress, newlyCompletedModules, courseCompleted };
}

/** The course's final score: the mean of each module's best quiz score among the attempts that count in this version. */
export function courseScore(userId: number, course: Course): number {
  const best = new Map<string, number>();
  const rows = getDb()
    .select({ moduleId: quizAttempts.moduleId, score: quizAttempts.scorePercent, contentVersion: quizAttempts.contentVersion })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.courseId, course.id)))
    .all();
  for (const row of rows) if (row.score !== null && attemptCounts(course, row.moduleId, row.contentVersion)) best.set(row.moduleId, Math.max(best.get(row.moduleId) ?? 0, row.score));
  const quizModules = course.modules.filter((m) => m.bank);
  if (quizModules.length === 0) return 100;
  const total = quizModules.reduce((sum, m) => sum + (best.get(m.id) ?? 0), 0);
  return Math.round((total / quizModules.length) * 10) / 10;
}
