import { beforeAll, describe, expect, test } from "vitest";
import * as groupEdit from "~/routes/trainer.groups.$groupId.edit";
import * as groupOverview from "~/routes/trainer.groups.$groupId._index";
import * as groupMembersRoute from "~/routes/trainer.groups.$groupId.members";
import * as groupList from "~/routes/trainer.groups._index";
import * as groupNew from "~/routes/trainer.groups.new";
import * as joinCode from "~/routes/join.$code";
import * as joinForm from "~/routes/join._index";
import * as register from "~/routes/register";
import { formatJoinCode } from "~/groups/join-code";
import { findManagedGroup, isGroupMember, listGroupMembers } from "~/models/groups.server";
import { markLessonComplete } from "~/models/progress.server";
import { findCourse } from "~/content/courses.server";
import { getDb } from "~/utils/db.server";
import { lessonProgress } from "#db/schema";
import { eq } from "drizzle-orm";
import { createTestUser, getCsrf, postForm, signedIn, type TestUser } from "../helpers/auth";
import { callAction, callLoader, CookieJar, get, post } from "../helpers/http";

let trainer: TestUser;
let trainerJar: CookieJar;
let otherTrainer: TestUser;
let otherJar: CookieJar;

beforeAll(async () => {
  trainer = await createTestUser({ role: "trainer", fullName: "Tamara Trener" });
  trainerJar = await signedIn(trainer);
  otherTrainer = await createTestUser({ role: "trainer", fullName: "Other Trainer" });
  otherJar = await signedIn(otherTrainer);
});

async function createGroupAs(jar: CookieJar, fields: Record<string, string> = {}) {
  const result = await callAction(groupNew.action, await postForm("/trainer/groups/new", { name: "Beograd, 20. februar", ...fields }, jar));
  expect(result.status, JSON.stringify(result.data)).toBe(302);
  const id = Number(result.location!.split("/").at(-1));
  return id;
}

function overviewAction(groupId: number, fields: Record<string, string>, jar: CookieJar) {
  return postForm(`/trainer/groups/${groupId}`, fields, jar).then((request) => callAction(groupOverview.action, request, { groupId: String(groupId) }));
}

async function joinCodeOf(groupId: number, jar = trainerJar): Promise<string> {
  const result = await callLoader(groupOverview.loader, get(`/trainer/groups/${groupId}`, { jar }), { groupId: String(groupId) });
  return result.data.joinCode;
}

