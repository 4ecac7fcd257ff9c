import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { assignmentAdjustments, assignmentModules, assignments, mailMessages } from "#db/schema";
import { endOfDay } from "~/groups/due-dates";
import { addGroupMember, createGroup, removeGroupMember, setGroupArchived } from "~/models/groups.server";
import { insertAssignment } from "~/models/assignments.server";
import { markLessonComplete } from "~/models/progress.server";
import { insertAttempt } from "~/models/quiz-attempts.server";
import { getQuizOverview, loadAttempt, startAttempt } from "~/quiz/attempts.server";
import * as adjustRoute from "~/routes/trainer.groups.$groupId.assignments.$assignmentId";
import * as assignmentsRoute from "~/routes/trainer.groups.$groupId.assignments._index";
import * as myLearning from "~/routes/my-learning";
import { getDb, inTransaction } from "~/utils/db.server";
import { createTestUser, postForm, signedIn, type TestUser } from "../helpers/auth";
import { callAction, callLoader, CookieJar, get } from "../helpers/http";
import { fixtureCourse, quizScopeFor, reloadAttempt } from "../helpers/quiz";

const GROUP = { description: "", workshopDate: null, workshopPlace: null, startsOn: null, endsOn: null };
const DAY = 24 * 60 * 60 * 1000;

let trainer: TestUser;
let trainerJar: CookieJar;

beforeAll(async () => {
  trainer = await createTestUser({ role: "trainer" });
  trainerJar = await signedIn(trainer);
});

/** An assignment as the assign form writes it, without the notices it sends. */
function writeAssignment(input: Parameters<typeof insertAssignment>[1]) {
  return inTransaction((tx) => insertAssignment(tx, input));
}

function groupWith(name: string, members: TestUser[]) {
  const group = createGroup({ ...GROUP, name }, trainer.id, new Date());
  for (const member of members) addGroupMember(group.id, member.id, new Date());
  return group;
}

/** A passed attempt, as the quiz engine would leave it (only what completion reads matters here). */
function passQuiz(userId: number, moduleId: string) {
  const now = new Date();
  inTransaction((tx) =>
    insertAttempt(tx, {
      userId,
      courseId: "fixture-course",
      moduleId,
      number: 1,
      contentVersion: fixtureCourse().version,
      seed: 1,
      questionIds: [],
      optionOrder: {},
      startedAt: now,
      finishedAt: now,
      status: "passed",
      scorePercent: 100,
      snapshot: {},
    }),
  );
}

function day(offsetDays: number) {
  return new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
}

function assign(groupId: number, fields: Record<string, string | string[]>, jar = trainerJar) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries({ intent: "create", ...fields })) for (const v of [value].flat()) body.append(key, v);
  return postForm(`/trainer/groups/${groupId}/assignments`, Object.fromEntries(body), jar).then(async (request) => {
    // postForm takes a record; modules may repeat, so rebuild the body with every value.
    const csrf = new URLSearchParams(await request.text()).get("csrf")!;
    body.set("csrf", csrf);
    return callAction(assignmentsRoute.action, new Request(request.url, { method: "POST", headers: request.headers, body }), { groupId: String(groupId) });
  });
}

function assignmentsOf(groupId: number) {
  return getDb()
    .select()
    .from(assignments)
    .where(eq(assignments.groupId, groupId))
    .all()
    .map((a) => ({
      ...a,
      moduleIds: getDb()
        .select()
        .from(assignmentModules)
        .where(eq(assignmentModules.assignmentId, a.id))
        .all()
        .map((m) => m.moduleId),
    }));
}

async function assignedOn(jar: CookieJar) {
  const page = await callLoader(myLearning.loader, get("/my-learning", { jar }));
  expect(page.status).toBe(200);
  return page.data.assigned as { id: number; courseTitle: string; modules: { id: string }[]; note: string; dueAt: Date; done: boolean; overdue: boolean; continueTo: string; nextIsQuiz: boolean }[];
}

