/**
 * The passage between course versions (courses/README.md, "Course versions"): the fixture course
 * is copied to a folder of this file's own, completed in version 1, then replaced by version 2
 * in which one module ("basics") changed.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { formatVerificationCode } from "~/certificates/verification-code";
import { findCourse, findModule, forgetCourses } from "~/content/courses.server";
import type { Course } from "~/content/loader.server";
import { listUserCertificates } from "~/models/certificates.server";
import { getCourseProgress } from "~/models/completions.server";
import { markLessonComplete } from "~/models/progress.server";
import { buildProgressGrid, GridQuerySchema } from "~/progress/grid.server";
import { attemptsLeftAfter, getQuizOverview } from "~/quiz/attempts.server";
import * as credentialRoute from "~/routes/certificates.$code.credential";
import * as courseRoute from "~/routes/courses.$courseId._index";
import * as myLearning from "~/routes/my-learning";
import * as verifyCode from "~/routes/verify.$code";
import { getDb } from "~/utils/db.server";
import { fetchApp } from "../helpers/app";
import { createTestUser, signedIn, type TestUser } from "../helpers/auth";
import { callLoader, get } from "../helpers/http";
import { completeCourse, COURSE_ID, passQuiz } from "../helpers/learning";
import { assign, createGroup } from "../helpers/progress";
import { checkCredential, nextClient } from "../helpers/verify";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "trag-versions-"));
const courseDir = path.join(root, COURSE_ID);
fs.cpSync(path.resolve("tests/fixtures/courses", COURSE_ID), courseDir, { recursive: true });
process.env.COURSES_DIR = root;
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const WHATS_NEW = { en: "A new lesson on cross-border orders.", "sr-Latn": "Nova lekcija o prekograničnim nalozima." };

/** Puts version 2 in place: "basics" changed in it, "timed" did not. */
function publishVersion2() {
  const file = path.join(courseDir, "course.yaml");
  const meta = JSON.parse(fs.readFileSync(file, "utf8"));
  meta.version = "2";
  meta.changes = [{ version: "2", note: { en: "Typing errors corrected.", "sr-Latn": "Ispravljene slovne greške." }, modules: [{ id: "basics", whatsNew: WHATS_NEW }] }];
  fs.writeFileSync(file, JSON.stringify(meta, null, 2));
  forgetCourses();
}

const course = (): Course => findCourse(COURSE_ID)!;
const scopeOf = (userId: number, moduleId: string) => ({ userId, course: course(), module: findModule(course(), moduleId)! });