describe("creating, editing and archiving groups", () => {
  test("a trainer creates a group with optional dates, sees it in their list, edits it and archives it", async () => {
    const id = await createGroupAs(trainerJar, { description: "Radionica", workshopDate: "2024-02-20", workshopPlace: "Beograd", startsOn: "2024-02-21", endsOn: "2024-04-30" });
    const group = findManagedGroup(id, { id: trainer.id, role: "trainer" })!;
    expect(group).toMatchObject({
      name: "Beograd, 20. februar",
      workshopDate: "2024-02-20",
      workshopPlace: "Beograd",
      startsOn: "2024-02-21",
      endsOn: "2024-04-30",
      joiningOpen: true,
      archivedAt: null,
    });
    expect(group.joinCode).toMatch(/^[2-9A-Z]{8}$/);

    const list = await callLoader(groupList.loader, get("/trainer/groups", { jar: trainerJar }));
    expect(list.data.groups.map((g: { id: number }) => g.id)).toContain(id);

    const edit = await callAction(
      groupEdit.action,
      await postForm(`/trainer/groups/${id}/edit`, { name: "Renamed", description: "", workshopDate: "", workshopPlace: "", startsOn: "", endsOn: "" }, trainerJar),
      { groupId: String(id) },
    );
    expect(edit).toMatchObject({ status: 302, location: `/trainer/groups/${id}` });
    expect(findManagedGroup(id, { id: trainer.id, role: "trainer" })).toMatchObject({ name: "Renamed", workshopDate: null, startsOn: null });

    expect(await overviewAction(id, { intent: "archive" }, trainerJar)).toMatchObject({ status: 200, data: { done: "groups.overview.archived" } });
    const current = await callLoader(groupList.loader, get("/trainer/groups", { jar: trainerJar }));
    expect(current.data.groups.map((g: { id: number }) => g.id)).not.toContain(id);
    const archived = await callLoader(groupList.loader, get("/trainer/groups?archived=1", { jar: trainerJar }));
    expect(archived.data.groups.map((g: { id: number }) => g.id)).toContain(id);
    await overviewAction(id, { intent: "unarchive" }, trainerJar);
    expect(findManagedGroup(id, { id: trainer.id, role: "trainer" })!.archivedAt).toBeNull();
  });

  test("bad fields are refused with a message per field and nothing is written", async () => {
    const before = (await callLoader(groupList.loader, get("/trainer/groups", { jar: trainerJar }))).data.groups.length;
    const result = await callAction(groupNew.action, await postForm("/trainer/groups/new", { name: "  ", workshopDate: "2024-02-31", startsOn: "2024-05-01", endsOn: "2024-04-01" }, trainerJar));
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ name: "errors.field.required", workshopDate: "groups.errors.date", endsOn: "groups.errors.endsBeforeStart" });
    expect((await callLoader(groupList.loader, get("/trainer/groups", { jar: trainerJar }))).data.groups.length).toBe(before);
  });

  test("a co-trainer is added by email and then manages the group; a learner's email is refused; the last trainer cannot leave", async () => {
    const id = await createGroupAs(trainerJar);
    const learner = await createTestUser();
    expect(await overviewAction(id, { intent: "add-trainer", email: learner.email }, trainerJar)).toMatchObject({ status: 400, data: { errors: { email: "groups.errors.noTrainer" } } });
    expect(await overviewAction(id, { intent: "add-trainer", email: "nobody@example.test" }, trainerJar)).toMatchObject({ status: 400, data: { errors: { email: "groups.errors.noTrainer" } } });
    const coTrainer = await createTestUser({ role: "trainer" });
    expect(await overviewAction(id, { intent: "add-trainer", email: coTrainer.email.toUpperCase() }, trainerJar)).toMatchObject({ status: 200, data: { done: "groups.overview.trainerAdded" } });
    expect(await overviewAction(id, { intent: "add-trainer", email: coTrainer.email }, trainerJar)).toMatchObject({ status: 409 });
    const coJar = await signedIn(coTrainer);
    const seen = await callLoader(groupOverview.loader, get(`/trainer/groups/${id}`, { jar: coJar }), { groupId: String(id) });
    expect(seen.status).toBe(200);
    expect(seen.data.trainers.map((t: { id: number }) => t.id)).toEqual([trainer.id, coTrainer.id]);

    expect(await overviewAction(id, { intent: "remove-trainer", userId: String(coTrainer.id) }, trainerJar)).toMatchObject({ status: 200 });
    expect(await callLoader(groupOverview.loader, get(`/trainer/groups/${id}`, { jar: coJar }), { groupId: String(id) })).toMatchObject({ status: 404, thrown: true });
    expect(await overviewAction(id, { intent: "remove-trainer", userId: String(trainer.id) }, trainerJar)).toMatchObject({ status: 409, data: { errors: { form: "groups.errors.lastTrainer" } } });
    expect(await overviewAction(id, { intent: "remove-trainer", userId: String(learner.id) }, trainerJar)).toMatchObject({ status: 404, thrown: true });
  });

  test("an admin sees and manages every group", async () => {
    const id = await createGroupAs(trainerJar, { name: "Visible to the admin" });
    const admin = await createTestUser({ role: "admin" });
    const adminJar = await signedIn(admin);
    const list = await callLoader(groupList.loader, get("/trainer/groups", { jar: adminJar }));
    expect(list.data.groups.map((g: { id: number }) => g.id)).toContain(id);
    expect(await overviewAction(id, { intent: "close" }, adminJar)).toMatchObject({ status: 200 });
  });

  test("names with HTML stay text: React escapes them (the loader passes them on untouched)", async () => {
    const id = await createGroupAs(trainerJar, { name: "<img src=x onerror=alert(1)>" });
    const seen = await callLoader(groupOverview.loader, get(`/trainer/groups/${id}`, { jar: trainerJar }), { groupId: String(id) });
    expect(seen.data.group.name).toBe("<img src=x onerror=alert(1)>");
  });
});