describe("assigning", () => {
  test("the whole course, with a due date at the end of the day in Belgrade and a note; each learner gets the email once", async () => {
    const learners = [await createTestUser(), await createTestUser({ language: "sr-Cyrl" })];
    const group = groupWith("Whole course", learners);
    const result = await assign(group.id, { courseId: "fixture-course", scope: "whole", due: day(7), note: "Pročitajte do radionice." });
    expect(result).toMatchObject({ status: 302, location: `/trainer/groups/${group.id}/assignments` });
    const [saved] = assignmentsOf(group.id);
    expect(saved).toMatchObject({ courseId: "fixture-course", wholeCourse: true, note: "Pročitajte do radionice.", createdBy: trainer.id, moduleIds: ["basics", "timed"] });
    expect(saved.dueAt).toEqual(endOfDay(day(7)));
    const mail = getDb().select().from(mailMessages).where(eq(mailMessages.kind, "assignment-new")).all();
    for (const learner of learners) expect(mail.filter((m) => m.userId === learner.id)).toHaveLength(1);

    const list = await callLoader(assignmentsRoute.loader, get(`/trainer/groups/${group.id}/assignments`, { jar: trainerJar }), { groupId: String(group.id) });
    expect(list.data.assignments).toMatchObject([{ id: saved.id, wholeCourse: true, note: "Pročitajte do radionice." }]);
  });

  test("chosen modules, stored in course order", async () => {
    const group = groupWith("Modules", []);
    const result = await assign(group.id, { courseId: "fixture-course", scope: "modules", modules: ["fixture-course/timed"], due: day(3), note: "" });
    expect(result.status).toBe(302);
    expect(assignmentsOf(group.id)).toMatchObject([{ wholeCourse: false, moduleIds: ["timed"] }]);
  });

  test.each([
    [{ scope: "modules", due: day(3) }, { modules: "groups.assignments.errors.noModules" }],
    [{ scope: "modules", modules: ["fixture-course/nonexistent"], due: day(3) }, { modules: "groups.assignments.errors.otherCourse" }],
    [{ scope: "modules", modules: ["other-course/basics"], due: day(3) }, { modules: "groups.assignments.errors.otherCourse" }],
    [{ scope: "whole", due: day(-2) }, { due: "groups.assignments.errors.duePast" }],
    [{ scope: "whole", due: "2026-02-30" }, { due: "groups.assignments.errors.due" }],
    [{ scope: "whole", due: day(3), courseId: "no-such-course" }, { courseId: "groups.assignments.errors.course" }],
    [{ scope: "everything", due: day(3) }, { scope: "groups.assignments.errors.scope" }],
  ])("refuses %j with %j and writes nothing", async (fields, errors) => {
    const group = groupWith("Refusals", []);
    const result = await assign(group.id, { courseId: "fixture-course", note: "", ...fields });
    expect(result).toMatchObject({ status: 400, data: { errors } });
    expect(assignmentsOf(group.id)).toEqual([]);
  });

  test("removing an assignment keeps the learners' progress; another group's assignment is not found", async () => {
    const learner = await createTestUser();
    const group = groupWith("Removal", [learner]);
    const other = groupWith("Other", []);
    await assign(group.id, { courseId: "fixture-course", scope: "whole", due: day(5), note: "" });
    const [saved] = assignmentsOf(group.id);
    markLessonComplete(learner.id, fixtureCourse(), "first-lesson", new Date());
    const wrongGroup = await callAction(assignmentsRoute.action, await postForm(`/trainer/groups/${other.id}/assignments`, { intent: "delete", assignmentId: String(saved.id) }, trainerJar), {
      groupId: String(other.id),
    });
    expect(wrongGroup).toMatchObject({ status: 404, thrown: true });
    const removed = await callAction(assignmentsRoute.action, await postForm(`/trainer/groups/${group.id}/assignments`, { intent: "delete", assignmentId: String(saved.id) }, trainerJar), {
      groupId: String(group.id),
    });
    expect(removed).toMatchObject({ status: 200, data: { done: "groups.assignments.deleted" } });
    expect(assignmentsOf(group.id)).toEqual([]);
  });
});

