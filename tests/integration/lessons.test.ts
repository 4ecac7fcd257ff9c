import { beforeAll, describe, expect, test } from "vitest";
import * as catalogue from "~/routes/courses._index";
import * as course from "~/routes/courses.$courseId._index";
import * as moduleRoute from "~/routes/courses.$courseId.$moduleId._index";
import * as lesson from "~/routes/courses.$courseId.$moduleId.$lessonId";
import * as glossary from "~/routes/courses.$courseId.glossary";
import * as myLearning from "~/routes/my-learning";
import * as index from "~/routes/_index";
import { getEnrolments } from "~/models/progress.server";
import { setUserLanguage } from "~/models/users.server";
import { createTestUser, postForm, signedIn } from "../helpers/auth";
import { callAction, callLoader, CookieJar, get, post } from "../helpers/http";

const COURSE = "fixture-course";
const lessonParams = (moduleId: string, lessonId: string) => ({ courseId: COURSE, moduleId, lessonId });
const lessonPath = (moduleId: string, lessonId: string) => `/courses/${COURSE}/${moduleId}/${lessonId}`;

function openLesson(jar: CookieJar, moduleId: string, lessonId: string, headers: Record<string, string> = {}) {
  return callLoader(lesson.loader, get(lessonPath(moduleId, lessonId), { jar, headers }), lessonParams(moduleId, lessonId));
}

async function markLesson(jar: CookieJar, moduleId: string, lessonId: string, intent: "complete" | "incomplete") {
  return callAction(lesson.action, await postForm(lessonPath(moduleId, lessonId), { intent }, jar), lessonParams(moduleId, lessonId));
}

describe("catalogue and course pages", () => {
  test("the catalogue lists the fixture course for anyone", async () => {
    const result = await callLoader(catalogue.loader, get("/courses"));
    expect(result.status).toBe(200);
    expect(result.data.courses).toEqual([{ id: COURSE, title: "Fixture course", summary: "A course for tests.", audience: null, modules: 2, minutes: 60, percent: null }]);
  });

  test("the course page lists the modules in order and offers an anonymous visitor to log in", async () => {
    const result = await callLoader(course.loader, get(`/courses/${COURSE}`), { courseId: COURSE });
    expect(result.data.modules.map((m: { id: string; number: number; lessons: number }) => [m.number, m.id, m.lessons])).toEqual([
      [1, "basics", 3],
      [2, "timed", 3],
    ]);
    expect(result.data).toMatchObject({ signedIn: false, percent: null });
  });

  test("the start page sends visitors to the catalogue and learners to My learning", async () => {
    expect(await callLoader(index.loader, get("/"))).toMatchObject({ status: 302, location: "/courses" });
    const jar = await signedIn(await createTestUser());
    expect(await callLoader(index.loader, get("/", { jar }))).toMatchObject({ status: 302, location: "/my-learning" });
  });

  test("the module page shows objectives, lessons and the content note", async () => {
    const result = await callLoader(moduleRoute.loader, get(`/courses/${COURSE}/timed`), { courseId: COURSE, moduleId: "timed" });
    expect(result.data.module).toMatchObject({ id: "timed", number: 2, title: "Timed module", contentNote: "This module mentions exploitation.", objectives: ["Work under time"], hasQuiz: true });
    expect(result.data.lessons.map((l: { id: string; kind: string }) => `${l.id}:${l.kind}`)).toEqual(["timed-one:lesson", "timed-two:case", "timed-three:lesson"]);
  });

  test("the glossary renders definitions with numbered citations", async () => {
    const result = await callLoader(glossary.loader, get(`/courses/${COURSE}/glossary`), { courseId: COURSE });
    expect(result.data.terms).toEqual([{ id: "trafficking", term: "Trafficking", html: 'Action, means and purpose <sup class="citation">[<a href="#ref-1" aria-label="Reference 1">1</a>]</sup>.' }]);
    expect(result.data.references).toEqual([{ number: 1, key: "S1", reference: "Source One, A report, 2022.", url: "https://example.org/one" }]);
  });
});

