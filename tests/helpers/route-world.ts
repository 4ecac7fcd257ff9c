/**
 * A small world for the route suites (tests/integration/route-matrix.test.ts, hostile-input.test.ts):
 * two learners, each in a group of their own trainer, with a certificate, quiz attempts and an
 * assignment; a reviewer and an admin; one signed-in cookie jar per role. Names and addresses are
 * distinctive so that a response can be searched for them.
 */
import crypto from "node:crypto";
import ExcelJS from "exceljs";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import { sendEmailVerification } from "~/accounts/email-links.server";
import { getDb } from "~/utils/db.server";
import type { AppRoute } from "./app";
import { createTestUser, getCsrf, postForm, signedIn, type TestUser } from "./auth";
import { lessonIds } from "./learning";
import { completeLessons, takeAttempt } from "./progress";
import { listUserCertificates } from "~/models/certificates.server";
import { formatVerificationCode } from "~/certificates/verification-code";
import { callAction, callLoader, CookieJar, get, ORIGIN } from "./http";
import { startThroughRoute } from "./quiz";
import * as groupNew from "~/routes/trainer.groups.new";
import * as groupOverview from "~/routes/trainer.groups.$groupId._index";
import * as joinCode from "~/routes/join.$code";
import * as assignmentsRoute from "~/routes/trainer.groups.$groupId.assignments._index";

export const ROLES = ["anonymous", "learnerA", "learnerB", "trainerA", "trainerOther", "reviewer", "admin"] as const;
export type RoleName = (typeof ROLES)[number];

/** One learner's things: what another user must not reach or see. */
export type Side = {
  learner: TestUser;
  trainer: TestUser;
  groupId: number;
  groupName: string;
  joinCode: string;
  certificateCode: string;
  /** An attempt in progress (basics) and a finished one (timed). */
  openAttemptId: number;
  finishedAttemptId: number;
  assignmentId: number;
};

export type World = {
  a: Side;
  b: Side;
  reviewer: TestUser;
  admin: TestUser;
  /** A group with open joining and a dull name, for the join action (which adds whoever posts). */
  openJoinCode: string;
  /** An outbox message (A's email confirmation). */
  messageId: number;
  users: Record<Exclude<RoleName, "anonymous">, TestUser>;
};

async function createGroup(trainerJar: CookieJar, name: string): Promise<{ id: number; code: string }> {
  const created = await callAction(groupNew.action, await postForm("/trainer/groups/new", { name }, trainerJar));
  if (created.status !== 302) throw new Error(`creating ${name}: ${created.status}`);
  const id = Number(created.location!.split("/").at(-1));
  const overview = await callLoader(groupOverview.loader, get(`/trainer/groups/${id}`, { jar: trainerJar }), { groupId: String(id) });
  return { id, code: overview.data.joinCode };
}

async function createAssignment(trainerJar: CookieJar, groupId: number): Promise<number> {
  const fields = { intent: "create", courseId: "fixture-course", scope: "whole", due: "2030-01-01", note: "" };
  const created = await callAction(assignmentsRoute.action, await postForm(`/trainer/groups/${groupId}/assignments`, fields, trainerJar), { groupId: String(groupId) });
  if (created.status !== 302) throw new Error(`creating an assignment: ${created.status} ${JSON.stringify(created.data)}`);
  const row = getDb().$client.prepare("SELECT id FROM assignments WHERE group_id = ? ORDER BY id DESC LIMIT 1").get(groupId) as { id: number };
  return row.id;
}

async function createSide(letter: "A" | "B", tag: string): Promise<Side> {
  const learner = await createTestUser({ fullName: `Learner${letter} ${tag}`, email: `learner${letter.toLowerCase()}.${tag}@example.test`.toLowerCase() });
  const trainer = await createTestUser({ role: "trainer", fullName: `Trainer${letter} ${tag}` });
  const trainerJar = await signedIn(trainer);
  const groupName = `Group${letter} ${tag}`;
  const group = await createGroup(trainerJar, groupName);
  const learnerJar = await signedIn(learner);
  const joined = await callAction(joinCode.action, await postForm(`/join/${group.code}`, {}, learnerJar), { code: group.code });
  if (joined.status !== 302) throw new Error(`joining: ${joined.status}`);
  // The quizzes through the quiz engine (valid stored snapshots), every lesson read: a certificate.
  const now = Date.now();
  const finishedAttemptId = takeAttempt(learner.id, "timed", now, "right").id;
  takeAttempt(learner.id, "basics", now, "right");
  completeLessons(learner.id, lessonIds(), now);
  const [certificate] = listUserCertificates(learner.id);
  if (!certificate) throw new Error(`no certificate for learner ${letter}`);
  const openAttemptId = await startThroughRoute(learnerJar, "basics");
  const assignmentId = await createAssignment(trainerJar, group.id);
  return { learner, trainer, groupId: group.id, groupName, joinCode: group.code, certificateCode: formatVerificationCode(certificate.code), openAttemptId, finishedAttemptId, assignmentId };
}

