import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { groupMembers, mailMessages, users } from "#db/schema";
import * as importRoute from "~/routes/trainer.groups.$groupId.import";
import * as groupNew from "~/routes/trainer.groups.new";
import { listGroupMembers } from "~/models/groups.server";
import { findUserByEmail } from "~/models/users.server";
import { getDb } from "~/utils/db.server";
import { createTestUser, getCsrf, logIn, postForm, signedIn, type TestUser } from "../helpers/auth";
import { callAction, callLoader, CookieJar, get, ORIGIN } from "../helpers/http";

let trainer: TestUser;
let trainerJar: CookieJar;

beforeAll(async () => {
  trainer = await createTestUser({ role: "trainer" });
  trainerJar = await signedIn(trainer);
});

async function newGroup(name = "Import group") {
  const result = await callAction(groupNew.action, await postForm("/trainer/groups/new", { name }, trainerJar));
  return Number(result.location!.split("/").at(-1));
}

/** A multipart POST as a browser sends the upload form. */
async function upload(groupId: number, fields: Record<string, string | Blob>, jar = trainerJar) {
  const form = new FormData();
  form.set("csrf", await getCsrf(jar));
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  const request = new Request(new URL(`/trainer/groups/${groupId}/import`, ORIGIN), { method: "POST", body: form, headers: { Cookie: jar.header() } });
  return callAction(importRoute.action, request, { groupId: String(groupId) });
}

function file(content: string | Uint8Array<ArrayBuffer>, name = "learners.csv") {
  return new File([content], name, { type: "text/csv" });
}

const preview = (groupId: number, content: string | Uint8Array<ArrayBuffer>, jar?: CookieJar) => upload(groupId, { intent: "preview", file: file(content) }, jar);
const confirm = (groupId: number, csv: string, jar?: CookieJar) => upload(groupId, { intent: "confirm", csv }, jar);

function counts(groupId: number) {
  const db = getDb();
  return {
    users: db.select({ n: count() }).from(users).get()!.n,
    members: db.select({ n: count() }).from(groupMembers).where(eq(groupMembers.groupId, groupId)).get()!.n,
  };
}

let unique = 0;
const email = (name: string) => `${name}-${++unique}-${process.pid}@import.example`;

