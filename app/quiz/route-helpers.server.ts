import type { Params } from "@remix-run/react";
import { calloutLabels } from "~/content/callout-labels.server";
import { requireCourse, requireModule } from "~/content/courses.server";
import type { SessionUser } from "~/models/sessions.server";
import { errorResponse } from "~/utils/http.server";
import { getT } from "~/utils/i18n.server";
import { requirePermission } from "~/utils/session.server";
import { loadAttempt, QuizError, requireBank, type QuizScope } from "./attempts.server";

/** The course, module and user a quiz route works on; 404 for an unknown course, module or quiz. */
export function quizScope(params: Params, user: SessionUser): QuizScope {
  const course = requireCourse(params.courseId);
  const module = requireModule(course, params.moduleId);
  orRespond(() => requireBank(module));
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

/**
 * What the attempt page and its review both start from: the signed-in learner's attempt (settled
 * if its time ran out), the quiz's path, and the language and labels its questions render in.
 */
export async function loadAttemptPage(request: Request, params: Params, now: Date) {
  const user = await requirePermission(request, "quiz:attempt");
  const scope = quizScope(params, user);
  const attemptId = parseAttemptId(params.attemptId);
  const loaded = orRespond(() => loadAttempt(scope, attemptId, now));
  const { language, t } = await getT(request);
  return {
    user,
    scope,
    loaded,
    t,
    language,
    base: `/courses/${scope.course.id}/${scope.module.id}/quiz`,
    context: { course: scope.course, module: scope.module, language, labels: calloutLabels(language, t) },
  };
}
