/**
 * Quiz test helpers: the fixture course's quiz scopes, the answer forms a learner would post
 * (in the public part ids p1, p2, ... of the attempt's drawn order), calls to the three quiz
 * routes, and a copy of the quiz tables for "nothing was written" checks.
 */
import { findCourse, findModule } from "~/content/courses.server";
import type { Course, Module } from "~/content/loader.server";
import { findAttempt, type AttemptRow } from "~/models/quiz-attempts.server";
import type { QuizScope } from "~/quiz/attempts.server";
import { findQuestion, type Question, type QuestionType } from "~/content/bank.schema";
import { drawAttempt } from "~/quiz/draw";
import * as overviewRoute from "~/routes/courses.$courseId.$moduleId.quiz._index";
import * as attemptRoute from "~/routes/courses.$courseId.$moduleId.quiz.$attemptId._index";
import * as reviewRoute from "~/routes/courses.$courseId.$moduleId.quiz.$attemptId.review";
import { getDb } from "~/utils/db.server";
import { getCsrf, postForm } from "./auth";
import { callAction, callLoader, get, post, type CookieJar, type Outcome } from "./http";

export const COURSE_ID = "fixture-course";
export type FixtureModuleId = "basics" | "timed";

export function fixtureCourse(): Course {
  const course = findCourse(COURSE_ID);
  if (!course) throw new Error("the fixture course is missing: is COURSES_DIR tests/fixtures/courses?");
  return course;
}

export function fixtureModule(moduleId: FixtureModuleId): Module {
  const module = findModule(fixtureCourse(), moduleId);
  if (!module?.bank) throw new Error(`the fixture module ${moduleId} has no quiz`);
  return module;
}

export function quizScopeFor(userId: number, moduleId: FixtureModuleId): QuizScope {
  return { userId, course: fixtureCourse(), module: fixtureModule(moduleId) };
}

export function bankQuestion(moduleId: FixtureModuleId, questionId: string): Question {
  const question = findQuestion(fixtureModule(moduleId).bank!, questionId);
  if (!question) throw new Error(`no question ${questionId} in ${moduleId}`);
  return question;
}

export function reloadAttempt(attemptId: number): AttemptRow {
  const attempt = findAttempt(attemptId);
  if (!attempt) throw new Error(`attempt ${attemptId} is gone`);
  return attempt;
}

/**
 * The first seed whose draw for `moduleId` has a question of each type in `types`, so a test
 * can start an attempt (startAttempt's `seed`) knowing what it will hold. Deterministic.
 */
export function seedDrawing(moduleId: FixtureModuleId, types: QuestionType[]): number {
  const module = fixtureModule(moduleId);
  for (let seed = 1; seed < 10_000; seed++) {
    const drawn = drawAttempt(module.bank!, module.quizSettings, seed).questionIds.map((id) => findQuestion(module.bank!, id)!.type);
    if (types.every((type) => drawn.includes(type))) return seed;
  }
  throw new Error(`no seed draws ${types.join(", ")} in ${moduleId}`);
}

/** The first question of `type` in the attempt, with its index. */
export function drawnQuestion(moduleId: FixtureModuleId, attempt: Pick<AttemptRow, "questionIds">, type: QuestionType): { question: Question; index: number } {
  const index = attempt.questionIds.findIndex((id) => bankQuestion(moduleId, id).type === type);
  if (index === -1) throw new Error(`the attempt has no ${type} question`);
  return { question: bankQuestion(moduleId, attempt.questionIds[index]!), index };
}

// ---- Answer forms, as the browser posts them ----

export { answerFields, publicIdOf, toSearchParams, type Fields } from "./quiz-answers";
import { answerFields, toSearchParams, type Fields } from "./quiz-answers";

/** The same fields as FormData, for calling submitAnswer directly. */
export function toFormData(fields: Fields): FormData {
  const form = new FormData();
  for (const [name, value] of toSearchParams(fields)) form.append(name, value);
  return form;
}

// ---- The routes ----

export function quizPaths(moduleId: FixtureModuleId, attemptId?: number | string) {
  const overview = `/courses/${COURSE_ID}/${moduleId}/quiz`;
  return { overview, attempt: `${overview}/${attemptId}`, review: `${overview}/${attemptId}/review` };
}

