import { beforeAll, describe, expect, test } from "vitest";
import * as adminUsers from "~/routes/admin.users";
import * as root from "~/root";
import { getUserById } from "~/models/users.server";
import { createTestUser, logIn, postForm, signedIn, type TestUser } from "../helpers/auth";
import { callAction, callLoader, CookieJar, get, post } from "../helpers/http";

let admin: TestUser;
let adminJar: CookieJar;

beforeAll(async () => {
  admin = await createTestUser({ role: "admin", fullName: "Ada Admin" });
  adminJar = await signedIn(admin);
});

function adminAction(fields: Record<string, string>, jar = adminJar) {
  return postForm("/admin/users", fields, jar).then((request) => callAction(adminUsers.action, request));
}

async function isSignedIn(jar: CookieJar) {
  return (await callLoader(root.loader, get("/", { jar }))).data.user !== null;
}

describe("who may manage users", () => {
  test("an anonymous visitor is sent to the login page", async () => {
    const result = await callLoader(adminUsers.loader, get("/admin/users"));
    expect(result).toMatchObject({ status: 302, thrown: true, location: "/login?redirectTo=%2Fadmin%2Fusers" });
  });

  test.each(["learner", "trainer", "reviewer"] as const)("a %s gets 403 for the page and its actions", async (role) => {
    const user = await createTestUser({ role });
    const victim = await createTestUser();
    const jar = await signedIn(user);
    expect(await callLoader(adminUsers.loader, get("/admin/users", { jar }))).toMatchObject({ status: 403, thrown: true });
    expect(await adminAction({ intent: "role", userId: String(victim.id), role: "admin" }, jar)).toMatchObject({ status: 403, thrown: true });
    expect(getUserById(victim.id)!.role).toBe("learner");
  });
});

describe("the user list", () => {
  test("lists users by name and searches name and email, case-insensitively", async () => {
    await createTestUser({ fullName: "Zoran Zorić", email: "zoran@court.example" });
    await createTestUser({ fullName: "Vesna Zekić", email: "vesna@police.example" });
    const all = await callLoader(adminUsers.loader, get("/admin/users", { jar: adminJar }));
    expect(all.status).toBe(200);
    const names = all.data.users.map((u: { fullName: string }) => u.fullName);
    expect(names).toContain("Zoran Zorić");
    expect(names).toEqual([...names].sort());
    expect(all.data.adminId).toBe(admin.id);
    expect(all.data.users[0]).not.toHaveProperty("passwordHash");

    const byName = await callLoader(adminUsers.loader, get("/admin/users?q=ZORAN", { jar: adminJar }));
    expect(byName.data.users.map((u: { email: string }) => u.email)).toEqual(["zoran@court.example"]);
    const byEmail = await callLoader(adminUsers.loader, get("/admin/users?q=police.example", { jar: adminJar }));
    expect(byEmail.data.users.map((u: { fullName: string }) => u.fullName)).toEqual(["Vesna Zekić"]);
    const none = await callLoader(adminUsers.loader, get("/admin/users?q=nobody-like-this", { jar: adminJar }));
    expect(none.data.users).toEqual([]);
  });

  test("finds Serbian names whatever their case, and treats % and _ as plain characters", async () => {
    await createTestUser({ fullName: "Ђорђе Шћепановић", email: "djordje@court.example" });
    await createTestUser({ fullName: "Željka Čolić", email: "zeljka_colic@ngo.example" });
    await createTestUser({ fullName: "Percent Person", email: "percent@ngo.example" });
    const search = async (q: string) =>
      (await callLoader(adminUsers.loader, get(`/admin/users?q=${encodeURIComponent(q)}`, { jar: adminJar }))).data.users.map((u: { fullName: string }) => u.fullName);
    expect(await search("шћепановић")).toEqual(["Ђорђе Шћепановић"]);
    expect(await search("ŽELJKA ČOLIĆ")).toEqual(["Željka Čolić"]);
    expect(await search("a_c")).toEqual(["Željka Čolić"]);
    expect(await search("%")).toEqual([]);
  });
});

describe("changing roles", () => {
  test("an admin changes a learner into a trainer, who then has the trainer's permissions", async () => {
    const user = await createTestUser();
    const jar = await signedIn(user);
    const result = await adminAction({ intent: "role", userId: String(user.id), role: "trainer" });
    expect(result).toMatchObject({ status: 200, data: { done: "admin.users.roleChanged" } });
    expect(getUserById(user.id)!.role).toBe("trainer");
    const rootData = (await callLoader(root.loader, get("/", { jar }))).data;
    expect(rootData.user.role).toBe("trainer");
    expect(rootData.user.permissions).toContain("group:manage");
  });

  test("an unknown role is a 400 and an unknown user a 404", async () => {
    const user = await createTestUser();
    expect(await adminAction({ intent: "role", userId: String(user.id), role: "superuser" })).toMatchObject({ status: 400, data: "errors.form.invalid" });
    expect(await adminAction({ intent: "role", userId: "not-a-number", role: "trainer" })).toMatchObject({ status: 400 });
    expect(await adminAction({ intent: "role", userId: "999999", role: "trainer" })).toMatchObject({ status: 404, data: "errors.user.unknown" });
    expect(getUserById(user.id)!.role).toBe("learner");
  });

  test("an admin cannot change their own role or deactivate themselves", async () => {
    expect(await adminAction({ intent: "role", userId: String(admin.id), role: "learner" })).toMatchObject({ status: 400, data: "errors.admin.self" });
    expect(await adminAction({ intent: "deactivate", userId: String(admin.id) })).toMatchObject({ status: 400, data: "errors.admin.self" });
    expect(getUserById(admin.id)).toMatchObject({ role: "admin", active: true });
  });

  test("an unknown intent is a 400", async () => {
    const user = await createTestUser();
    expect(await adminAction({ intent: "delete", userId: String(user.id) })).toMatchObject({ status: 400, data: "errors.form.invalid" });
  });
});

describe("deactivating", () => {
  test("ends the user's sessions and blocks login until reactivated", async () => {
    const user = await createTestUser();
    const jar = await signedIn(user);
    expect(await isSignedIn(jar)).toBe(true);

    expect(await adminAction({ intent: "deactivate", userId: String(user.id) })).toMatchObject({ status: 200, data: { done: "admin.users.deactivated" } });
    expect(getUserById(user.id)!.active).toBe(false);
    expect(await isSignedIn(jar)).toBe(false);
    expect((await logIn(new CookieJar(), user.email, user.password)).data.errors).toEqual({ form: "errors.login.incorrect" });

    expect(await adminAction({ intent: "activate", userId: String(user.id) })).toMatchObject({ status: 200, data: { done: "admin.users.activated" } });
    expect((await logIn(new CookieJar(), user.email, user.password)).status).toBe(302);
  });
});

describe("CSRF", () => {
  test("an admin action without a valid token is a 403 and changes nothing", async () => {
    const user = await createTestUser();
    const fields = { intent: "role", userId: String(user.id), role: "admin" };
    expect(await callAction(adminUsers.action, post("/admin/users", fields, { jar: adminJar }))).toMatchObject({ status: 403, data: "errors.form.csrf" });
    expect(await callAction(adminUsers.action, post("/admin/users", { ...fields, csrf: "x".repeat(32) }, { jar: adminJar }))).toMatchObject({ status: 403 });
    expect(await callAction(adminUsers.action, post("/admin/users", { intent: "deactivate", userId: String(user.id) }, { jar: adminJar }))).toMatchObject({ status: 403 });
    expect(getUserById(user.id)).toMatchObject({ role: "learner", active: true });
  });
});
