/**
 * The statistics summaries (learner_module_stats, learner_activity_months, the monthly counters
 * and the item analysis's sums: item_stats, item_responses, quiz_stats), kept in the
 * transactions of the writes they count, agree with a full recomputation from the raw rows after
 * any sequence of lessons, answers, finishes, retakes, time-outs, profile changes, revocations and
 * erasures (fast-check picks the sequences).
 */
import { and, eq, isNull } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { certificates, users } from "#db/schema";
import { DISTRICTS, INSTITUTION_TYPES, USER_LANGUAGES } from "~/accounts/constants";
import { eraseAccount } from "~/accounts/personal-data.server";
import { rebuildLearnerStatistics } from "~/models/learner-statistics.server";
import { revokeCertificate } from "~/models/certificates.server";
import { markLessonComplete } from "~/models/progress.server";
import { setUserLanguage, updateProfile } from "~/models/users.server";
import { finishAttempt, QuizError, startAttempt, submitAnswer } from "~/quiz/attempts.server";
import { getDb, inTransaction } from "~/utils/db.server";
import { answerFields, bankQuestion, fixtureCourse, quizScopeFor, reloadAttempt, toFormData, type FixtureModuleId } from "../helpers/quiz";

const MODULES: FixtureModuleId[] = ["basics", "timed"];

type Step =
  | { kind: "wait"; minutes: number }
  | { kind: "lesson"; learner: number; lesson: number }
  | { kind: "start"; learner: number; module: number }
  | { kind: "answer"; learner: number; module: number; correct: boolean[] }
  | { kind: "finish"; learner: number; module: number }
  | { kind: "profile"; learner: number; institution: number; district: number; language: number }
  | { kind: "language"; learner: number; language: number }
  | { kind: "complete"; learner: number }
  | { kind: "revoke"; learner: number }
  | { kind: "erase"; learner: number }
  | { kind: "eraseAccount"; learner: number };

const learner = fc.nat({ max: 2 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("wait" as const), minutes: fc.oneof(fc.integer({ min: 1, max: 90 }), fc.integer({ min: 1, max: 60 * 24 * 40 })) }),
  fc.record({ kind: fc.constant("lesson" as const), learner, lesson: fc.nat({ max: 5 }) }),
  fc.record({ kind: fc.constant("start" as const), learner, module: fc.nat({ max: 1 }) }),
  fc.record({ kind: fc.constant("answer" as const), learner, module: fc.nat({ max: 1 }), correct: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }) }),
  fc.record({ kind: fc.constant("finish" as const), learner, module: fc.nat({ max: 1 }) }),
  fc.record({ kind: fc.constant("profile" as const), learner, institution: fc.nat({ max: INSTITUTION_TYPES.length - 1 }), district: fc.nat({ max: DISTRICTS.length }), language: fc.nat({ max: 2 }) }),
  fc.record({ kind: fc.constant("language" as const), learner, language: fc.nat({ max: 2 }) }),
  fc.record({ kind: fc.constant("complete" as const), learner }),
  fc.record({ kind: fc.constant("revoke" as const), learner }),
  fc.record({ kind: fc.constant("erase" as const), learner }),
  fc.record({ kind: fc.constant("eraseAccount" as const), learner }),
);

let run = 0;
let admin: number | undefined;

/** The admin who revokes certificates (not one of the learners, whom the audit log would then keep). */
function adminId(): number {
  admin ??= getDb()
    .insert(users)
    .values({ email: "summary-admin@example.test", fullName: "Admin", passwordHash: "x", institutionType: "other", language: "en", role: "admin" })
    .returning({ id: users.id })
    .get().id;
  return admin;
}

function createLearners(): number[] {
  run += 1;
  return [0, 1, 2].map(
    (i) =>
      getDb()
        .insert(users)
        .values({ email: `summary-${run}-${i}@example.test`, fullName: `Summary ${run} ${i}`, passwordHash: "x", institutionType: "court", language: "en", district: i === 0 ? null : "belgrade" })
        .returning({ id: users.id })
        .get().id,
  );
}