describe("joining by code", () => {
  let groupId: number;
  let code: string;

  beforeAll(async () => {
    groupId = await createGroupAs(trainerJar, { name: "Join test" });
    code = await joinCodeOf(groupId);
  });

  test("the code form sends a typed code, however written, to the code's page; a malformed one gets a message", async () => {
    const typed = code.toLowerCase().replace("-", " ");
    expect(await callLoader(joinForm.loader, get(`/join?code=${encodeURIComponent(typed)}`))).toMatchObject({ status: 302, location: `/join/${code}` });
    const bad = await callLoader(joinForm.loader, get("/join?code=XYZ"));
    expect(bad).toMatchObject({ status: 400, data: { error: "groups.join.malformed" } });
  });

  test("a visitor sees the group and is sent through login or registration and back", async () => {
    const page = await callLoader(joinCode.loader, get(`/join/${code}`), { code });
    expect(page).toMatchObject({ status: 200, data: { refusal: null, signedIn: false, group: { name: "Join test" } } });
    expect(await callAction(joinCode.action, post(`/join/${code}`, {}), { code })).toMatchObject({ status: 302, location: `/login?redirectTo=%2Fjoin%2F${code}` });

    // Registration comes back to the join page.
    const jar = new CookieJar();
    const csrf = await getCsrf(jar);
    const registered = await callAction(
      register.action,
      post(
        "/register",
        {
          csrf,
          fullName: "Јелена Јовановић",
          email: `join-${Date.now()}@example.test`,
          password: "a long enough password",
          institutionType: "police",
          language: "sr-Cyrl",
          redirectTo: `/join/${code}`,
        },
        { jar },
      ),
    );
    expect(registered).toMatchObject({ status: 302, location: `/join/${code}` });
    jar.absorb(registered);
    const joined = await callAction(joinCode.action, await postForm(`/join/${code}`, {}, jar), { code });
    expect(joined).toMatchObject({ status: 302, location: "/my-learning" });
    const members = listGroupMembers(groupId);
    expect(members.map((m) => m.fullName)).toContain("Јелена Јовановић");
  });

  test("registration does not redirect off-site", async () => {
    const jar = new CookieJar();
    const csrf = await getCsrf(jar);
    const registered = await callAction(
      register.action,
      post(
        "/register",
        { csrf, fullName: "Off Site", email: `offsite-${Date.now()}@example.test`, password: "a long enough password", institutionType: "police", language: "en", redirectTo: "//evil.example/" },
        { jar },
      ),
    );
    expect(registered).toMatchObject({ status: 302, location: "/my-learning" });
  });

  test("a learner joins once; joining again changes nothing and says they are in", async () => {
    const learner = await createTestUser();
    const jar = await signedIn(learner);
    expect(await callAction(joinCode.action, await postForm(`/join/${code}`, {}, jar), { code })).toMatchObject({ status: 302 });
    expect(isGroupMember(groupId, learner.id)).toBe(true);
    expect(await callAction(joinCode.action, await postForm(`/join/${code}`, {}, jar), { code })).toMatchObject({ status: 302 });
    const page = await callLoader(joinCode.loader, get(`/join/${code}`, { jar }), { code });
    expect(page.data).toMatchObject({ member: true, signedIn: true });
  });

  test("a closed group refuses with its own message, and takes learners again when opened", async () => {
    const learner = await createTestUser();
    const jar = await signedIn(learner);
    await overviewAction(groupId, { intent: "close" }, trainerJar);
    const page = await callLoader(joinCode.loader, get(`/join/${code}`, { jar }), { code });
    expect(page).toMatchObject({ status: 403, data: { refusal: "groups.join.closedMessage", group: null } });
    expect(await callAction(joinCode.action, await postForm(`/join/${code}`, {}, jar), { code })).toMatchObject({ status: 403, thrown: true, data: "groups.join.closedMessage" });
    expect(isGroupMember(groupId, learner.id)).toBe(false);
    await overviewAction(groupId, { intent: "open" }, trainerJar);
    expect(await callAction(joinCode.action, await postForm(`/join/${code}`, {}, jar), { code })).toMatchObject({ status: 302 });
    expect(isGroupMember(groupId, learner.id)).toBe(true);
  });

  test("an archived group takes no one", async () => {
    const id = await createGroupAs(trainerJar, { name: "Archived" });
    const archivedCode = await joinCodeOf(id);
    await overviewAction(id, { intent: "archive" }, trainerJar);
    const page = await callLoader(joinCode.loader, get(`/join/${archivedCode}`), { code: archivedCode });
    expect(page).toMatchObject({ status: 403, data: { refusal: "groups.join.closedMessage" } });
  });

  test("a regenerated code replaces the old one: the old one says so, the new one works", async () => {
    const id = await createGroupAs(trainerJar, { name: "Regenerated" });
    const old = await joinCodeOf(id);
    expect(await overviewAction(id, { intent: "regenerate" }, trainerJar)).toMatchObject({ status: 200, data: { done: "groups.overview.regenerated" } });
    const fresh = await joinCodeOf(id);
    expect(fresh).not.toBe(old);
    const learner = await createTestUser();
    const jar = await signedIn(learner);
    expect(await callLoader(joinCode.loader, get(`/join/${old}`, { jar }), { code: old })).toMatchObject({ status: 404, data: { refusal: "groups.join.replaced", group: null } });
    expect(await callAction(joinCode.action, await postForm(`/join/${old}`, {}, jar), { code: old })).toMatchObject({ status: 404, data: "groups.join.replaced" });
    expect(isGroupMember(id, learner.id)).toBe(false);
    expect(await callAction(joinCode.action, await postForm(`/join/${fresh}`, {}, jar), { code: fresh })).toMatchObject({ status: 302 });
    expect(isGroupMember(id, learner.id)).toBe(true);
  });

  test("a wrong or malformed code is unknown, and tells nothing about any group", async () => {
    for (const wrong of [formatJoinCode("ZZZZZZZZ"), "not-a-code", "<script>"]) {
      const page = await callLoader(joinCode.loader, get(`/join/${encodeURIComponent(wrong)}`), { code: wrong });
      expect(page).toMatchObject({ status: 404, data: { refusal: "groups.join.unknown", group: null } });
    }
  });
});