const params = (moduleId: FixtureModuleId, attemptId?: number | string) => ({ courseId: COURSE_ID, moduleId, ...(attemptId === undefined ? {} : { attemptId: String(attemptId) }) });

export function openOverview(jar: CookieJar, moduleId: FixtureModuleId) {
  return callLoader(overviewRoute.loader, get(quizPaths(moduleId).overview, { jar }), params(moduleId));
}

export async function postStart(jar: CookieJar, moduleId: FixtureModuleId, fields: Record<string, string> = { intent: "start" }) {
  return callAction(overviewRoute.action, await postForm(quizPaths(moduleId).overview, fields, jar), params(moduleId));
}

/** Starts an attempt through the overview action and returns its id. */
export async function startThroughRoute(jar: CookieJar, moduleId: FixtureModuleId): Promise<number> {
  const result = await postStart(jar, moduleId);
  const match = result.status === 302 ? /\/quiz\/(\d+)$/.exec(result.location ?? "") : null;
  if (!match) throw new Error(`starting ${moduleId} failed: ${result.status} ${JSON.stringify(result.data)}`);
  return Number(match[1]);
}

export function openAttempt(jar: CookieJar, moduleId: FixtureModuleId, attemptId: number | string) {
  return callLoader(attemptRoute.loader, get(quizPaths(moduleId, attemptId).attempt, { jar }), params(moduleId, attemptId));
}

export function openReview(jar: CookieJar, moduleId: FixtureModuleId, attemptId: number | string) {
  return callLoader(reviewRoute.loader, get(quizPaths(moduleId, attemptId).review, { jar }), params(moduleId, attemptId));
}

/** Posts to the attempt route with a valid CSRF token (unless the fields bring their own `csrf`, even an empty one). */
export async function postAttempt(jar: CookieJar, moduleId: FixtureModuleId, attemptId: number | string, fields: Fields): Promise<Outcome> {
  const body = toSearchParams("csrf" in fields ? fields : { csrf: await getCsrf(jar), ...fields });
  return callAction(attemptRoute.action, post(quizPaths(moduleId, attemptId).attempt, body, { jar }), params(moduleId, attemptId));
}

/** Posts an answer to `questionId` at the attempt's current revision; `correct` picks the right or a wrong answer. */
export function postAnswer(jar: CookieJar, moduleId: FixtureModuleId, attemptId: number, questionId: string, correct: boolean, extra: Fields = {}) {
  const attempt = reloadAttempt(attemptId);
  const intent = fixtureModule(moduleId).quizSettings.mode === "immediate" ? "check" : "save";
  return postAttempt(jar, moduleId, attemptId, { intent, questionId, revision: String(attempt.revision), ...answerFields(bankQuestion(moduleId, questionId), attempt, correct), ...extra });
}

// ---- Database state ----

/** Every row of the quiz and completion tables, to compare before and after a refused request. */
export function quizTables() {
  const sqlite = getDb().$client;
  return {
    attempts: sqlite.prepare("SELECT * FROM quiz_attempts ORDER BY id").all(),
    answers: sqlite.prepare("SELECT * FROM quiz_answers ORDER BY id").all(),
    moduleCompletions: sqlite.prepare("SELECT * FROM module_completions ORDER BY user_id, module_id").all(),
    courseCompletions: sqlite.prepare("SELECT * FROM course_completions ORDER BY user_id").all(),
  };
}

export type AnswerRowData = { id: number; attempt_id: number; question_id: string; response: string; score: number; answered_at: number };

export function answerRows(attemptId: number): AnswerRowData[] {
  return getDb().$client.prepare("SELECT * FROM quiz_answers WHERE attempt_id = ? ORDER BY id").all(attemptId) as AnswerRowData[];
}

export function completionRows(userId: number) {
  const sqlite = getDb().$client;
  return {
    modules: sqlite.prepare("SELECT module_id AS moduleId, completed_at AS completedAt FROM module_completions WHERE user_id = ? ORDER BY module_id").all(userId) as Array<{
      moduleId: string;
      completedAt: number;
    }>,
    course: sqlite.prepare("SELECT course_id AS courseId, completed_at AS completedAt, score_percent AS scorePercent FROM course_completions WHERE user_id = ?").all(userId) as Array<{
      courseId: string;
      completedAt: number;
      scorePercent: number;
    }>,
  };
}
