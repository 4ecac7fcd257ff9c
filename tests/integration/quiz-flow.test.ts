import { beforeAll, describe, expect, test, vi } from "vitest";
import { markLessonComplete } from "~/models/progress.server";
import { finishAttempt, startAttempt } from "~/quiz/attempts.server";
import { getDb } from "~/utils/db.server";
import { createTestUser, signedIn, type TestUser } from "../helpers/auth";
import type { CookieJar } from "../helpers/http";
import {
  answerFields,
  answerRows,
  bankQuestion,
  completionRows,
  drawnQuestion,
  fixtureCourse,
  openAttempt,
  openOverview,
  openReview,
  postAnswer,
  postAttempt,
  quizPaths,
  quizScopeFor,
  quizTables,
  reloadAttempt,
  seedDrawing,
  startThroughRoute,
} from "../helpers/quiz";

type Loaded = {
  questions: Array<{ id: string; response: unknown }>;
  machine: { value: unknown; context: { currentIndex: number } };
  answered: string[];
  attempt: { revision: number };
  revealed: Record<string, unknown>;
};

async function loadPlayer(jar: CookieJar, moduleId: "basics" | "timed", attemptId: number): Promise<Loaded> {
  const result = await openAttempt(jar, moduleId, attemptId);
  expect(result.status).toBe(200);
  return result.data;
}

/** What the learner sees of where they are: the question shown and the saved answers (public ids). */
function whereAndWhat(page: Loaded) {
  return { current: page.machine.context.currentIndex, answered: [...page.answered].sort(), responses: page.questions.map((q) => q.response) };
}

function completeLessons(userId: number, moduleId: "basics" | "timed") {
  const course = fixtureCourse();
  for (const lesson of course.modules.find((m) => m.id === moduleId)!.lessons) markLessonComplete(userId, course, lesson.id, new Date());
}

