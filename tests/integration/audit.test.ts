import crypto from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { listAuditEvents } from "~/models/audit.server";
import * as account from "~/routes/account";
import * as adminAudit from "~/routes/admin.audit";
import * as adminCertificates from "~/routes/admin.certificates";
import * as adminUsers from "~/routes/admin.users";
import * as login from "~/routes/login";
import * as logout from "~/routes/logout";
import { getDb } from "~/utils/db.server";
import { createTestUser, postForm, signedIn, type TestUser } from "../helpers/auth";
import { callLoader, CookieJar, get, settle } from "../helpers/http";
import { completeCourse } from "../helpers/learning";

const ADDRESS = "203.0.113.7";
const from = { clientAddress: ADDRESS };

/** Runs an action the way serve.js does, with the client's address in the load context. */
function act(route: { action: (args: any) => unknown }, request: Request) {
  return settle(() => route.action({ request, params: {}, context: from }));
}

const eventsAbout = (userId: number) => listAuditEvents({ userId }).reverse();
const kindsAbout = (userId: number) => eventsAbout(userId).map((event) => event.kind);

let admin: TestUser;
let adminJar: CookieJar;

beforeAll(async () => {
  admin = await createTestUser({ role: "admin" });
  adminJar = await signedIn(admin);
});

describe("what is recorded", () => {
  test("logins, failed logins and logouts, with the address only as a keyed hash", async () => {
    const user = await createTestUser();
    const jar = new CookieJar();
    const wrong = await act(login, await postForm("/login", { email: user.email, password: "not the password" }, jar));
    expect(wrong.status).toBe(400);
    const right = await act(login, await postForm("/login", { email: user.email, password: user.password }, jar));
    expect(right.status).toBe(302);
    jar.absorb(right);
    expect((await act(logout, await postForm("/logout", {}, jar))).status).toBe(302);

    const events = eventsAbout(user.id);
    expect(events.map((event) => [event.kind, event.actorId, event.subjectId])).toEqual([
      ["login.failed", null, user.id],
      ["login.succeeded", user.id, user.id],
      ["logout", user.id, user.id],
    ]);
    expect(events[0].details).toEqual({ reason: "credentials" });
    const keys = new Set(events.map((event) => event.clientKey));
    expect(keys.size).toBe(1);
    const [key] = keys;
    expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // Neither the address nor its plain hash: without the server's secret the key cannot be matched to an address.
    expect(key).not.toContain(ADDRESS);
    expect(key).not.toBe(crypto.createHash("sha256").update(ADDRESS).digest("base64url").slice(0, 22));
    const dump = JSON.stringify(getDb().$client.prepare("SELECT * FROM audit_events").all());
    expect(dump).not.toContain(ADDRESS);
  });

  test("a failed login for an address without an account names nobody and stores no email", async () => {
    const email = `nobody-${Date.now()}@example.test`;
    await act(login, await postForm("/login", { email, password: "whatever it is" }, new CookieJar()));
    const [event] = listAuditEvents({ kind: "login.failed" });
    expect(event).toMatchObject({ actorId: null, subjectId: null, details: { reason: "credentials" } });
    expect(JSON.stringify(getDb().$client.prepare("SELECT * FROM audit_events").all())).not.toContain(email);
  });

  test("password and email changes, by the user", async () => {
    const user = await createTestUser();
    const jar = await signedIn(user);
    const newPassword = "a brand new password";
    const changed = await act(account, await postForm("/account", { intent: "password", currentPassword: user.password, newPassword, confirmPassword: newPassword }, jar));
    expect(changed.status).toBe(200);
    const profile = { intent: "profile", fullName: user.fullName, institutionType: "police", language: "en" };
    expect((await act(account, await postForm("/account", { ...profile, email: user.email }, jar))).status).toBe(200);
    expect(kindsAbout(user.id)).toEqual(["login.succeeded", "password.changed"]);
    // Changing the address asks for the (now new) current password.
    expect((await act(account, await postForm("/account", { ...profile, email: `moved-${user.email}`, currentPassword: newPassword }, jar))).status).toBe(200);
    const events = eventsAbout(user.id);
    expect(events.map((event) => event.kind)).toEqual(["login.succeeded", "password.changed", "email.changed"]);
    expect(events.at(-1)).toMatchObject({ actorId: user.id, subjectId: user.id, details: null });
    // The addresses themselves are not in the log.
    expect(JSON.stringify(getDb().$client.prepare("SELECT * FROM audit_events").all())).not.toContain(`moved-${user.email}`);
  });

  test("role changes, deactivation and activation, by an admin, with the roles before and after", async () => {
    const user = await createTestUser();
    const adminAct = async (fields: Record<string, string>) => act(adminUsers, await postForm("/admin/users", { userId: String(user.id), ...fields }, adminJar));
    expect((await adminAct({ intent: "role", role: "trainer" })).status).toBe(200);
    expect((await adminAct({ intent: "role", role: "trainer" })).status).toBe(200); // no change, no event
    expect((await adminAct({ intent: "deactivate" })).status).toBe(200);
    expect((await adminAct({ intent: "activate" })).status).toBe(200);
    const events = eventsAbout(user.id);
    expect(events.map((event) => [event.kind, event.actorId, event.details])).toEqual([
      ["role.changed", admin.id, { from: "learner", to: "trainer" }],
      ["user.deactivated", admin.id, null],
      ["user.activated", admin.id, null],
    ]);
    expect(events.every((event) => event.clientKey)).toBe(true);
  });

  test("certificates issued at completion, revoked and reissued by an admin", async () => {
    const user = await createTestUser();
    const certificate = completeCourse(user.id);
    for (const intent of ["revoke", "reissue"]) {
      const result = await act(adminCertificates, await postForm("/admin/certificates", { intent, code: certificate.code, reason: "Name misspelt" }, adminJar));
      expect(result.status).toBe(200);
    }
    const events = eventsAbout(user.id);
    expect(events.map((event) => [event.kind, event.actorId, event.details])).toEqual([
      ["certificate.issued", user.id, { code: certificate.code, courseId: certificate.courseId, courseVersion: certificate.courseVersion }],
      ["certificate.revoked", admin.id, { code: certificate.code }],
      ["certificate.reissued", admin.id, { code: certificate.code, version: 2 }],
    ]);
    // The admin's free-text reason stays in the certificate's own history, not in the audit log.
    expect(JSON.stringify(events)).not.toContain("misspelt");
  });
});

