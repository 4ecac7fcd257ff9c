/** Learner records written through the models, for tests that need them but test something else. */
import { expect } from "vitest";
import { findCourse } from "~/content/courses.server";
import type { Course } from "~/content/loader.server";
import { listUserCertificates } from "~/models/certificates.server";
import { markLessonComplete } from "~/models/progress.server";
import { insertAttempt } from "~/models/quiz-attempts.server";
import { inTransaction } from "~/utils/db.server";

export const COURSE_ID = "fixture-course";

export function fixtureCourse(): Course {
  const course = findCourse(COURSE_ID);
  if (!course) throw new Error(`the fixture course ${COURSE_ID} is missing`);
  return course;
}

/** A passed quiz attempt (the learner's `number`th), written directly: the quiz itself is tested elsewhere. */
export function passQuiz(userId: number, moduleId: string, scorePercent: number, at: Date, number = 1) {
  const course = fixtureCourse();
  return inTransaction((tx) =>
    insertAttempt(tx, {
      userId,
      courseId: COURSE_ID,
      moduleId,
      number,
      contentVersion: course.version,
      seed: 1,
      questionIds: [],
      optionOrder: {},
      startedAt: at,
      finishedAt: at,
      status: "passed",
      scorePercent,
      snapshot: {},
    }),
  );
}

export const lessonIds = () => fixtureCourse().modules.flatMap((module) => module.lessons.map((lesson) => lesson.id));

/** Completes the fixture course through the models: quizzes passed (90 and 80), every lesson read; returns the certificate. */
export function completeCourse(userId: number, at = new Date("2026-03-01T10:00:00Z")) {
  const course = fixtureCourse();
  passQuiz(userId, "basics", 90, at);
  passQuiz(userId, "timed", 80, at);
  let last;
  for (const lessonId of lessonIds()) last = markLessonComplete(userId, course, lessonId, at);
  expect(last?.courseCompleted).toBe(true);
  const [certificate] = listUserCertificates(userId);
  return certificate!;
}