describe("reading a lesson", () => {
  let jar: CookieJar;
  let userId: number;
  beforeAll(async () => {
    const user = await createTestUser();
    userId = user.id;
    jar = await signedIn(user);
  });

  test("needs a signed-in user", async () => {
    const result = await openLesson(new CookieJar(), "basics", "first-lesson");
    expect(result).toMatchObject({ status: 302, thrown: true, location: `/login?redirectTo=${encodeURIComponent(lessonPath("basics", "first-lesson"))}` });
  });

  test("renders the lesson with anchored headings, callouts and numbered references, and remembers the visit", async () => {
    const result = await openLesson(jar, "basics", "first-lesson");
    expect(result.status).toBe(200);
    const data = result.data;
    expect(data.lesson).toMatchObject({ id: "first-lesson", kind: "lesson", minutes: 10, title: "First lesson" });
    expect(data.lesson.headings).toEqual([
      { id: "overview", text: "Overview", level: 2 },
      { id: "details", text: "Details", level: 2 },
      { id: "practice", text: "Practice", level: 2 },
    ]);
    expect(data.lesson.html).toContain('<h2 id="overview">Overview</h2>');
    expect(data.lesson.html).toContain('<aside class="callout callout-key-point" aria-label="Key point"><p class="callout-title">Key point</p>');
    expect(data.lesson.html).toContain('<sup class="citation">[<a href="#ref-2" aria-label="Reference 2, para. 4">2, para. 4</a>]</sup>');
    expect(data.lesson.references.map((r: { number: number; key: string }) => `${r.number}:${r.key}`)).toEqual(["1:S1", "2:S2"]);
    expect(data.module).toMatchObject({ id: "basics", contentNote: null, position: { lesson: 1, of: 3 }, isLastLesson: false, hasQuiz: true });
    expect(data.previous).toBeFalsy();
    expect(data.next).toEqual({ href: lessonPath("basics", "second-lesson"), title: "Second lesson" });
    expect(data.done).toBe(false);
    expect(getEnrolments(userId)).toMatchObject([{ courseId: COURSE, lastLessonId: "first-lesson" }]);
  });

  test("crosses module boundaries with previous and next", async () => {
    const last = await openLesson(jar, "basics", "basics-case");
    expect(last.data.next).toEqual({ href: lessonPath("timed", "timed-one"), title: "Timed one" });
    expect(last.data.module.isLastLesson).toBe(true);
    const first = await openLesson(jar, "timed", "timed-one");
    expect(first.data.previous).toEqual({ href: lessonPath("basics", "basics-case"), title: "A case" });
    expect(first.data.module.contentNote).toBe("This module mentions exploitation.");
  });

  test("is shown in Serbian Cyrillic, generated from the Latin text, with foreign terms kept in Latin", async () => {
    const result = await openLesson(jar, "basics", "first-lesson", { "Accept-Language": "en" });
    expect(result.data.lesson.title).toBe("First lesson");
    setUserLanguage(userId, "sr-Cyrl");
    try {
      const cyrillic = await openLesson(jar, "basics", "first-lesson");
      expect(cyrillic.data.lesson.title).toBe("Прва лекција");
      expect(cyrillic.data.lesson.headings[0]).toEqual({ id: "преглед", text: "Преглед", level: 2 });
      expect(cyrillic.data.lesson.html).toContain("Истражитељи пажљиво бележе");
      expect(cyrillic.data.lesson.html).toContain("Facebook је само пример");
      expect(cyrillic.data.lesson.html).not.toContain("{{");
      expect(cyrillic.data.lesson.html).toContain('aria-label="Кључно"');
      expect(cyrillic.data.course.title).toBe("Пробни курс");
      expect(cyrillic.data.next.title).toBe("Друга лекција");
    } finally {
      setUserLanguage(userId, "en");
    }
  });
});