describe("from version 1 to version 2 of a course", () => {
  let learner: TestUser;
  let starter: TestUser;
  let code1: string;
  let credential1: string;

  beforeAll(async () => {
    expect(course().version).toBe("1");
    learner = await createTestUser({ fullName: "Jelena Petrović", email: `jelena-${process.pid}@example.test` });
    code1 = formatVerificationCode(completeCourse(learner.id).code);
    credential1 = (await callLoader(credentialRoute.loader, get(`/certificates/${code1}/credential`, { jar: await signedIn(learner) }), { code: code1 })).data;
    // Someone who started version 1 without completing it: no "what's new" for them.
    starter = await createTestUser();
    markLessonComplete(starter.id, course(), course().modules[0]!.lessons[0]!.id, new Date("2026-03-02T10:00:00Z"));
    publishVersion2();
    expect(course().version).toBe("2");
  });

  test("the unchanged module's completion carries over; the changed module needs its quiz passed again, its lessons stay read", () => {
    const progress = getCourseProgress(learner.id, course());
    const byId = Object.fromEntries(progress.modules.map((m) => [m.moduleId, m]));
    expect(byId.timed).toMatchObject({ status: "complete", quizPassed: true });
    expect(byId.basics).toMatchObject({ status: "in-progress", quizPassed: false, lessonsDone: byId.basics!.lessonsTotal });
    expect(progress.complete).toBe(false);
  });

  test("the changed module's quiz starts afresh: every attempt is available again", () => {
    const overview = getQuizOverview(scopeOf(learner.id, "basics"), new Date("2026-04-01T10:00:00Z"));
    expect(overview).toMatchObject({ passed: false, attemptsLeft: overview.maxAttempts, canStart: true, attempts: [] });
    expect(getQuizOverview(scopeOf(learner.id, "timed"), new Date("2026-04-01T10:00:00Z"))).toMatchObject({ passed: true });
  });

  test("the trainer's progress grid agrees: the changed module's quiz is not passed until passed again, the unchanged one stays passed", async () => {
    const trainer = await createTestUser({ role: "trainer" });
    const group = createGroup({ name: "Versions", trainerIds: [trainer.id], learnerIds: [learner.id] });
    assign(group.id, ["basics", "timed"], new Date("2026-05-01T10:00:00Z"), COURSE_ID);
    const [row] = buildProgressGrid(group.id, "en", GridQuerySchema.parse({}), new Date("2026-04-01T10:00:00Z")).rows;
    const byModule = Object.fromEntries(row!.cells.map((cell, i) => [["basics", "timed"][i], cell]));
    expect(byModule.timed).toMatchObject({ quizPassed: true, bestScore: 80 });
    expect(byModule.basics).toMatchObject({ quizPassed: false, bestScore: null, attemptsUsed: 0 });
  });

  test("the certificate of version 1 stays valid: its page and its signed credential verify", async () => {
    const page = await callLoader(verifyCode.loader, get(`/verify/${code1}`, { headers: nextClient() }), { code: code1 });
    expect(page.status).toBe(200);
    expect(page.data.view).toMatchObject({ code: code1, status: "valid", courseTitle: "Fixture course" });
    const checked = await checkCredential(credential1, { email: learner.email });
    expect(checked.data.report).toMatchObject({ verdict: "verified", record: { kind: "current", code: code1 } });
  });

  test("the course page and My learning show what is new since version 1, in three languages", async () => {
    const jar = await signedIn(learner);
    const coursePage = await callLoader(courseRoute.loader, get(`/courses/${COURSE_ID}`, { jar }), { courseId: COURSE_ID });
    expect(coursePage.data.whatsNew).toEqual({
      completedVersion: "1",
      currentVersion: "2",
      changes: [{ version: "2", note: "Typing errors corrected.", modules: [{ id: "basics", number: 1, title: "Basics", whatsNew: WHATS_NEW.en }] }],
    });
    const dashboard = await callLoader(myLearning.loader, get("/my-learning", { jar }));
    expect(dashboard.data.courses).toEqual([expect.objectContaining({ id: COURSE_ID, complete: false, whatsNew: coursePage.data.whatsNew })]);

    const expected = {
      en: ["New since version 1, which you completed", "Your certificate for version 1 stays valid.", "A new lesson on cross-border orders."],
      "sr-Latn": ["Novo od verzije 1, koju ste završili", "Vaše uverenje za verziju 1 ostaje važeće.", "Nova lekcija o prekograničnim nalozima."],
      "sr-Cyrl": ["Ново од верзије 1, коју сте завршили", "Ваше уверење за верзију 1 остаје важеће.", "Нова лекција о прекограничним налозима."],
    };
    for (const [language, texts] of Object.entries(expected)) {
      const reader = await createTestUser({ language: language as keyof typeof expected });
      completeCourseInVersion1(reader.id);
      const readerJar = await signedIn(reader);
      for (const url of [`/courses/${COURSE_ID}`, "/my-learning"]) {
        const page = await (await fetchApp(get(url, { jar: readerJar }))).text();
        const html = page.slice(0, page.search(/<script[^>]*>window\.__trag=/)).replace(/&#x27;/g, "'");
        for (const text of texts) expect(html, `${url} in ${language}`).toContain(text);
      }
    }
  });

  test("nothing is shown to a learner who completed no version", async () => {
    const jar = await signedIn(starter);
    expect((await callLoader(courseRoute.loader, get(`/courses/${COURSE_ID}`, { jar }), { courseId: COURSE_ID })).data.whatsNew).toBeNull();
  });

  test("completing version 2 issues a certificate for version 2 and keeps the one for version 1", () => {
    const attempt = passQuiz(learner.id, "basics", 70, new Date("2026-04-02T10:00:00Z"), 2);
    // The reveal policy counts it as the first attempt of version 2, although it is the learner's second at this module.
    expect(attemptsLeftAfter(scopeOf(learner.id, "basics"), attempt)).toBe(findModule(course(), "basics")!.quizSettings.maxAttempts - 1);
    const lesson = course().modules[0]!.lessons[0]!.id;
    expect(markLessonComplete(learner.id, course(), lesson, new Date("2026-04-02T10:05:00Z")).courseCompleted).toBe(true);
    const certificates = listUserCertificates(learner.id);
    expect(certificates.map((c) => c.courseVersion).sort()).toEqual(["1", "2"]);
    const certificate2 = certificates.find((c) => c.courseVersion === "2")!;
    expect(certificate2.snapshot.course.version).toBe("2");
    // The mean of basics' pass in version 2 (70) and timed's carried-over best (80); basics' 90 from version 1 no longer counts.
    expect(certificate2.snapshot.scorePercent).toBe(75);
    expect(certificates.find((c) => c.courseVersion === "1")!.revokedAt).toBeNull();
  });
});

/**
 * A learner of version 1 written directly: their records carry version 1 although version 2 is
 * loaded (progress tables hold no version; quiz attempts and completions do).
 */
function completeCourseInVersion1(userId: number) {
  const at = new Date("2026-03-01T10:00:00Z");
  const db = getDb().$client;
  for (const [moduleId, score] of [
    ["basics", 90],
    ["timed", 80],
  ] as const) {
    db.prepare(
      "INSERT INTO quiz_attempts (user_id, course_id, module_id, number, content_version, seed, question_ids, option_order, started_at, finished_at, status, score_percent, snapshot) VALUES (?, ?, ?, 1, '1', 1, '[]', '{}', ?, ?, 'passed', ?, '{}')",
    ).run(userId, COURSE_ID, moduleId, at.getTime(), at.getTime(), score);
  }
  for (const lesson of course().modules.flatMap((m) => m.lessons)) {
    db.prepare("INSERT INTO lesson_progress (user_id, course_id, lesson_id, completed_at) VALUES (?, ?, ?, ?)").run(userId, COURSE_ID, lesson.id, at.getTime());
  }
  db.prepare("INSERT INTO enrolments (user_id, course_id, started_at, last_lesson_id, last_visited_at) VALUES (?, ?, ?, NULL, ?)").run(userId, COURSE_ID, at.getTime(), at.getTime());
  db.prepare("INSERT INTO course_completions (user_id, course_id, course_version, completed_at, score_percent) VALUES (?, ?, '1', ?, 85)").run(userId, COURSE_ID, at.getTime());
}