describe("a full attempt through the actions", () => {
  let user: TestUser;
  let jar: CookieJar;
  let attemptId: number;
  /** Which drawn questions the learner gets right: 4 of 5 is 80%, over the pass mark of 70. */
  const plan = [true, true, true, false, true];

  beforeAll(async () => {
    user = await createTestUser();
    jar = await signedIn(user);
    completeLessons(user.id, "basics");
    completeLessons(user.id, "timed");
  });

  test("starts from the overview at the first question with nothing answered", async () => {
    const overview = await openOverview(jar, "basics");
    expect(overview.data).toMatchObject({ canStart: true, inProgressId: null, attemptsLeft: 3, settings: { questionCount: 5, passMark: 70, mode: "deferred" } });
    attemptId = await startThroughRoute(jar, "basics");
    const page = await loadPlayer(jar, "basics", attemptId);
    expect(page.questions).toHaveLength(5);
    expect(whereAndWhat(page)).toEqual({ current: 0, answered: [], responses: [null, null, null, null, null] });
    expect(page.machine.value).toEqual({ answering: "ready" });
  });

  test("each saved answer moves on to the next question", async () => {
    const attempt = reloadAttempt(attemptId);
    for (const index of [0, 1]) {
      const result = await postAnswer(jar, "basics", attemptId, attempt.questionIds[index]!, plan[index]!);
      expect(result).toMatchObject({ status: 302, location: quizPaths("basics", attemptId).attempt });
      expect((await loadPlayer(jar, "basics", attemptId)).machine.context.currentIndex).toBe(index + 1);
    }
  });

  test("mid-way, a reload, another browser and a restarted server all resume at the same question with every saved answer", async () => {
    const attempt = reloadAttempt(attemptId);
    const expected = {
      current: 2,
      answered: attempt.questionIds.slice(0, 2).sort(),
      responses: attempt.questionIds.map((id, i) => (i < 2 ? publicResponse(id, plan[i]!) : null)),
    };
    // Reload.
    expect(whereAndWhat(await loadPlayer(jar, "basics", attemptId))).toEqual(expected);

    // Another browser: a new session finds the attempt in progress, and starting again resumes it.
    const otherBrowser = await signedIn(user);
    expect((await openOverview(otherBrowser, "basics")).data).toMatchObject({ inProgressId: attemptId, canStart: false });
    expect(await startThroughRoute(otherBrowser, "basics")).toBe(attemptId);
    expect(whereAndWhat(await loadPlayer(otherBrowser, "basics", attemptId))).toEqual(expected);

    // A crash: fresh modules open the database file again; nothing was kept in memory.
    vi.resetModules();
    const restarted = await import("~/routes/courses.$courseId.$moduleId.quiz.$attemptId._index");
    const { callLoader, get } = await import("../helpers/http");
    const result = await callLoader(restarted.loader, get(quizPaths("basics", attemptId).attempt, { jar }), { courseId: "fixture-course", moduleId: "basics", attemptId: String(attemptId) });
    expect(result.status).toBe(200);
    expect(whereAndWhat(result.data)).toEqual(expected);
  });

  test("the rest is answered, and no completion is written while the attempt is open", async () => {
    const attempt = reloadAttempt(attemptId);
    for (const index of [2, 3, 4]) {
      expect(await postAnswer(jar, "basics", attemptId, attempt.questionIds[index]!, plan[index]!)).toMatchObject({ status: 302 });
    }
    // Saving the last answer goes to the summary.
    const page = await loadPlayer(jar, "basics", attemptId);
    expect(page.machine.value).toBe("reviewing");
    expect(page.answered).toHaveLength(5);
    expect(answerRows(attemptId).map((row) => row.score)).toEqual(plan.map((right) => (right ? 1 : 0)));
    expect(completionRows(user.id)).toEqual({ modules: [], course: [] });
    expect(reloadAttempt(attemptId)).toMatchObject({ status: "in-progress", scorePercent: null, finishedAt: null });
  });

  test("finishing scores the attempt and writes the module completion in the same moment", async () => {
    const { revision } = reloadAttempt(attemptId);
    expect(await postAttempt(jar, "basics", attemptId, { intent: "finish", revision: String(revision) })).toMatchObject({ status: 302, location: quizPaths("basics", attemptId).review });
    const finished = reloadAttempt(attemptId);
    expect(finished).toMatchObject({ status: "passed", scorePercent: 80 });
    // Lessons were complete, so passing the quiz completes the module; the course needs the timed module too.
    expect(completionRows(user.id)).toEqual({ modules: [{ moduleId: "basics", completedAt: finished.finishedAt!.getTime() }], course: [] });

    const review = await openReview(jar, "basics", attemptId);
    expect(review.data.attempt).toMatchObject({ passed: true, scorePercent: 80, expired: false });
    expect(review.data.course.complete).toBe(false);
    const overview = await openOverview(jar, "basics");
    expect(overview.data).toMatchObject({ passed: true, bestScore: 80, inProgressId: null });
  });

  test("passing the last module's quiz, in immediate mode, completes the course with its finish", async () => {
    const timedId = await startThroughRoute(jar, "timed");
    const attempt = reloadAttempt(timedId);
    for (const [index, questionId] of attempt.questionIds.entries()) {
      expect(await postAnswer(jar, "timed", timedId, questionId, true)).toMatchObject({ status: 302 });
      // Checked: locked, and the reveal policy ("always") shows the result at once.
      const page = await loadPlayer(jar, "timed", timedId);
      expect(page.machine.value).toBe("feedback");
      expect(Object.keys(page.revealed)).toEqual(attempt.questionIds.slice(0, index + 1));
      expect(await postAttempt(jar, "timed", timedId, { intent: "next" })).toMatchObject({ status: 302 });
    }
    expect((await loadPlayer(jar, "timed", timedId)).machine.value).toBe("reviewing");
    expect(completionRows(user.id).course).toEqual([]);

    const { revision } = reloadAttempt(timedId);
    expect(await postAttempt(jar, "timed", timedId, { intent: "finish", revision: String(revision) })).toMatchObject({ status: 302, location: quizPaths("timed", timedId).review });
    const finished = reloadAttempt(timedId);
    expect(finished).toMatchObject({ status: "passed", scorePercent: 100 });
    const at = finished.finishedAt!.getTime();
    expect(completionRows(user.id)).toEqual({
      modules: [
        { moduleId: "basics", completedAt: reloadAttempt(attemptId).finishedAt!.getTime() },
        { moduleId: "timed", completedAt: at },
      ],
      // The course score is the mean of each module's best quiz score.
      course: [{ courseId: "fixture-course", completedAt: at, scorePercent: 90 }],
    });
    expect((await openReview(jar, "timed", timedId)).data.course.complete).toBe(true);
  });

  /** The answer as the form shows it again: public ids of the attempt's drawn order. */
  function publicResponse(questionId: string, correct: boolean) {
    const question = bankQuestion("basics", questionId);
    const fields = answerFields(question, reloadAttempt(attemptId), correct);
    switch (question.type) {
      case "single":
        return { type: "single", optionId: fields.option };
      case "multiple":
        return { type: "multiple", optionIds: fields.option };
      case "truefalse":
        return { type: "truefalse", value: fields.value === "true" };
      case "matching":
        return { type: "matching", pairs: Object.fromEntries(Object.entries(fields).map(([name, value]) => [name.slice("match.".length), value])) };
      case "ordering": {
        const byPosition = Object.entries(fields).sort(([, a], [, b]) => Number(a) - Number(b));
        return { type: "ordering", order: byPosition.map(([name]) => name.slice("position.".length)) };
      }
    }
  }
});