describe("progress", () => {
  test("marking lessons complete moves the learner on and shows progress everywhere", async () => {
    const jar = await signedIn(await createTestUser());

    const done = await markLesson(jar, "basics", "first-lesson", "complete");
    expect(done).toMatchObject({ status: 302, location: lessonPath("basics", "second-lesson") });
    expect((await openLesson(jar, "basics", "first-lesson")).data.done).toBe(true);

    // 8 steps in the course: 6 lessons and 2 quizzes; 1 done.
    const coursePage = await callLoader(course.loader, get(`/courses/${COURSE}`, { jar }), { courseId: COURSE });
    expect(coursePage.data).toMatchObject({ percent: 12, complete: false, signedIn: true, continueTo: lessonPath("basics", "second-lesson") });
    expect(coursePage.data.modules[0].progress).toEqual({ moduleId: "basics", lessonsDone: 1, lessonsTotal: 3, quizRequired: true, quizPassed: false, status: "in-progress" });
    expect(coursePage.data.modules[1].progress.status).toBe("not-started");

    const list = await callLoader(catalogue.loader, get("/courses", { jar }));
    expect(list.data.courses[0].percent).toBe(12);

    const dashboard = await callLoader(myLearning.loader, get("/my-learning", { jar }));
    expect(dashboard.data.courses).toEqual([expect.objectContaining({ id: COURSE, percent: 12, complete: false, continueTo: lessonPath("basics", "second-lesson"), nextTitle: "Second lesson" })]);

    const modulePage = await callLoader(moduleRoute.loader, get(`/courses/${COURSE}/basics`, { jar }), { courseId: COURSE, moduleId: "basics" });
    expect(modulePage.data.lessons.map((l: { done: boolean }) => l.done)).toEqual([true, false, false]);
  });

  test("'Continue' goes to the first lesson not yet done, even after visiting later ones", async () => {
    const jar = await signedIn(await createTestUser());
    await markLesson(jar, "basics", "first-lesson", "complete");
    await markLesson(jar, "basics", "basics-case", "complete");
    await openLesson(jar, "timed", "timed-three");
    const dashboard = await callLoader(myLearning.loader, get("/my-learning", { jar }));
    expect(dashboard.data.courses[0].continueTo).toBe(lessonPath("basics", "second-lesson"));
  });

  test("the last lesson of the course leads back to the course page; a module's lessons alone do not complete it while its quiz is pending", async () => {
    const jar = await signedIn(await createTestUser());
    for (const [moduleId, lessonId] of [
      ["basics", "first-lesson"],
      ["basics", "second-lesson"],
      ["basics", "basics-case"],
      ["timed", "timed-one"],
      ["timed", "timed-two"],
    ]) {
      await markLesson(jar, moduleId, lessonId, "complete");
    }
    const last = await markLesson(jar, "timed", "timed-three", "complete");
    expect(last).toMatchObject({ status: 302, location: `/courses/${COURSE}` });
    const coursePage = await callLoader(course.loader, get(`/courses/${COURSE}`, { jar }), { courseId: COURSE });
    expect(coursePage.data).toMatchObject({ percent: 75, complete: false });
    expect(coursePage.data.modules.map((m: { progress: { status: string } }) => m.progress.status)).toEqual(["in-progress", "in-progress"]);
    // Every lesson is done: the course page offers the first lesson again.
    expect(coursePage.data.continueTo).toBe(lessonPath("basics", "first-lesson"));
  });

  test("marking complete twice is harmless and 'not completed' undoes it", async () => {
    const jar = await signedIn(await createTestUser());
    await markLesson(jar, "basics", "second-lesson", "complete");
    await markLesson(jar, "basics", "second-lesson", "complete");
    const undo = await markLesson(jar, "basics", "second-lesson", "incomplete");
    expect(undo).toMatchObject({ status: 302, location: lessonPath("basics", "second-lesson") });
    expect((await openLesson(jar, "basics", "second-lesson")).data.done).toBe(false);
    const coursePage = await callLoader(course.loader, get(`/courses/${COURSE}`, { jar }), { courseId: COURSE });
    expect(coursePage.data.percent).toBe(0);
  });

  test("progress is per learner", async () => {
    const a = await signedIn(await createTestUser());
    const b = await signedIn(await createTestUser());
    await markLesson(a, "basics", "first-lesson", "complete");
    expect((await openLesson(b, "basics", "first-lesson")).data.done).toBe(false);
  });

  test("without a valid CSRF token nothing is written (403); an unknown intent is a 400", async () => {
    const jar = await signedIn(await createTestUser());
    const params = lessonParams("basics", "first-lesson");
    const missing = await callAction(lesson.action, post(lessonPath("basics", "first-lesson"), { intent: "complete" }, { jar }), params);
    expect(missing).toMatchObject({ status: 403, thrown: true });
    const forged = await callAction(lesson.action, post(lessonPath("basics", "first-lesson"), { intent: "complete", csrf: "forged" }, { jar }), params);
    expect(forged).toMatchObject({ status: 403, thrown: true });
    expect((await openLesson(jar, "basics", "first-lesson")).data.done).toBe(false);
    expect(await callAction(lesson.action, await postForm(lessonPath("basics", "first-lesson"), { intent: "finish" }, jar), params)).toMatchObject({ status: 400, data: "errors.form.invalid" });
  });
});