describe("the log is append-only", () => {
  test("SQLite refuses to change or delete an entry", async () => {
    const user = await createTestUser();
    await signedIn(user);
    const sqlite = getDb().$client;
    expect(() => sqlite.prepare("UPDATE audit_events SET kind = 'logout' WHERE subject_id = ?").run(user.id)).toThrow(/append-only/);
    expect(() => sqlite.prepare("DELETE FROM audit_events WHERE subject_id = ?").run(user.id)).toThrow(/append-only/);
    expect(() => sqlite.prepare("DELETE FROM users WHERE id = ?").run(user.id)).toThrow(/FOREIGN KEY/);
    expect(kindsAbout(user.id)).toEqual(["login.succeeded"]);
  });
});

describe("the admin page", () => {
  test("only admins may read it", async () => {
    expect(await callLoader(adminAudit.loader, get("/admin/audit"))).toMatchObject({ status: 302, thrown: true });
    for (const role of ["learner", "trainer", "reviewer"] as const) {
      const jar = await signedIn(await createTestUser({ role }));
      expect(await callLoader(adminAudit.loader, get("/admin/audit", { jar }))).toMatchObject({ status: 403, thrown: true });
    }
  });

  test("filters by event, by user (name or email), and by day", async () => {
    const user = await createTestUser({ fullName: "Đurđa Filtrić" });
    await signedIn(user);
    const page = async (query: string) => callLoader(adminAudit.loader, get(`/admin/audit?${query}`, { jar: adminJar }));

    const all = await page("");
    expect(all.status).toBe(200);
    expect(all.data.events.length).toBeGreaterThan(1);
    const ids = all.data.events.map((event: { id: number }) => event.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const byName = await page("user=%C4%91ur%C4%91a"); // "đurđa", lower case
    expect(byName.data.events.map((event: { kind: string; subjectName: string }) => [event.kind, event.subjectName])).toEqual([["login.succeeded", "Đurđa Filtrić"]]);
    const byEmail = await page(`user=${encodeURIComponent(user.email)}&kind=login.succeeded`);
    expect(byEmail.data.events).toHaveLength(1);
    expect((await page(`user=${encodeURIComponent(user.email)}&kind=logout`)).data.events).toEqual([]);

    const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Belgrade" });
    expect((await page(`user=${encodeURIComponent(user.email)}&from=${today}&until=${today}`)).data.events).toHaveLength(1);
    expect((await page(`user=${encodeURIComponent(user.email)}&until=2020-01-01`)).data.events).toEqual([]);
  });

  test("pages through older events", async () => {
    const first = await callLoader(adminAudit.loader, get("/admin/audit?before=3", { jar: adminJar }));
    expect(first.data.events.map((event: { id: number }) => event.id)).toEqual([2, 1]);
    expect(first.data.olderThan).toBeNull();
  });

  test.each(["kind=nonsense", "from=2026-13-01", "until=yesterday", "before=-1", "before=abc"])("refuses a malformed filter (%s) with 400", async (query) => {
    expect(await callLoader(adminAudit.loader, get(`/admin/audit?${query}`, { jar: adminJar }))).toMatchObject({ status: 400, thrown: true, data: "audit.invalidFilter" });
  });
});