describe("the finish and its completion are one transaction", () => {
  test("when the completion cannot be written, the attempt stays unfinished and nothing is written", async () => {
    const user = await createTestUser();
    const jar = await signedIn(user);
    completeLessons(user.id, "basics");
    const attemptId = await startThroughRoute(jar, "basics");
    for (const questionId of reloadAttempt(attemptId).questionIds) await postAnswer(jar, "basics", attemptId, questionId, true);
    const sqlite = getDb().$client;
    sqlite.exec("CREATE TEMP TRIGGER refuse_module_completion BEFORE INSERT ON main.module_completions BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    try {
      const before = quizTables();
      expect(() => finishAttempt(quizScopeFor(user.id, "basics"), attemptId, reloadAttempt(attemptId).revision, new Date())).toThrow("disk full");
      expect(quizTables()).toEqual(before);
      expect(reloadAttempt(attemptId)).toMatchObject({ status: "in-progress", finishedAt: null });
    } finally {
      sqlite.exec("DROP TRIGGER refuse_module_completion");
    }
    // With the completion writable again, the same finish goes through.
    finishAttempt(quizScopeFor(user.id, "basics"), attemptId, reloadAttempt(attemptId).revision, new Date());
    expect(completionRows(user.id).modules).toEqual([{ moduleId: "basics", completedAt: reloadAttempt(attemptId).finishedAt!.getTime() }]);
  });
});