function answerAll(userId: number, moduleId: FixtureModuleId, correct: (index: number) => boolean, now: Date) {
  const scope = quizScopeFor(userId, moduleId);
  const attempt = startAttempt(scope, now, 7);
  attempt.questionIds.forEach((questionId, index) => {
    const current = reloadAttempt(attempt.id);
    if (current.status !== "in-progress") return;
    const fields = answerFields(bankQuestion(moduleId, questionId), current, correct(index));
    submitAnswer(scope, { attemptId: current.id, revision: current.revision, questionId, formData: toFormData(fields), advance: true }, now);
  });
  return { scope, attempt };
}

/** Runs one step; refusals a learner could meet (no attempts left, wait, time up) are part of the game. */
function apply(step: Step, ids: number[], clock: { now: number }) {
  const now = new Date(clock.now);
  const userId = ids[("learner" in step ? step.learner : 0) % ids.length];
  // An erased account cannot sign in, so it does nothing more.
  const exists = getDb()
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.erasedAt)))
    .get();
  if (step.kind === "wait") {
    clock.now += step.minutes * 60_000;
    return;
  }
  if (!exists) return;
  try {
    switch (step.kind) {
      case "lesson": {
        const lessons = fixtureCourse().modules.flatMap((m) => m.lessons);
        markLessonComplete(userId, fixtureCourse(), lessons[step.lesson % lessons.length].id, now);
        break;
      }
      case "start":
        startAttempt(quizScopeFor(userId, MODULES[step.module]), now, 7);
        break;
      case "answer":
        answerAll(userId, MODULES[step.module], (index) => step.correct[index % step.correct.length], now);
        break;
      case "complete": {
        // The whole course at once (every lesson, both quizzes passed): a course completion and a certificate.
        for (const lesson of fixtureCourse().modules.flatMap((m) => m.lessons)) markLessonComplete(userId, fixtureCourse(), lesson.id, now);
        for (const moduleId of MODULES) {
          const { scope, attempt } = answerAll(userId, moduleId, () => true, now);
          const current = reloadAttempt(attempt.id);
          if (current.status === "in-progress") finishAttempt(scope, attempt.id, current.revision, now);
        }
        break;
      }
      case "finish": {
        const scope = quizScopeFor(userId, MODULES[step.module]);
        const attempt = startAttempt(scope, now, 7);
        finishAttempt(scope, attempt.id, reloadAttempt(attempt.id).revision, now);
        break;
      }
      case "profile": {
        const user = getDb().select().from(users).where(eq(users.id, userId)).get()!;
        updateProfile(userId, {
          fullName: user.fullName,
          email: user.email,
          institutionType: INSTITUTION_TYPES[step.institution],
          organisation: null,
          district: step.district === DISTRICTS.length ? null : DISTRICTS[step.district],
          language: USER_LANGUAGES[step.language],
        });
        break;
      }
      case "language":
        setUserLanguage(userId, USER_LANGUAGES[step.language]);
        break;
      case "revoke": {
        const certificate = getDb().select().from(certificates).where(eq(certificates.userId, userId)).get();
        if (certificate) revokeCertificate({ code: certificate.code, reason: "test", adminId: adminId(), now });
        break;
      }
      case "eraseAccount": {
        // What the account page and the admin's page do: the counters keep every count (a wiped district moves it to "not given").
        const before = counterTotals();
        eraseAccount(userId, { actorId: userId, clientAddress: null }, now);
        expect(counterTotals()).toEqual(before);
        break;
      }
      case "erase": {
        // Erasing an account: deleted with its certificates when nothing else keeps it (the audit
        // log does, once a certificate of theirs was revoked); otherwise its profile is wiped.
        const db = getDb();
        try {
          db.$client.transaction(() => {
            db.delete(certificates).where(eq(certificates.userId, userId)).run();
            db.delete(users).where(eq(users.id, userId)).run();
          })();
        } catch (error) {
          if (!String(error).includes("FOREIGN KEY")) throw error;
          db.update(users)
            .set({ fullName: "", email: `erased-${userId}@example.invalid`, district: null, organisation: null, erasedAt: now })
            .where(eq(users.id, userId))
            .run();
        }
        break;
      }
    }
  } catch (error) {
    if (!(error instanceof QuizError)) throw error;
  }
}