describe("Assigned to you on My learning", () => {
  test("soonest due first, overdue marked, with the note and a link to where to continue", async () => {
    const learner = await createTestUser();
    const jar = await signedIn(learner);
    const group = groupWith("My learning", [learner]);
    const now = new Date();
    const later = writeAssignment({
      groupId: group.id,
      courseId: "fixture-course",
      wholeCourse: false,
      moduleIds: ["timed"],
      dueAt: new Date(now.getTime() + 10 * DAY),
      note: "Later one",
      createdBy: trainer.id,
      createdAt: now,
    });
    const overdue = writeAssignment({
      groupId: group.id,
      courseId: "fixture-course",
      wholeCourse: false,
      moduleIds: ["basics"],
      dueAt: new Date(now.getTime() - DAY),
      note: "<b>Hurry</b>",
      createdBy: trainer.id,
      createdAt: now,
    });
    const soon = writeAssignment({
      groupId: group.id,
      courseId: "fixture-course",
      wholeCourse: true,
      moduleIds: ["basics", "timed"],
      dueAt: new Date(now.getTime() + 2 * DAY),
      note: "",
      createdBy: trainer.id,
      createdAt: now,
    });

    let items = await assignedOn(jar);
    expect(items.map((i) => i.id)).toEqual([overdue, soon, later]);
    expect(items.map((i) => i.overdue)).toEqual([true, false, false]);
    expect(items[0].note).toBe("<b>Hurry</b>");
    expect(items[0].continueTo).toBe("/courses/fixture-course/basics/first-lesson");
    expect(items[2].continueTo).toBe("/courses/fixture-course/timed/timed-one");

    // Lessons done, quiz left: straight to the quiz.
    for (const lesson of ["first-lesson", "second-lesson", "basics-case"]) markLessonComplete(learner.id, fixtureCourse(), lesson, new Date());
    items = await assignedOn(jar);
    expect(items[0]).toMatchObject({ continueTo: "/courses/fixture-course/basics/quiz", nextIsQuiz: true, overdue: true });
    expect(items[1].continueTo).toBe("/courses/fixture-course/basics/quiz");

    // Quiz passed: the basics assignment is done and no longer overdue; the whole course goes on with the next module.
    passQuiz(learner.id, "basics");
    items = await assignedOn(jar);
    expect(items[0]).toMatchObject({ id: overdue, done: true, overdue: false });
    expect(items[1]).toMatchObject({ id: soon, done: false, continueTo: "/courses/fixture-course/timed/timed-one" });
  });

  test("a later due date for one learner moves their assignment and lifts the overdue mark", async () => {
    const learner = await createTestUser();
    const jar = await signedIn(learner);
    const group = groupWith("Later for one", [learner]);
    const now = new Date();
    const id = writeAssignment({
      groupId: group.id,
      courseId: "fixture-course",
      wholeCourse: false,
      moduleIds: ["basics"],
      dueAt: new Date(now.getTime() - DAY),
      note: "",
      createdBy: trainer.id,
      createdAt: now,
    });
    expect((await assignedOn(jar))[0]).toMatchObject({ id, overdue: true });
    const saved = await adjust(group.id, id, { userId: String(learner.id), due: day(4), extraAttempts: "0", extraMinutes: "0" });
    expect(saved).toMatchObject({ status: 200, data: { done: "groups.adjustments.saved" } });
    expect((await assignedOn(jar))[0]).toMatchObject({ id, overdue: false, dueAt: endOfDay(day(4)) });
  });

  test("not shown to learners outside the group, after leaving it, or when the group is archived", async () => {
    const learner = await createTestUser();
    const outsider = await createTestUser();
    const jar = await signedIn(learner);
    const group = groupWith("Visibility", [learner]);
    writeAssignment({
      groupId: group.id,
      courseId: "fixture-course",
      wholeCourse: true,
      moduleIds: ["basics", "timed"],
      dueAt: new Date(Date.now() + DAY),
      note: "",
      createdBy: trainer.id,
      createdAt: new Date(),
    });
    expect(await assignedOn(jar)).toHaveLength(1);
    expect(await assignedOn(await signedIn(outsider))).toHaveLength(0);
    setGroupArchived(group.id, new Date());
    expect(await assignedOn(jar)).toHaveLength(0);
    setGroupArchived(group.id, null);
    removeGroupMember(group.id, learner.id);
    expect(await assignedOn(jar)).toHaveLength(0);
  });
});

