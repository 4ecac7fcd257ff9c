/**
 * Groups, members and assignments written straight into the tables (the fixture for the progress
 * grid), and learning records made through the app's own functions at chosen times.
 */
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { assignmentModules, assignments, groupMembers, groups, groupTrainers, users, type INSTITUTION_TYPES } from "#db/schema";
import { markLessonComplete } from "~/models/progress.server";
import { finishAttempt, startAttempt, submitAnswer } from "~/quiz/attempts.server";
import { getDb } from "~/utils/db.server";
import { answerFields, bankQuestion, fixtureCourse, quizScopeFor, reloadAttempt, toFormData, type FixtureModuleId } from "./quiz";

export const DAY = 24 * 60 * 60 * 1000;

export function createGroup(input: { name: string; trainerIds: number[]; learnerIds?: number[] }) {
  const db = getDb();
  const group = db
    .insert(groups)
    .values({ name: input.name, joinCode: crypto.randomBytes(6).toString("hex").toUpperCase(), createdBy: input.trainerIds[0] ?? null })
    .returning()
    .get();
  for (const userId of input.trainerIds) db.insert(groupTrainers).values({ groupId: group.id, userId, addedAt: new Date() }).run();
  for (const userId of input.learnerIds ?? []) addMember(group.id, userId);
  return group;
}

export function addMember(groupId: number, userId: number) {
  getDb().insert(groupMembers).values({ groupId, userId, joinedAt: new Date() }).run();
}

export function assign(groupId: number, moduleIds: string[], dueAt: Date, courseId = "fixture-course") {
  const db = getDb();
  const assignment = db.insert(assignments).values({ groupId, courseId, dueAt }).returning().get();
  for (const moduleId of moduleIds) db.insert(assignmentModules).values({ assignmentId: assignment.id, moduleId }).run();
  return assignment;
}

export function setInstitution(userId: number, institutionType: (typeof INSTITUTION_TYPES)[number]) {
  getDb().update(users).set({ institutionType }).where(eq(users.id, userId)).run();
}

export function completeLessons(userId: number, lessonIds: string[], at: number) {
  for (const lessonId of lessonIds) markLessonComplete(userId, fixtureCourse(), lessonId, new Date(at));
}

/** An attempt started and finished at once at `at`: every question answered right (passed), wrong, or none answered. */
export function takeAttempt(userId: number, moduleId: FixtureModuleId, at: number, answers: "right" | "wrong" | "none") {
  const scope = quizScopeFor(userId, moduleId);
  const attempt = startAttempt(scope, new Date(at));
  if (answers !== "none") {
    for (const questionId of attempt.questionIds) {
      const current = reloadAttempt(attempt.id);
      const fields = answerFields(bankQuestion(moduleId, questionId), current, answers === "right");
      const result = submitAnswer(scope, { attemptId: attempt.id, revision: current.revision, questionId, formData: toFormData(fields), advance: true }, new Date(at));
      if (!result.ok) throw new Error(`answering ${questionId} failed: ${result.error}`);
    }
  }
  const current = reloadAttempt(attempt.id);
  if (current.status === "in-progress") finishAttempt(scope, attempt.id, current.revision, new Date(at));
  return reloadAttempt(attempt.id);
}