/** Every counter of the dashboard summed over all cells. */
function counterTotals() {
  return getDb()
    .$client.prepare(
      "select sum(registered), sum(started), sum(course_completions), sum(certificates_issued), sum(certificates_revoked), sum(active), sum(began), sum(completed), sum(first_passed), sum(passed), round(sum(best_sum), 6) from stats_monthly",
    )
    .raw()
    .get();
}

function summaries() {
  const client = getDb().$client;
  const counters = "registered, started, course_completions, certificates_issued, certificates_revoked, active, began, began_completed, completed, first_attempts, first_passed, passed";
  return {
    modules: client.prepare("select * from learner_module_stats order by user_id, course_id, module_id").all(),
    activity: client.prepare("select * from learner_activity_months order by course_id, month, user_id").all(),
    // Cells whose counts went back to zero may stay; sums of scores are compared to 1e-6.
    monthly: client
      .prepare(
        `select course_id, module_id, month, institution_type, district, language, ${counters}, round(best_sum, 6) as best_sum from stats_monthly
         where ${counters.split(", ").join(" <> 0 or ")} <> 0 or round(best_sum, 6) <> 0 order by 1, 2, 3, 4, 5, 6`,
      )
      .all(),
    values: client.prepare("select * from stats_monthly_values where n <> 0 order by course_id, kind, month, module_id, institution_type, language, value").all(),
    districtValues: client.prepare("select * from stats_district_values where n <> 0 order by course_id, kind, district, month, module_id, institution_type, value").all(),
    // The item analysis's running sums (rows whose counts went back to zero may stay).
    items: client
      .prepare(
        `select course_id, module_id, question_id, language, attempts, learners, round(sum_x, 6), round(sum_xx, 6), round(sum_y, 6), round(sum_yy, 6), round(sum_xy, 6)
         from item_stats where attempts <> 0 order by 1, 2, 3, 4`,
      )
      .all(),
    parts: client.prepare("select * from item_responses where n <> 0 order by course_id, module_id, question_id, language, part").all(),
    quizzes: client.prepare("select course_id, module_id, language, attempts, learners, sum_k, round(sum_t, 6), round(sum_tt, 6) from quiz_stats where attempts <> 0 order by 1, 2, 3").all(),
  };
}

describe("statistics summaries", () => {
  test("agree with a full recomputation from the raw rows after any sequence of learning, quizzes, profile changes, revocations and erasures", () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), fc.integer({ min: Date.parse("2025-01-15T12:00:00Z"), max: Date.parse("2026-12-31T12:00:00Z") }), (steps, start) => {
        const ids = createLearners();
        const clock = { now: start };
        for (const s of steps) apply(s, ids, clock);
        const kept = summaries();
        inTransaction((tx) => rebuildLearnerStatistics(tx, [fixtureCourse()]));
        expect(summaries()).toEqual(kept);
      }),
      { numRuns: 60 },
    );
  });

  test("a finished attempt and a completed module show in the summaries at once", () => {
    const [userId] = createLearners();
    const now = new Date("2026-03-31T21:30:00Z"); // 23:30 in Belgrade on 31 March: still March there
    const scope = quizScopeFor(userId, "basics");
    const attempt = startAttempt(scope, now, 7);
    for (const questionId of attempt.questionIds) {
      const current = reloadAttempt(attempt.id);
      submitAnswer(scope, { attemptId: attempt.id, revision: current.revision, questionId, formData: toFormData(answerFields(bankQuestion("basics", questionId), current, true)), advance: true }, now);
    }
    finishAttempt(scope, attempt.id, reloadAttempt(attempt.id).revision, new Date("2026-03-31T22:30:00Z"));
    const row = getDb().$client.prepare("select * from learner_module_stats where user_id = ?").get(userId) as Record<string, unknown>;
    expect(row).toMatchObject({ attempts: 1, first_passed: 1, first_score: 100, best_score: 100, passed: 1, started_at: now.getTime() });
    const months = getDb().$client.prepare("select month from learner_activity_months where user_id = ? order by month").pluck().all(userId);
    expect(months).toEqual(["2026-03", "2026-04"]);
  });
});