describe("deferred mode: answers may change until finishing", () => {
  let user: TestUser;
  let jar: CookieJar;
  let attemptId: number;

  beforeAll(async () => {
    user = await createTestUser();
    jar = await signedIn(user);
    attemptId = startAttempt(quizScopeFor(user.id, "basics"), new Date(), seedDrawing("basics", ["single", "matching"])).id;
  });

  test("each change is a new row; the form shows and the score counts the latest", async () => {
    const attempt = reloadAttempt(attemptId);
    const { question: single, index } = drawnQuestion("basics", attempt, "single");
    const { question: matching } = drawnQuestion("basics", attempt, "matching");
    expect(await postAnswer(jar, "basics", attemptId, single.id, false)).toMatchObject({ status: 302 });
    expect(await postAnswer(jar, "basics", attemptId, matching.id, false)).toMatchObject({ status: 302 });
    // Back to the single-choice question from anywhere (free navigation), and change the answer twice.
    expect(await postAttempt(jar, "basics", attemptId, { intent: `goto:${index}` })).toMatchObject({ status: 302 });
    expect((await loadPlayer(jar, "basics", attemptId)).questions[index]!.response).toEqual({ type: "single", optionId: answerFields(single, attempt, false).option });
    expect(await postAnswer(jar, "basics", attemptId, single.id, true)).toMatchObject({ status: 302 });
    expect(await postAnswer(jar, "basics", attemptId, single.id, false, { intent: "save" })).toMatchObject({ status: 302 });
    expect(await postAnswer(jar, "basics", attemptId, single.id, true)).toMatchObject({ status: 302 });
    expect(await postAnswer(jar, "basics", attemptId, matching.id, true)).toMatchObject({ status: 302 });

    expect(answerRows(attemptId).map((row) => [row.question_id, row.score])).toEqual([
      [single.id, 0],
      [matching.id, 0],
      [single.id, 1],
      [single.id, 0],
      [single.id, 1],
      [matching.id, 1],
    ]);
    const page = await loadPlayer(jar, "basics", attemptId);
    expect(page.questions.find((q) => q.id === single.id)!.response).toEqual({ type: "single", optionId: answerFields(single, attempt, true).option });
    expect(page.answered.sort()).toEqual([single.id, matching.id].sort());

    const { revision } = reloadAttempt(attemptId);
    expect(await postAttempt(jar, "basics", attemptId, { intent: "finish", revision: String(revision) })).toMatchObject({ status: 302 });
    // 2 of 5 right (the latest answers), unanswered questions score 0.
    expect(reloadAttempt(attemptId)).toMatchObject({ status: "failed", scorePercent: 40 });
  });
});

describe("moving between questions", () => {
  test("a plain form's move redirects back to the page; the browser's background copy gets data, not a redirect", async () => {
    const user = await createTestUser();
    const jar = await signedIn(user);
    const attemptId = await startThroughRoute(jar, "basics");
    expect(await postAttempt(jar, "basics", attemptId, { intent: "next" })).toMatchObject({ status: 302, location: quizPaths("basics", attemptId).attempt });
    expect(await postAttempt(jar, "basics", attemptId, { intent: "goto:3", background: "1" })).toMatchObject({ status: 200, data: { moved: true } });
    expect(await postAttempt(jar, "basics", attemptId, { intent: "review", background: "1" })).toMatchObject({ status: 200, data: { moved: true } });
    const page = await loadPlayer(jar, "basics", attemptId);
    expect(page.machine.value).toBe("reviewing");
    expect(page.machine.context.currentIndex).toBe(3);
    // Moving never changes answers, so it does not make open forms stale.
    expect(page.attempt.revision).toBe(0);
  });
});

describe("an answer saved by the page's script", () => {
  /** The page's data but the server's clock, which moves between the reply and a reload. */
  const withoutClock = (page: Record<string, unknown>) => ({ ...page, serverNow: undefined });

  test("deferred: the reply carries the page as its loader would show it next; a plain form is redirected", async () => {
    const user = await createTestUser();
    const jar = await signedIn(user);
    const attemptId = await startThroughRoute(jar, "basics");
    const attempt = reloadAttempt(attemptId);
    const [first, second] = attempt.questionIds.map((id) => bankQuestion("basics", id));

    const saved = await postAnswer(jar, "basics", attemptId, first!.id, true, { background: "1" });
    expect(saved.status).toBe(200);
    expect(withoutClock(saved.data.pageData)).toEqual(withoutClock(await loadPlayer(jar, "basics", attemptId)));
    expect(whereAndWhat(saved.data.pageData)).toMatchObject({ current: 1, answered: [first!.id] });
    expect(saved.data.pageData.attempt.revision).toBe(attempt.revision + 1);

    expect(await postAnswer(jar, "basics", attemptId, second!.id, true)).toMatchObject({ status: 302, location: quizPaths("basics", attemptId).attempt });
    // A refused answer is refused the same way with or without the marker.
    const stale = { intent: "save", questionId: second!.id, revision: String(attempt.revision), background: "1", ...answerFields(second!, attempt, true) };
    expect(await postAttempt(jar, "basics", attemptId, stale)).toMatchObject({ status: 409, data: "quiz.errors.stale" });
    expect(answerRows(attemptId)).toHaveLength(2);
  });

  test("immediate: the reply shows the checked question locked with its feedback", async () => {
    const user = await createTestUser();
    const jar = await signedIn(user);
    const attemptId = await startThroughRoute(jar, "timed");
    const [first] = reloadAttempt(attemptId).questionIds;

    const checked = await postAnswer(jar, "timed", attemptId, first!, true, { background: "1" });
    expect(checked.status).toBe(200);
    expect(checked.data.pageData.machine.context.locked).toEqual([first]);
    expect(Object.keys(checked.data.pageData.revealed)).toEqual([first]);
    expect(withoutClock(checked.data.pageData)).toEqual(withoutClock(await loadPlayer(jar, "timed", attemptId)));
  });
});