describe("reading the file", () => {
  test("UTF-8 with a BOM, semicolons, quoted semicolons and line breaks, Cyrillic headers and names", async () => {
    const groupId = await newGroup();
    const [a, b, c, d] = [email("jelena"), email("dorde"), email("marko"), email("after")];
    const csv = `\uFEFFИме и презиме;Е-пошта;Тип институције;Језик\r\nЈелена Јовановић;${a};Полиција;ћирилица\r\n"Đorđe ""Đole"" Šćepanović; mlađi";${b};Javno tužilaštvo;\r\n"Marko
Marković";${c.toUpperCase()};court;English\r\nPosle Prelaza;${d};"Sud";sr-Cyrl\r\n`;
    const before = counts(groupId);
    const result = await preview(groupId, csv);
    expect(result.status).toBe(200);
    expect(result.data.stage).toBe("preview");
    expect(result.data.rows).toEqual([
      { line: 2, fullName: "Јелена Јовановић", email: a, institutionType: "police", language: "sr-Cyrl", action: "create", errors: [] },
      { line: 3, fullName: 'Đorđe "Đole" Šćepanović; mlađi', email: b, institutionType: "prosecution", language: "sr-Latn", action: "create", errors: [] },
      { line: 4, fullName: "Marko Marković", email: c.toUpperCase(), institutionType: "court", language: "en", action: "create", errors: [] },
      { line: 6, fullName: "Posle Prelaza", email: d, institutionType: "court", language: "sr-Cyrl", action: "create", errors: [] },
    ]);
    expect(counts(groupId)).toEqual(before);

    const done = await confirm(groupId, result.data.csv);
    expect(done).toMatchObject({ status: 200, data: { stage: "done", created: 4, added: 0 } });
    expect(
      listGroupMembers(groupId)
        .map((m) => m.email)
        .sort(),
    ).toEqual([a, b, c, d].sort());
    expect(findUserByEmail(a)).toMatchObject({ fullName: "Јелена Јовановић", institutionType: "police", language: "sr-Cyrl", role: "learner" });
    expect(findUserByEmail(c)).toMatchObject({ email: c, language: "en" });
    // Each new account has its invitation, in its own language, waiting in the outbox.
    const invitations = getDb().select().from(mailMessages).where(eq(mailMessages.kind, "invitation")).all();
    for (const address of [a, b, c, d]) {
      const user = findUserByEmail(address)!;
      expect(invitations.filter((m) => m.userId === user.id).map((m) => [m.recipient, m.language])).toEqual([[address, user.language]]);
    }
  });

  test("commas, quoted commas, English headers in another order, no language column", async () => {
    const groupId = await newGroup();
    const [a, b] = [email("ana"), email("ivan")];
    const csv = `Email,Institution type,Full name\n${a},Labour inspectorate,"Petrović, Ana"\n${b},Civil society organisation,Ivan Ivić\n`;
    const result = await preview(groupId, csv);
    expect(result.data.rows.map((r: { fullName: string; institutionType: string; language: string }) => [r.fullName, r.institutionType, r.language])).toEqual([
      ["Petrović, Ana", "labour-inspectorate", "sr-Latn"],
      ["Ivan Ivić", "civil-society", "sr-Latn"],
    ]);
  });

  test("bad rows are each named with their line, and only the good ones are imported", async () => {
    const groupId = await newGroup();
    const existing = await createTestUser({ fullName: "Already Registered" });
    const member = await createTestUser();
    await confirm(groupId, `name,email,institution\n${member.fullName},${member.email},police\n`);
    const good = email("good");
    const csv = [
      "name,email,institution,language",
      `Good Person,${good},police,sr-Latn`,
      "Bad Email,not-an-email,police,",
      `Unknown Institution,${email("inst")},Ministry of Magic,`,
      `No Institution,${email("noinst")},,`,
      `Bad Language,${email("lang")},police,Klingon`,
      `Good Again,${good.toUpperCase()},police,`,
      `,${email("noname")},police,`,
      `Existing,${existing.email},court,`,
      `Member,${member.email},court,`,
    ].join("\n");
    const result = await preview(groupId, csv);
    expect(result.data.rows.map((r: { line: number; action: string; errors: string[] }) => [r.line, r.action, r.errors])).toEqual([
      [2, "create", []],
      [3, "skip", ["errors.email.invalid"]],
      [4, "skip", ["groups.import.errors.institution"]],
      [5, "skip", ["groups.import.errors.noInstitution"]],
      [6, "skip", ["groups.import.errors.language"]],
      [7, "skip", ["groups.import.errors.duplicate"]],
      [8, "skip", ["errors.field.required"]],
      [9, "add", []],
      [10, "skip", ["groups.import.errors.member"]],
    ]);
    const before = counts(groupId);
    const invitationsBefore = getDb().select({ n: count() }).from(mailMessages).get()!.n;
    const done = await confirm(groupId, result.data.csv);
    expect(done.data).toMatchObject({ created: 1, added: 1 });
    // Only the new account is invited; the existing one already has a password.
    expect(getDb().select({ n: count() }).from(mailMessages).get()!.n).toBe(invitationsBefore + 1);
    expect(counts(groupId)).toEqual({ users: before.users + 1, members: before.members + 2 });
    // The existing account keeps its own name; the file's is not written over it.
    expect(findUserByEmail(existing.email)!.fullName).toBe("Already Registered");
  });

  test("importing the same file again changes nothing", async () => {
    const groupId = await newGroup();
    const csv = `name;email;institution\nPrva Osoba;${email("first")};police\nDruga Osoba;${email("second")};sud\n`;
    await confirm(groupId, csv);
    const before = { ...counts(groupId), mail: getDb().select({ n: count() }).from(mailMessages).get()!.n };
    const again = await preview(groupId, csv);
    expect(again.data.rows.every((r: { errors: string[] }) => r.errors.join() === "groups.import.errors.member")).toBe(true);
    const done = await confirm(groupId, csv);
    expect(done.data).toMatchObject({ stage: "done", created: 0, added: 0 });
    expect({ ...counts(groupId), mail: getDb().select({ n: count() }).from(mailMessages).get()!.n }).toEqual(before);
  });

  test("an imported account cannot be logged into until its owner sets a password", async () => {
    const groupId = await newGroup();
    const address = email("invited");
    await confirm(groupId, `name,email,institution\nInvited Person,${address},police\n`);
    const result = await logIn(new CookieJar(), address, "any password at all");
    expect(result.status).toBe(400);
  });

  test("what the confirm form carries is checked again, not trusted", async () => {
    const groupId = await newGroup();
    const done = await confirm(groupId, `name,email,institution\n<script>alert(1)</script>,${email("x")},nowhere\n`);
    expect(done.data).toMatchObject({ created: 0, added: 0 });
    expect(counts(groupId).members).toBe(0);
  });
});