describe("removing a learner", () => {
  test("takes them out of the group and leaves their own records", async () => {
    const id = await createGroupAs(trainerJar, { name: "Removal" });
    const code = await joinCodeOf(id);
    const learner = await createTestUser();
    const jar = await signedIn(learner);
    await callAction(joinCode.action, await postForm(`/join/${code}`, {}, jar), { code });
    const course = findCourse("fixture-course")!;
    markLessonComplete(learner.id, course, course.modules[0].lessons[0].id, new Date());
    const removed = await callAction(groupMembersRoute.action, await postForm(`/trainer/groups/${id}/members`, { intent: "remove", userId: String(learner.id) }, trainerJar), { groupId: String(id) });
    expect(removed).toMatchObject({ status: 200, data: { done: "groups.members.removed" } });
    expect(isGroupMember(id, learner.id)).toBe(false);
    expect(getDb().select().from(lessonProgress).where(eq(lessonProgress.userId, learner.id)).all()).toHaveLength(1);
    const again = await callAction(groupMembersRoute.action, await postForm(`/trainer/groups/${id}/members`, { intent: "remove", userId: String(learner.id) }, trainerJar), { groupId: String(id) });
    expect(again).toMatchObject({ status: 404, thrown: true });
  });
});

describe("authorisation", () => {
  let groupId: number;
  let learner: TestUser;

  beforeAll(async () => {
    groupId = await createGroupAs(trainerJar, { name: "Private group" });
    learner = await createTestUser();
    const code = await joinCodeOf(groupId);
    await callAction(joinCode.action, await postForm(`/join/${code}`, {}, await signedIn(learner)), { code });
  });

  const pages: { name: string; route: typeof groupOverview | typeof groupEdit | typeof groupMembersRoute; path: (id: number) => string; fields: Record<string, string> }[] = [
    { name: "overview", route: groupOverview, path: (id: number) => `/trainer/groups/${id}`, fields: { intent: "archive" } },
    { name: "edit", route: groupEdit, path: (id: number) => `/trainer/groups/${id}/edit`, fields: { name: "Taken over" } },
    { name: "members", route: groupMembersRoute, path: (id: number) => `/trainer/groups/${id}/members`, fields: { intent: "remove", userId: "1" } },
  ];

  test.each(pages)("another trainer gets 404 for the $name page and its action, the same as for a group that does not exist", async ({ route, path, fields }) => {
    const other = await callLoader(route.loader, get(path(groupId), { jar: otherJar }), { groupId: String(groupId) });
    const missing = await callLoader(route.loader, get(path(999_999), { jar: otherJar }), { groupId: "999999" });
    expect(other).toMatchObject({ status: 404, thrown: true });
    expect(other.data).toBe(missing.data);
    expect(JSON.stringify(other.data)).not.toContain("Private group");
    const acted = await callAction(route.action, await postForm(path(groupId), fields, otherJar), { groupId: String(groupId) });
    expect(acted).toMatchObject({ status: 404, thrown: true });
    expect(findManagedGroup(groupId, { id: trainer.id, role: "trainer" })).toMatchObject({ name: "Private group", archivedAt: null });
    expect(isGroupMember(groupId, learner.id)).toBe(true);
  });

  test.each(["learner", "reviewer"] as const)("a %s gets 403 on every trainer page and action", async (role) => {
    const user = await createTestUser({ role });
    const jar = await signedIn(user);
    expect(await callLoader(groupList.loader, get("/trainer/groups", { jar }))).toMatchObject({ status: 403, thrown: true });
    expect(await callLoader(groupNew.loader, get("/trainer/groups/new", { jar }))).toMatchObject({ status: 403, thrown: true });
    expect(await callAction(groupNew.action, await postForm("/trainer/groups/new", { name: "Mine" }, jar))).toMatchObject({ status: 403, thrown: true });
    for (const { route, path, fields } of pages) {
      expect(await callLoader(route.loader, get(path(groupId), { jar }), { groupId: String(groupId) })).toMatchObject({ status: 403, thrown: true });
      expect(await callAction(route.action, await postForm(path(groupId), fields, jar), { groupId: String(groupId) })).toMatchObject({ status: 403, thrown: true });
    }
  });

  test("a visitor is sent to log in from every trainer page", async () => {
    expect(await callLoader(groupList.loader, get("/trainer/groups"))).toMatchObject({ status: 302, location: "/login?redirectTo=%2Ftrainer%2Fgroups" });
    for (const { route, path } of pages) {
      expect(await callLoader(route.loader, get(path(groupId)), { groupId: String(groupId) })).toMatchObject({ status: 302 });
    }
  });

  test("a non-numeric or huge group id is a 404 like any unknown group", async () => {
    for (const id of ["abc", "1e3", "99999999999999999999", "-1"]) {
      expect(await callLoader(groupOverview.loader, get(`/trainer/groups/${id}`, { jar: trainerJar }), { groupId: id })).toMatchObject({ status: 404 });
    }
  });
});