describe("two tabs on one attempt", () => {
  test("deferred: an answer from a tab with an older page is refused; after a reload that tab shows the other's answers", async () => {
    const user = await createTestUser();
    const [tabA, tabB] = [await signedIn(user), await signedIn(user)];
    const attemptId = await startThroughRoute(tabA, "basics");
    const attempt = reloadAttempt(attemptId);
    const [first, second] = attempt.questionIds.map((id) => bankQuestion("basics", id));
    const pageA = await loadPlayer(tabA, "basics", attemptId);
    const pageB = await loadPlayer(tabB, "basics", attemptId);

    // Moving around in tab A does not make tab B's forms stale.
    expect(await postAttempt(tabA, "basics", attemptId, { intent: "next" })).toMatchObject({ status: 302 });
    const formB = { intent: "save", questionId: first!.id, revision: String(pageB.attempt.revision), ...answerFields(first!, attempt, true) };
    expect(await postAttempt(tabB, "basics", attemptId, formB)).toMatchObject({ status: 302 });

    // Tab A's page is now older than the attempt: its answer is refused, not silently applied.
    const formA = { intent: "save", questionId: second!.id, revision: String(pageA.attempt.revision), ...answerFields(second!, attempt, true) };
    expect(await postAttempt(tabA, "basics", attemptId, formA)).toMatchObject({ status: 409, data: "quiz.errors.stale" });
    expect(answerRows(attemptId)).toHaveLength(1);

    // Reloading tab A shows tab B's answer and the question tab B moved on to.
    const reloaded = await loadPlayer(tabA, "basics", attemptId);
    expect(reloaded.answered).toEqual([first!.id]);
    expect(reloaded.machine.context.currentIndex).toBe(1);
    expect(reloaded.attempt.revision).toBe(pageB.attempt.revision + 1);
  });

  test("immediate: the second tab's check of a checked question is a 409, and a reload shows the first tab's locked answer", async () => {
    const user = await createTestUser();
    const [tabA, tabB] = [await signedIn(user), await signedIn(user)];
    const attemptId = await startThroughRoute(tabA, "timed");
    const attempt = reloadAttempt(attemptId);
    const questionId = attempt.questionIds[0]!;
    const pageB = await loadPlayer(tabB, "timed", attemptId);
    expect(await postAnswer(tabA, "timed", attemptId, questionId, true)).toMatchObject({ status: 302 });
    const formB = { intent: "check", questionId, revision: String(pageB.attempt.revision), ...answerFields(bankQuestion("timed", questionId), attempt, false) };
    expect(await postAttempt(tabB, "timed", attemptId, formB)).toMatchObject({ status: 409, data: "quiz.errors.stale" });
    const reloaded = await loadPlayer(tabB, "timed", attemptId);
    expect(await postAttempt(tabB, "timed", attemptId, { ...formB, revision: String(reloaded.attempt.revision) })).toMatchObject({ status: 409, data: "quiz.errors.locked" });
    expect(answerRows(attemptId).map((row) => row.score)).toEqual([1]);
    expect(reloaded.machine.value).toBe("feedback");
    expect(reloaded.questions[0]!.response).toEqual(expect.objectContaining({ type: bankQuestion("timed", questionId).type }));
    expect(Object.keys(reloaded.revealed)).toEqual([questionId]);
  });
});
