/**
 * The route matrix's table (tests/integration/route-matrix.test.ts): for every route of app/routes,
 * the URLs to try, filled with learner A's objects (and some of B's), and what each of seven callers
 * must get from its loader and its action. tests/integration/hostile-input.test.ts attacks the
 * actions listed here. A new route must be added: the matrix fails for a route without an entry.
 */
import { hasPermission, type Permission } from "~/utils/permissions";
import { ROLES, type RoleName, type World } from "./route-world";

/** What a caller gets: a 2xx, a redirect to the login page, another redirect, or an error status. */
export type Expect = "ok" | "login" | "redirect" | 400 | 403 | 404 | 405;
export type Expectations = Record<RoleName, Expect>;

export type Probe = {
  /** The URL (with query) to load and to post to. */
  path: string;
  loader?: Expectations;
  action?: Expectations;
  /**
   * When the `.data` post answers otherwise than the document post: after a refused action the
   * document renders the page, whose loader may send a signed-in user on; `.data` runs the action only.
   */
  actionAsData?: Expectations;
  /** Fields posted with the CSRF token (none by default: an allowed caller gets past the guard to a 400). */
  fields?: Record<string, string>;
  /** Secrets a caller may meet on this URL beyond what its role sees anyway (a public verification page shows the holder's name). */
  public?: Secret[];
  note?: string;
};

export type Secret = "nameA" | "emailA" | "groupA" | "nameB" | "emailB" | "groupB";

const ROLE_OF: Record<Exclude<RoleName, "anonymous">, "learner" | "trainer" | "reviewer" | "admin"> = {
  learnerA: "learner",
  learnerB: "learner",
  trainerA: "trainer",
  trainerOther: "trainer",
  reviewer: "reviewer",
  admin: "admin",
};

/**
 * What each caller may see of the two learners: their own things; a trainer their group's learners;
 * a reviewer group names only (the statistics by group); an admin everything.
 */
export const VISIBLE: Record<RoleName, Secret[]> = {
  anonymous: [],
  learnerA: ["nameA", "emailA", "groupA"],
  learnerB: ["nameB", "emailB", "groupB"],
  trainerA: ["nameA", "emailA", "groupA"],
  trainerOther: ["nameB", "emailB", "groupB"],
  reviewer: ["groupA", "groupB"],
  admin: ["nameA", "emailA", "groupA", "nameB", "emailB", "groupB"],
};

function roles(given: Partial<Expectations> & { others: Expect }): Expectations {
  return Object.fromEntries(ROLES.map((role) => [role, given[role] ?? given.others])) as Expectations;
}
const everyone = (expect: Expect) => roles({ others: expect });
/** Signed-in callers get `allowed`, visitors the login page. */
const signedInOnly = (allowed: Expect) => roles({ anonymous: "login", others: allowed });
/** Callers whose role has the permission get `allowed`, the others 403, visitors the login page. */
function withPermission(permission: Permission, allowed: Expect): Expectations {
  return Object.fromEntries(ROLES.map((role) => [role, role === "anonymous" ? "login" : hasPermission(ROLE_OF[role], permission) ? allowed : 403])) as Expectations;
}
/** A group's pages: its trainer and admins; another trainer 404 (group ids cannot be probed); learners and reviewers 403. */
const groupOf = (owner: "trainerA" | "trainerOther", allowed: Expect) => ({ ...withPermission("group:manage", allowed), [owner === "trainerA" ? "trainerOther" : "trainerA"]: 404 }) as Expectations;
/** A learner's own quiz attempt: nobody else, not even an admin, reaches it; another's answers 404 like an unknown one. */
const attemptOf = (owner: RoleName, allowed: Expect) => roles({ anonymous: "login", [owner]: allowed, others: 404 });
/** A certificate's files: its holder and admins. */
const certificateOf = (owner: RoleName) => roles({ anonymous: "login", [owner]: "ok", admin: "ok", others: 404 });
/** Pages for visitors only: signed-in users are sent on. */
const visitorsOnly = roles({ anonymous: "ok", others: "redirect" });
/** Their forms: an empty post is refused (400), and for a signed-in user the page then sends them on. */
const visitorsOnlyAction = roles({ anonymous: 400, others: "redirect" });