export async function buildWorld(): Promise<World> {
  // Letters only: names must survive HTML escaping and JSON unchanged to be found in a response.
  const tag = () =>
    crypto
      .randomBytes(6)
      .toString("hex")
      .replace(/\d/g, (d) => "ghijklmnop"[Number(d)]!);
  const a = await createSide("A", tag());
  const b = await createSide("B", tag());
  const reviewer = await createTestUser({ role: "reviewer" });
  const admin = await createTestUser({ role: "admin" });
  const open = await createGroup(await signedIn(a.trainer), "Open joining");
  sendEmailVerification(a.learner.id, new Date());
  const message = getDb().$client.prepare("SELECT id FROM mail_messages WHERE recipient = ? ORDER BY id DESC LIMIT 1").get(a.learner.email) as { id: number } | undefined;
  if (!message) throw new Error("no outbox message for learner A");
  return {
    a,
    b,
    reviewer,
    admin,
    openJoinCode: open.code,
    messageId: message.id,
    users: { learnerA: a.learner, learnerB: b.learner, trainerA: a.trainer, trainerOther: b.trainer, reviewer, admin },
  };
}

/** A signed-in jar per role (anonymous: a jar with only the CSRF cookie). */
export async function signInAll(world: World): Promise<Record<RoleName, CookieJar>> {
  const anonymous = new CookieJar();
  await getCsrf(anonymous);
  const entries = await Promise.all(Object.entries(world.users).map(async ([role, user]) => [role, await signedIn(user)] as const));
  return { anonymous, ...Object.fromEntries(entries) } as Record<RoleName, CookieJar>;
}

/** The URL path of a route with its dynamic segments filled in. */
export function fillPath(route: AppRoute, params: Record<string, string>): string {
  const segments = (route.path ?? "").split("/").filter(Boolean);
  const filled = segments.map((segment) => {
    if (segment === "*") return params["*"] ?? missing(route, "*");
    if (segment.startsWith(":")) return encodeURIComponent(params[segment.slice(1)] ?? missing(route, segment));
    return segment;
  });
  return `/${filled.join("/")}`;
}

function missing(route: AppRoute, segment: string): never {
  throw new Error(`no value for ${segment} in ${route.id}`);
}

/** The URL a form posts to: index routes need `?index` so that their own action answers. */
export function actionPath(route: AppRoute, path: string): string {
  return route.index ? `${path}${path.includes("?") ? "&" : "?"}index` : path;
}

/** The `.data` URL of a path (single fetch), as the browser asks for it. */
export function dataPath(route: AppRoute, path: string): string {
  const url = new URL(path, ORIGIN);
  url.pathname = url.pathname === "/" ? "/_root.data" : `${url.pathname.replace(/\/$/, "")}.data`;
  if (route.index && !url.searchParams.has("index")) url.searchParams.set("index", "");
  return url.pathname + url.search.replace("index=", "index").replace(/=$/, "");
}

/**
 * Tables written by requests as bookkeeping rather than as their effect: sessions (last seen),
 * login and mail-request throttles, verification lookups, lesson visits and the audit log (a refused
 * login is an audit event). Everything else must be byte-for-byte the same after a refused request.
 */
export const BOOKKEEPING_TABLES = new Set(["sessions", "login_attempts", "verification_lookups", "mail_requests", "audit_events", "job_leases"]);

/** A digest of every row of every table except the bookkeeping ones, per table. */
export function tableDigests(): Record<string, string> {
  const sqlite = getDb().$client;
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name").pluck().all() as string[];
  const digests: Record<string, string> = {};
  for (const table of tables) {
    if (BOOKKEEPING_TABLES.has(table)) continue;
    // Rows sorted as text: some tables have no rowid to order by.
    const rows = (sqlite.prepare(`SELECT * FROM "${table}"`).raw().all() as unknown[][]).map((row) =>
      JSON.stringify(row, (_key, value) => (typeof value === "bigint" ? String(value) : Buffer.isBuffer(value) ? value.toString("hex") : value)),
    );
    digests[table] = crypto.createHash("sha256").update(rows.sort().join("\n")).digest("hex").slice(0, 16);
  }
  return digests;
}

/** The readable text of a response body: HTML, `.data`, CSV and JSON as they are, a PDF's text, an XLSX's cells. */
export async function readableText(response: Response): Promise<string> {
  const type = response.headers.get("Content-Type") ?? "";
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (type.includes("application/pdf")) return pdfText(bytes);
  if (type.includes("spreadsheetml")) return xlsxText(bytes);
  return new TextDecoder().decode(bytes);
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  const document = await pdfjs.getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
  }
  const info = await document.getMetadata();
  await document.destroy();
  return `${pages.join("\n")}\n${JSON.stringify(info.info)}`;
}

async function xlsxText(bytes: Uint8Array): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const cells: string[] = [workbook.title ?? "", workbook.subject ?? "", workbook.description ?? "", workbook.creator ?? ""];
  workbook.eachSheet((sheet) => {
    cells.push(sheet.name);
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.text)));
  });
  return cells.join("\n");
}
