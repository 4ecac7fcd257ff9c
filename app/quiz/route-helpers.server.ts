import type { Params } from "@remix-run/react";
import { requireCourse, requireModule } from "~/content/courses.server";
import type { SessionUser } from "~/models/sessions.server";
import { errorResponse } from "~/utils/http.server";
import { QuizError, requireBank, type QuizScope } from "./attempts.server";

/** The course, module and user a quiz route works on; 404 for an unknown course, module or quiz. */
export function quizScope(params: Params, user: SessionUser): QuizScope {
  const course = requireCourse(params.courseId);
  const module = requireModule(course, params.moduleId);
  try {
    requireBank(module);
  } catch (error) {
    if (error instanceof QuizError) throw error.toResponse();
    throw error;
  }
  return { userId: user.id, course, module };
}

export function parseAttemptId(value: string | undefined): number {
  const id = /^\d{1,12}$/.test(value ?? "") ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(id)) throw errorResponse("quiz.errors.unknownAttempt", 404);
  return id;
}

/** Runs quiz work, turning a refused request into its response. */
export function orRespond<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof QuizError) throw error.toResponse();
    throw error;
  }
}