const COURSE = "/courses/fixture-course";

/** The expectation table: one entry per route id. */
export const MATRIX: Record<string, (w: World) => Probe[]> = {
  root: () => [{ path: "/courses", loader: everyone("ok"), note: "the root loader runs under every page" }],
  "routes/_index": () => [{ path: "/", loader: everyone("redirect") }],
  "routes/[.well-known].jwks[.json]": () => [{ path: "/.well-known/jwks.json", loader: everyone("ok") }],
  "routes/healthz": () => [{ path: "/healthz", loader: everyone("ok") }],
  "routes/issuer": () => [{ path: "/issuer", loader: everyone("ok") }],
  // No ISSUER_LOGO in the tests.
  "routes/issuer_.logo": () => [{ path: "/issuer/logo", loader: everyone(404) }],
  "routes/locales.$language.$namespace": () => [
    { path: "/locales/sr-Latn/common", loader: everyone("ok") },
    { path: "/locales/xx/common", loader: everyone(404) },
  ],
  "routes/account": () => [{ path: "/account", loader: signedInOnly("ok"), action: signedInOnly(400) }],
  "routes/account_.data": () => [{ path: "/account/data", loader: signedInOnly("ok"), note: "the caller's own data as JSON" }],
  "routes/account_.delete": () => [{ path: "/account/delete", loader: signedInOnly("ok"), action: signedInOnly(400) }],
  "routes/account-deleted": () => [{ path: "/account-deleted", loader: everyone("ok") }],
  "routes/login": () => [{ path: "/login", loader: visitorsOnly, action: visitorsOnlyAction, actionAsData: everyone(400) }],
  "routes/register": () => [{ path: "/register", loader: visitorsOnly, action: visitorsOnlyAction, actionAsData: everyone(400) }],
  "routes/forgot-password": () => [{ path: "/forgot-password", loader: visitorsOnly, action: visitorsOnlyAction, actionAsData: everyone(400) }],
  "routes/logout": () => [{ path: "/logout", loader: everyone("redirect"), action: everyone("redirect"), note: "ends the session: posted with a session of its own" }],
  "routes/preferences": () => [{ path: "/preferences", loader: everyone("redirect"), action: everyone(400) }],
  "routes/reset-password.$token": () => [{ path: "/reset-password/not-a-token", loader: everyone(404), action: everyone(400) }],
  "routes/verify-email.$token": () => [{ path: "/verify-email/not-a-token", loader: everyone(404) }],
  "routes/my-learning": () => [{ path: "/my-learning", loader: withPermission("course:study", "ok") }],
  "routes/search": () => [{ path: "/search?q=trafficking", loader: everyone("ok") }],
  "routes/courses._index": () => [{ path: "/courses", loader: everyone("ok") }],
  "routes/courses.$courseId._index": () => [
    { path: COURSE, loader: everyone("ok") },
    { path: "/courses/no-such-course", loader: everyone(404) },
  ],
  "routes/courses.$courseId.glossary": () => [{ path: `${COURSE}/glossary`, loader: everyone("ok") }],
  "routes/courses.$courseId.images.$": () => [{ path: `${COURSE}/images/..%2Fcourse.yaml`, loader: everyone(404) }],
  "routes/courses.$courseId.$moduleId._index": () => [{ path: `${COURSE}/basics`, loader: everyone("ok") }],
  "routes/courses.$courseId.$moduleId.$lessonId": () => [{ path: `${COURSE}/basics/first-lesson`, loader: withPermission("course:study", "ok"), action: withPermission("course:study", 400) }],
  "routes/courses.$courseId.$moduleId.quiz._index": () => [{ path: `${COURSE}/basics/quiz`, loader: withPermission("quiz:attempt", "ok"), action: withPermission("quiz:attempt", 400) }],
  "routes/courses.$courseId.$moduleId.quiz.$attemptId._index": (w) => [
    { path: `${COURSE}/basics/quiz/${w.a.openAttemptId}`, loader: attemptOf("learnerA", "ok") },
    { path: `${COURSE}/basics/quiz/${w.a.openAttemptId}`, action: attemptOf("learnerA", "redirect"), fields: { intent: "next" }, note: "a valid move, so that the owner check is reached" },
    { path: `${COURSE}/timed/quiz/${w.b.openAttemptId}`, loader: roles({ anonymous: "login", others: 404 }), note: "B's attempt under another module's URL" },
  ],
  "routes/courses.$courseId.$moduleId.quiz.$attemptId.review": (w) => [{ path: `${COURSE}/timed/quiz/${w.a.finishedAttemptId}/review`, loader: attemptOf("learnerA", "ok") }],
  "routes/certificates.$code.pdf": (w) => [{ path: `/certificates/${w.a.certificateCode}/pdf`, loader: certificateOf("learnerA") }],
  "routes/certificates.$code.credential": (w) => [{ path: `/certificates/${w.a.certificateCode}/credential`, loader: certificateOf("learnerA") }],
  "routes/verify._index": () => [{ path: "/verify", loader: everyone("ok"), action: everyone(400) }],
  "routes/verify.$code": (w) => [{ path: `/verify/${w.a.certificateCode}`, loader: everyone("ok"), action: everyone(400), public: ["nameA"] }],
  "routes/join._index": () => [{ path: "/join", loader: everyone("ok") }],
  "routes/join.$code": (w) => [
    { path: `/join/${w.a.joinCode}`, loader: everyone("ok"), public: ["groupA"] },
    { path: `/join/${w.openJoinCode}`, action: withPermission("course:study", "redirect"), note: "joins a group with a dull name" },
  ],
  "routes/admin.users": () => [{ path: "/admin/users", loader: withPermission("user:manage", "ok"), action: withPermission("user:manage", 400) }],
  "routes/admin.users_.$userId.data": (w) => [
    { path: `/admin/users/${w.a.learner.id}/data`, loader: withPermission("user:manage", "ok") },
    { path: "/admin/users/999999/data", loader: withPermission("user:manage", 404) },
  ],
  "routes/admin.users_.$userId.delete": (w) => [
    { path: `/admin/users/${w.a.learner.id}/delete`, loader: withPermission("user:manage", "ok"), action: withPermission("user:manage", 400) },
    { path: "/admin/users/999999/delete", loader: withPermission("user:manage", 404) },
  ],
  "routes/admin.audit": () => [{ path: "/admin/audit", loader: withPermission("audit:read", "ok") }],
  "routes/admin.certificates": () => [{ path: "/admin/certificates", loader: withPermission("certificate:revoke", "ok"), action: withPermission("certificate:revoke", 400) }],
  "routes/admin.outbox._index": () => [{ path: "/admin/outbox", loader: withPermission("user:manage", "ok") }],
  "routes/admin.outbox.$messageId": (w) => [
    { path: `/admin/outbox/${w.messageId}`, loader: withPermission("user:manage", "ok") },
    { path: "/admin/outbox/999999", loader: withPermission("user:manage", 404) },
  ],
  "routes/statistics._index": () => [{ path: "/statistics", loader: withPermission("statistics:read", "ok") }],
  "routes/statistics.groups": () => [{ path: "/statistics/groups", loader: withPermission("statistics:read", "ok") }],
  "routes/statistics.export": () => [
    { path: "/statistics/export?table=group&format=csv", loader: withPermission("statistics:read", "ok") },
    { path: "/statistics/export?table=totals&format=xlsx", loader: withPermission("statistics:read", "ok") },
  ],
  "routes/statistics.summary[.pdf]": () => [{ path: "/statistics/summary.pdf", loader: withPermission("statistics:read", "ok") }],
  "routes/statistics.items": () => [{ path: "/statistics/items?course=fixture-course&module=basics", loader: withPermission("statistics:read", "ok") }],
  "routes/statistics.items_.export": () => [
    { path: "/statistics/items/export?course=fixture-course&module=basics&table=questions&format=csv", loader: withPermission("statistics:read", "ok") },
    { path: "/statistics/items/export?course=fixture-course&module=basics&table=responses&format=xlsx", loader: withPermission("statistics:read", "ok") },
  ],
  "routes/trainer.groups.$groupId_.items._index": (w) => [{ path: `/trainer/groups/${w.a.groupId}/items?course=fixture-course&module=basics`, loader: groupOf("trainerA", "ok") }],
  "routes/trainer.groups.$groupId_.items.export": (w) => [
    { path: `/trainer/groups/${w.a.groupId}/items/export?course=fixture-course&module=basics&table=questions&format=csv`, loader: groupOf("trainerA", "ok") },
  ],
  "routes/trainer.groups._index": () => [{ path: "/trainer/groups", loader: withPermission("group:manage", "ok") }],
  "routes/trainer.groups.new": () => [{ path: "/trainer/groups/new", loader: withPermission("group:manage", "ok"), action: withPermission("group:manage", 400) }],
  "routes/trainer.groups.$groupId._index": (w) => [
    { path: `/trainer/groups/${w.a.groupId}`, loader: groupOf("trainerA", "ok"), action: groupOf("trainerA", 400) },
    { path: "/trainer/groups/999999", loader: withPermission("group:manage", 404) },
  ],
  "routes/trainer.groups.$groupId.edit": (w) => [{ path: `/trainer/groups/${w.a.groupId}/edit`, loader: groupOf("trainerA", "ok"), action: groupOf("trainerA", 400) }],
  "routes/trainer.groups.$groupId.members": (w) => [{ path: `/trainer/groups/${w.a.groupId}/members`, loader: groupOf("trainerA", "ok"), action: groupOf("trainerA", 400) }],
  "routes/trainer.groups.$groupId.import": (w) => [{ path: `/trainer/groups/${w.a.groupId}/import`, loader: groupOf("trainerA", "ok"), action: groupOf("trainerA", 400) }],
  "routes/trainer.groups.$groupId.assignments._index": (w) => [{ path: `/trainer/groups/${w.a.groupId}/assignments`, loader: groupOf("trainerA", "ok"), action: groupOf("trainerA", 400) }],
  "routes/trainer.groups.$groupId.assignments.$assignmentId": (w) => [
    { path: `/trainer/groups/${w.a.groupId}/assignments/${w.a.assignmentId}`, loader: groupOf("trainerA", "ok"), action: groupOf("trainerA", 400) },
    { path: `/trainer/groups/${w.a.groupId}/assignments/${w.b.assignmentId}`, loader: groupOf("trainerA", 404), note: "B's group's assignment under A's group" },
  ],
  "routes/trainer.groups.$groupId_.progress._index": (w) => [{ path: `/trainer/groups/${w.a.groupId}/progress`, loader: groupOf("trainerA", "ok") }],
  "routes/trainer.groups.$groupId_.progress.export.$format": (w) => [
    { path: `/trainer/groups/${w.a.groupId}/progress/export/csv`, loader: groupOf("trainerA", "ok") },
    { path: `/trainer/groups/${w.a.groupId}/progress/export/xlsx`, loader: groupOf("trainerA", "ok") },
  ],
  "routes/trainer.groups.$groupId_.progress.$userId.$courseId.$moduleId": (w) => [
    { path: `/trainer/groups/${w.a.groupId}/progress/${w.a.learner.id}/fixture-course/basics`, loader: groupOf("trainerA", "ok") },
    { path: `/trainer/groups/${w.a.groupId}/progress/${w.b.learner.id}/fixture-course/basics`, loader: groupOf("trainerA", 404), note: "B is not in A's group" },
  ],
};

/** Stands in for the world when only the shape of the probes matters (before beforeAll has built it). */
const stub: unknown = new Proxy(() => "0", { get: (_target, key) => (key === Symbol.toPrimitive ? () => "0" : stub) });
export const STUB_WORLD = stub as World;