describe("files that are refused whole, with nothing written", () => {
  test("over 1 MB: 413 with a message that says so", async () => {
    const groupId = await newGroup();
    const before = counts(groupId);
    const line = `Name Surname,${"a".repeat(40)}@example.test,police\n`;
    const big = "name,email,institution\n" + line.repeat(Math.ceil((1024 * 1024) / line.length) + 1);
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const result = await preview(groupId, big);
    expect(result).toMatchObject({ status: 413, data: { stage: "refused", refusal: { error: "groups.import.tooLarge" } } });
    const far = await preview(groupId, big + big);
    expect(far).toMatchObject({ status: 413, data: { refusal: { error: "groups.import.tooLarge" } } });
    expect(counts(groupId)).toEqual(before);
  });

  test("over 2,000 rows: refused with the count and the limit", async () => {
    const groupId = await newGroup();
    const rows = Array.from({ length: 2001 }, (_, i) => `P ${i},p${i}-${process.pid}@rows.example,police`);
    const result = await preview(groupId, ["name,email,institution", ...rows].join("\n"));
    expect(result).toMatchObject({ status: 413, data: { refusal: { error: "groups.import.tooManyRows", values: { max: 2000, count: 2001 } } } });
    const confirmed = await confirm(groupId, ["name,email,institution", ...rows].join("\n"));
    expect(confirmed.status).toBe(413);
    expect(counts(groupId).members).toBe(0);
    const exactly = await preview(groupId, ["name,email,institution", ...rows.slice(0, 2000)].join("\n"));
    expect(exactly.status).toBe(200);
  });

  test("not UTF-8, unreadable quoting, missing columns, empty, or no file at all", async () => {
    const groupId = await newGroup();
    const latin1 = Uint8Array.from([...Buffer.from("name,email,institution\nJelena Petrovi"), 0xe6, ...Buffer.from(",j@example.test,police\n")]);
    expect(await preview(groupId, latin1)).toMatchObject({ status: 400, data: { refusal: { error: "groups.import.notUtf8" } } });
    expect(await preview(groupId, 'name,email,institution\nA,a@example.test,police\n"Open quote,b@example.test,police\n')).toMatchObject({
      status: 400,
      data: { refusal: { error: "groups.import.unreadable" } },
    });
    expect(await preview(groupId, "ime,adresa\nA,a@example.test\n")).toMatchObject({ status: 400, data: { refusal: { error: "groups.import.missingColumns" } } });
    expect(await preview(groupId, "\uFEFF\n\n")).toMatchObject({ status: 400, data: { refusal: { error: "groups.import.empty" } } });
    expect(await upload(groupId, { intent: "preview" })).toMatchObject({ status: 400, data: { refusal: { error: "groups.import.noFile" } } });
    expect(counts(groupId).members).toBe(0);
  });
});

describe("who may import", () => {
  test("another trainer gets 404 and writes nothing; a learner or reviewer 403", async () => {
    const groupId = await newGroup("Not yours");
    const csv = `name,email,institution\nSneaky,${email("sneaky")},police\n`;
    const other = await signedIn(await createTestUser({ role: "trainer" }));
    expect(await callLoader(importRoute.loader, get(`/trainer/groups/${groupId}/import`, { jar: other }), { groupId: String(groupId) })).toMatchObject({ status: 404, thrown: true });
    expect(await confirm(groupId, csv, other)).toMatchObject({ status: 404, thrown: true });
    expect(await preview(groupId, csv, other)).toMatchObject({ status: 404, thrown: true });
    for (const role of ["learner", "reviewer"] as const) {
      const jar = await signedIn(await createTestUser({ role }));
      expect(await callLoader(importRoute.loader, get(`/trainer/groups/${groupId}/import`, { jar }), { groupId: String(groupId) })).toMatchObject({ status: 403, thrown: true });
      expect(await confirm(groupId, csv, jar)).toMatchObject({ status: 403, thrown: true });
    }
    expect(counts(groupId).members).toBe(0);
  });
});
