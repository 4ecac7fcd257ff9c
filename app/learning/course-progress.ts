import type { Course } from "~/content/loader.server";

export type ModuleStatus = "not-started" | "in-progress" | "complete";

export type CourseProgress = {
  modules: Array<{ moduleId: string; lessonsDone: number; lessonsTotal: number; quizRequired: boolean; quizPassed: boolean; status: ModuleStatus }>;
  /** Share of steps done (lessons, and quizzes that must be passed), 0 to 100. */
  percent: number;
  complete: boolean;
  /** The first lesson not yet completed, in course order; null when every lesson is done. */
  nextLessonId: string | null;
  completedLessonIds: ReadonlySet<string>;
};

/** Progress through a course from the lessons completed and the module quizzes passed. */
export function computeCourseProgress(course: Course, completedLessonIds: ReadonlySet<string>, passedModuleIds: ReadonlySet<string>): CourseProgress {
  let done = 0;
  let total = 0;
  let nextLessonId: string | null = null;
  const modules = course.modules.map((module) => {
    const lessonsDone = module.lessons.filter((lesson) => completedLessonIds.has(lesson.id)).length;
    nextLessonId ??= module.lessons.find((lesson) => !completedLessonIds.has(lesson.id))?.id ?? null;
    const quizRequired = Boolean(module.bank);
    const quizPassed = quizRequired && passedModuleIds.has(module.id);
    done += lessonsDone + (quizPassed ? 1 : 0);
    total += module.lessons.length + (quizRequired ? 1 : 0);
    const finished = lessonsDone === module.lessons.length && (!quizRequired || quizPassed);
    const status: ModuleStatus = finished ? "complete" : lessonsDone > 0 || quizPassed ? "in-progress" : "not-started";
    return { moduleId: module.id, lessonsDone, lessonsTotal: module.lessons.length, quizRequired, quizPassed, status };
  });
  return {
    modules,
    percent: total === 0 ? 0 : Math.floor((done / total) * 100),
    complete: modules.every((m) => m.status === "complete"),
    nextLessonId,
    completedLessonIds,
  };
}