function adjust(groupId: number, assignmentId: number, fields: Record<string, string>, jar = trainerJar) {
  return postForm(`/trainer/groups/${groupId}/assignments/${assignmentId}`, { intent: "adjust", ...fields }, jar).then((request) =>
    callAction(adjustRoute.action, request, { groupId: String(groupId), assignmentId: String(assignmentId) }),
  );
}

describe("per-learner adjustments", () => {
  test("are recorded with who and when, shown on the page, and refused when out of range or earlier than the group's date", async () => {
    const learner = await createTestUser({ fullName: "<i>Adjusted</i> Learner" });
    const group = groupWith("Adjustments", [learner]);
    const id = writeAssignment({
      groupId: group.id,
      courseId: "fixture-course",
      wholeCourse: false,
      moduleIds: ["timed"],
      dueAt: endOfDay(day(3)),
      note: "",
      createdBy: trainer.id,
      createdAt: new Date(),
    });
    expect(await adjust(group.id, id, { userId: String(learner.id), due: day(1), extraAttempts: "1", extraMinutes: "0" })).toMatchObject({
      status: 400,
      data: { errors: { due: "groups.adjustments.errors.earlier" } },
    });
    expect(await adjust(group.id, id, { userId: String(learner.id), due: "", extraAttempts: "21", extraMinutes: "-5" })).toMatchObject({
      status: 400,
      data: { errors: { extraAttempts: "groups.adjustments.errors.tooMany", extraMinutes: "groups.adjustments.errors.number" } },
    });
    expect(await adjust(group.id, id, { userId: String(learner.id), due: "", extraAttempts: "1.5", extraMinutes: "x" })).toMatchObject({ status: 400 });
    expect(getDb().select().from(assignmentAdjustments).where(eq(assignmentAdjustments.assignmentId, id)).all()).toEqual([]);

    expect(await adjust(group.id, id, { userId: String(learner.id), due: "", extraAttempts: "2", extraMinutes: "15" })).toMatchObject({ status: 200 });
    const page = await callLoader(adjustRoute.loader, get(`/trainer/groups/${group.id}/assignments/${id}?learner=${learner.id}`, { jar: trainerJar }), {
      groupId: String(group.id),
      assignmentId: String(id),
    });
    expect(page.data.learners).toMatchObject([{ id: learner.id, fullName: "<i>Adjusted</i> Learner", extraAttempts: 2, extraMinutes: 15, changedByName: trainer.fullName }]);
    expect(page.data.chosen).toMatchObject({ id: learner.id, day: "", history: [{ extraAttempts: 2, extraMinutes: 15, changedBy: trainer.id }] });
  });

  test("only for learners of the group, on assignments of the group", async () => {
    const learner = await createTestUser();
    const stranger = await createTestUser();
    const group = groupWith("Scope", [learner]);
    const other = groupWith("Scope other", [stranger]);
    const id = writeAssignment({
      groupId: group.id,
      courseId: "fixture-course",
      wholeCourse: false,
      moduleIds: ["timed"],
      dueAt: endOfDay(day(3)),
      note: "",
      createdBy: trainer.id,
      createdAt: new Date(),
    });
    const otherId = writeAssignment({
      groupId: other.id,
      courseId: "fixture-course",
      wholeCourse: false,
      moduleIds: ["timed"],
      dueAt: endOfDay(day(3)),
      note: "",
      createdBy: trainer.id,
      createdAt: new Date(),
    });
    expect(await adjust(group.id, id, { userId: String(stranger.id), due: "", extraAttempts: "1", extraMinutes: "0" })).toMatchObject({ status: 404, thrown: true });
    expect(await adjust(group.id, otherId, { userId: String(learner.id), due: "", extraAttempts: "1", extraMinutes: "0" })).toMatchObject({ status: 404, thrown: true });
    expect(
      await callLoader(adjustRoute.loader, get(`/trainer/groups/${group.id}/assignments/${otherId}`, { jar: trainerJar }), { groupId: String(group.id), assignmentId: String(otherId) }),
    ).toMatchObject({ status: 404 });
    expect(
      getDb()
        .select()
        .from(assignmentAdjustments)
        .where(and(eq(assignmentAdjustments.userId, stranger.id)))
        .all(),
    ).toEqual([]);
  });

  test("an extra attempt raises the learner's attempt limit in the quiz engine", async () => {
    const learner = await createTestUser();
    const group = groupWith("Extra attempt", [learner]);
    const id = writeAssignment({
      groupId: group.id,
      courseId: "fixture-course",
      wholeCourse: false,
      moduleIds: ["timed"],
      dueAt: endOfDay(day(3)),
      note: "",
      createdBy: trainer.id,
      createdAt: new Date(),
    });
    const scope = quizScopeFor(learner.id, "timed");
    // The timed quiz allows 2 attempts of 10 minutes with 60 minutes between them; let both run out.
    const t0 = Date.now();
    startAttempt(scope, new Date(t0));
    startAttempt(scope, new Date(t0 + 71 * 60_000));
    const after = new Date(t0 + 150 * 60_000);
    expect(getQuizOverview(scope, after)).toMatchObject({ maxAttempts: 2, attemptsLeft: 0, canStart: false });
    expect(() => startAttempt(scope, after)).toThrow("quiz.errors.noAttemptsLeft");

    await adjust(group.id, id, { userId: String(learner.id), due: "", extraAttempts: "1", extraMinutes: "0" });
    expect(getQuizOverview(scope, after)).toMatchObject({ maxAttempts: 3, attemptsLeft: 1, canStart: true });
    const third = startAttempt(scope, after);
    expect(third).toMatchObject({ number: 3, extraMinutes: 0 });
  });

  test("extra minutes reach new attempts of timed quizzes only, and the deadline the engine enforces", async () => {
    const learner = await createTestUser();
    const group = groupWith("Extra minutes", [learner]);
    const id = writeAssignment({
      groupId: group.id,
      courseId: "fixture-course",
      wholeCourse: true,
      moduleIds: ["basics", "timed"],
      dueAt: endOfDay(day(3)),
      note: "",
      createdBy: trainer.id,
      createdAt: new Date(),
    });
    const scope = quizScopeFor(learner.id, "timed");
    const t0 = Date.now();
    const before = startAttempt(scope, new Date(t0));
    expect(before.extraMinutes).toBe(0);

    await adjust(group.id, id, { userId: String(learner.id), due: "", extraAttempts: "0", extraMinutes: "15" });
    expect(getQuizOverview(scope, new Date(t0 + 71 * 60_000))).toMatchObject({ extraMinutes: 15 });
    const started = new Date(t0 + 71 * 60_000);
    const attempt = startAttempt(scope, started);
    expect(attempt).toMatchObject({ number: 2, extraMinutes: 15 });
    // Ten minutes of the quiz plus fifteen: still open at 24 minutes, over at 25.
    expect(loadAttempt(scope, attempt.id, new Date(started.getTime() + 24 * 60_000)).attempt.status).toBe("in-progress");
    expect(loadAttempt(scope, attempt.id, new Date(started.getTime() + 24 * 60_000)).deadline).toBe(started.getTime() + 25 * 60_000);
    expect(reloadAttempt(attempt.id).status).toBe("in-progress");
    expect(loadAttempt(scope, attempt.id, new Date(started.getTime() + 25 * 60_000)).attempt.status).toBe("failed");

    // The untimed quiz gets no extra minutes.
    expect(startAttempt(quizScopeFor(learner.id, "basics"), new Date()).extraMinutes).toBe(0);
  });
});

