import { describe, expect, test } from "vitest";
import type { Course } from "~/content/loader.server";
import { computeCourseProgress } from "./course-progress";

/** A course shaped like a loaded one, with only what progress looks at. */
function makeCourse(modules: Array<{ id: string; lessons: string[]; quiz: boolean }>): Course {
  return {
    id: "c",
    modules: modules.map((m) => ({ id: m.id, bank: m.quiz ? { questions: [], cases: [] } : null, lessons: m.lessons.map((id) => ({ id })) })),
  } as unknown as Course;
}

const course = makeCourse([
  { id: "m1", lessons: ["a", "b", "c"], quiz: true },
  { id: "m2", lessons: ["d", "e"], quiz: false },
  { id: "m3", lessons: ["f"], quiz: true },
]);
// Steps: 3 + 1 quiz, 2, 1 + 1 quiz = 8.

const progress = (done: string[], passed: string[] = []) => computeCourseProgress(course, new Set(done), new Set(passed));

describe("computeCourseProgress", () => {
  test("nothing done", () => {
    const result = progress([]);
    expect(result.percent).toBe(0);
    expect(result.complete).toBe(false);
    expect(result.nextLessonId).toBe("a");
    expect(result.modules.map((m) => m.status)).toEqual(["not-started", "not-started", "not-started"]);
    expect(result.modules[0]).toEqual({ moduleId: "m1", lessonsDone: 0, lessonsTotal: 3, quizRequired: true, quizPassed: false, status: "not-started" });
    expect(result.modules[1].quizRequired).toBe(false);
  });

  test("percent counts lessons and required quizzes, rounded down", () => {
    expect(progress(["a"]).percent).toBe(12); // 1/8 = 12.5
    expect(progress(["a", "b", "c"]).percent).toBe(37); // 3/8 = 37.5
    expect(progress(["a", "b", "c"], ["m1"]).percent).toBe(50);
    expect(progress(["a", "b", "c", "d", "e", "f"], ["m1"]).percent).toBe(87); // 7/8
  });

  test("a module is complete when its lessons are done and its quiz, if any, is passed", () => {
    const lessonsOnly = progress(["a", "b", "c", "d", "e"]);
    expect(lessonsOnly.modules.map((m) => m.status)).toEqual(["in-progress", "complete", "not-started"]);
    const withQuiz = progress(["a", "b", "c"], ["m1"]);
    expect(withQuiz.modules[0]).toMatchObject({ lessonsDone: 3, quizPassed: true, status: "complete" });
  });

  test("a passed quiz alone makes a module in progress", () => {
    expect(progress([], ["m3"]).modules[2].status).toBe("in-progress");
  });

  test("the course is complete when every module is", () => {
    const all = progress(["a", "b", "c", "d", "e", "f"], ["m1", "m3"]);
    expect(all).toMatchObject({ percent: 100, complete: true, nextLessonId: null });
    expect(progress(["a", "b", "c", "d", "e", "f"], ["m1"]).complete).toBe(false);
  });

  test("the next lesson is the first not done, in course order, across modules", () => {
    expect(progress(["a", "c"]).nextLessonId).toBe("b");
    expect(progress(["a", "b", "c"]).nextLessonId).toBe("d");
    expect(progress(["a", "b", "c", "e"]).nextLessonId).toBe("d");
    expect(progress(["a", "b", "c", "d", "e"], []).nextLessonId).toBe("f");
  });

  test("completions of lessons that are no longer in the course and quizzes of unknown modules are ignored", () => {
    const result = progress(["a", "removed-lesson"], ["gone-module"]);
    expect(result.percent).toBe(12);
    expect(result.modules[0].lessonsDone).toBe(1);
  });

  test("keeps the set of completed lessons for the pages", () => {
    expect([...progress(["b", "a"]).completedLessonIds].sort()).toEqual(["a", "b"]);
  });

  test("a course without steps is 0%, not NaN", () => {
    expect(computeCourseProgress(makeCourse([]), new Set(), new Set())).toMatchObject({ percent: 0, nextLessonId: null });
  });
});