describe("who may see and change assignments and adjustments", () => {
  let group: { id: number };
  let assignmentId: number;
  let learner: TestUser;

  beforeAll(async () => {
    learner = await createTestUser();
    group = groupWith("Guarded", [learner]);
    assignmentId = writeAssignment({
      groupId: group.id,
      courseId: "fixture-course",
      wholeCourse: true,
      moduleIds: ["basics", "timed"],
      dueAt: endOfDay(day(3)),
      note: "Secret note",
      createdBy: trainer.id,
      createdAt: new Date(),
    });
  });

  test("another trainer: 404 for every page and action, nothing changed, nothing shown", async () => {
    const jar = await signedIn(await createTestUser({ role: "trainer" }));
    const params = { groupId: String(group.id), assignmentId: String(assignmentId) };
    const list = await callLoader(assignmentsRoute.loader, get(`/trainer/groups/${group.id}/assignments`, { jar }), params);
    expect(list).toMatchObject({ status: 404, thrown: true });
    expect(JSON.stringify(list.data)).not.toContain("Secret note");
    expect(await callLoader(adjustRoute.loader, get(`/trainer/groups/${group.id}/assignments/${assignmentId}`, { jar }), params)).toMatchObject({ status: 404, thrown: true });
    expect(await assign(group.id, { courseId: "fixture-course", scope: "whole", due: day(3), note: "" }, jar)).toMatchObject({ status: 404, thrown: true });
    expect(await callAction(assignmentsRoute.action, await postForm(`/trainer/groups/${group.id}/assignments`, { intent: "delete", assignmentId: String(assignmentId) }, jar), params)).toMatchObject({
      status: 404,
      thrown: true,
    });
    expect(await adjust(group.id, assignmentId, { userId: String(learner.id), due: "", extraAttempts: "5", extraMinutes: "60" }, jar)).toMatchObject({ status: 404, thrown: true });
    expect(assignmentsOf(group.id)).toHaveLength(1);
    expect(getDb().select().from(assignmentAdjustments).where(eq(assignmentAdjustments.assignmentId, assignmentId)).all()).toEqual([]);
  });

  test.each(["learner", "reviewer"] as const)("a %s: 403 for every page and action", async (role) => {
    const jar = role === "learner" ? await signedIn(learner) : await signedIn(await createTestUser({ role }));
    const params = { groupId: String(group.id), assignmentId: String(assignmentId) };
    expect(await callLoader(assignmentsRoute.loader, get(`/trainer/groups/${group.id}/assignments`, { jar }), params)).toMatchObject({ status: 403, thrown: true });
    expect(await callLoader(adjustRoute.loader, get(`/trainer/groups/${group.id}/assignments/${assignmentId}`, { jar }), params)).toMatchObject({ status: 403, thrown: true });
    expect(await assign(group.id, { courseId: "fixture-course", scope: "whole", due: day(3), note: "" }, jar)).toMatchObject({ status: 403, thrown: true });
    expect(await adjust(group.id, assignmentId, { userId: String(learner.id), due: "", extraAttempts: "5", extraMinutes: "60" }, jar)).toMatchObject({ status: 403, thrown: true });
    expect(getDb().select().from(assignmentAdjustments).where(eq(assignmentAdjustments.assignmentId, assignmentId)).all()).toEqual([]);
  });

  test("an admin may", async () => {
    const jar = await signedIn(await createTestUser({ role: "admin" }));
    expect(await adjust(group.id, assignmentId, { userId: String(learner.id), due: "", extraAttempts: "1", extraMinutes: "0" }, jar)).toMatchObject({ status: 200 });
  });
});
