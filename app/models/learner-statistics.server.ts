import type { Course } from "~/content/loader.server";
import { monthOf } from "~/statistics/months";
import { itemStatisticsMissing, rebuildItemStatistics } from "./item-statistics.server";
import { preparedOnce, type Db } from "~/utils/db.server";

/**
 * The statistics summaries (learner_module_stats, learner_activity_months in db/schema.ts), kept
 * in the transaction of the write they count: every function here takes that transaction.
 * rebuildLearnerStatistics computes the same tables from the raw rows (docs/decisions/0009-statistics-summaries.md).
 */

// The learner's profile fields are copied from users as the row is written.
const beginModuleStatement = preparedOnce((db) =>
  db.$client.prepare(
    `insert into learner_module_stats (user_id, course_id, module_id, institution_type, district, language, started_at)
     select id, @courseId, @moduleId, institution_type, district, language, @at from users where id = @userId
     on conflict (user_id, course_id, module_id) do update set started_at = min(started_at, excluded.started_at)`,
  ),
);
const activityStatement = preparedOnce((db) =>
  db.$client.prepare(
    `insert or ignore into learner_activity_months (course_id, month, user_id, institution_type, district, language)
     select @courseId, @month, id, institution_type, district, language from users where id = @userId`,
  ),
);
const attemptFinishedStatement = preparedOnce((db) =>
  db.$client.prepare(
    `update learner_module_stats set
       attempts = attempts + 1,
       first_finished_at = case when @number = 1 then @at else first_finished_at end,
       first_score = case when @number = 1 then @score else first_score end,
       first_passed = case when @number = 1 then @passed else first_passed end,
       best_score = case when @score is not null and (best_score is null or @score > best_score) then @score else best_score end,
       passed = max(passed, @passed)
     where user_id = @userId and course_id = @courseId and module_id = @moduleId`,
  ),
);
const moduleCompletedStatement = preparedOnce((db) =>
  db.$client.prepare(
    `update learner_module_stats set completed_at = @at, minutes_to_complete = (@at - started_at) / 60000
     where user_id = @userId and course_id = @courseId and module_id = @moduleId`,
  ),
);

// A new month of activity links to the learner's month before it, and the month after it (when
// activity is recorded late, e.g. an attempt settled at its deadline) to the new one.
const previousMonthStatement = preparedOnce((db) =>
  db.$client.prepare(
    `update learner_activity_months set previous_month = (
       select max(month) from learner_activity_months p where p.user_id = @userId and p.course_id = @courseId and p.month < learner_activity_months.month)
     where user_id = @userId and course_id = @courseId and month >= @month
       and month <= coalesce((select min(month) from learner_activity_months n where n.user_id = @userId and n.course_id = @courseId and n.month > @month), @month)`,
  ),
);

/** Something the learner did in a course at `at`: counts them as active in that Belgrade month. */
export function recordActivity(tx: Db, userId: number, courseId: string, at: Date) {
  const month = monthOf(at);
  if (activityStatement(tx).run({ userId, courseId, month }).changes > 0) previousMonthStatement(tx).run({ userId, courseId, month });
}

/** A lesson of the module completed, or a quiz attempt started: the module is begun (the earliest such time counts). */
export function recordModuleBegun(tx: Db, userId: number, courseId: string, moduleId: string, at: Date) {
  beginModuleStatement(tx).run({ userId, courseId, moduleId, at: at.getTime() });
  recordActivity(tx, userId, courseId, at);
}

/** An attempt ended (finished or ran out of time) with this score. */
export function recordAttemptFinished(
  tx: Db,
  attempt: { userId: number; courseId: string; moduleId: string; number: number },
  result: { scorePercent: number | null; passed: boolean | null },
  at: Date,
) {
  const { userId, courseId, moduleId, number } = attempt;
  attemptFinishedStatement(tx).run({ userId, courseId, moduleId, number, score: result.scorePercent, passed: result.passed ? 1 : 0, at: at.getTime() });
  recordActivity(tx, attempt.userId, attempt.courseId, at);
}

/** The module's completion was written at `at` (once per learner and module). */
export function recordModuleCompleted(tx: Db, userId: number, courseId: string, moduleId: string, at: Date) {
  beginModuleStatement(tx).run({ userId, courseId, moduleId, at: at.getTime() });
  moduleCompletedStatement(tx).run({ userId, courseId, moduleId, at: at.getTime() });
  recordActivity(tx, userId, courseId, at);
}

/**
 * Recomputes both summaries from the raw rows (lesson_progress, quiz_attempts, module_completions,
 * users), replacing what they hold, inside the caller's transaction. For a database filled in bulk
 * (npm run seed:large, which gives the transaction of the file it builds), a database from before
 * the summaries existed, and as the oracle the property test compares them with.
 * A lesson marked incomplete again is gone from the raw rows, so a rebuild can place a module's
 * start later than the kept summary did.
 */
export function rebuildLearnerStatistics(tx: Db, courses: Course[]) {
  const client = tx.$client;
  client.exec(`create temp table if not exists stats_lesson_modules (course_id text not null, lesson_id text not null, module_id text not null, primary key (course_id, lesson_id))`);
  client.exec(`delete from temp.stats_lesson_modules`);
  const insertLesson = client.prepare(`insert into temp.stats_lesson_modules values (?, ?, ?)`);
  for (const course of courses) for (const module of course.modules) for (const lesson of module.lessons) insertLesson.run(course.id, lesson.id, module.id);
  client.exec(`delete from learner_module_stats; delete from learner_activity_months;`);
  client.exec(`
    insert into learner_module_stats (user_id, course_id, module_id, institution_type, district, language, started_at, attempts,
      first_finished_at, first_score, first_passed, best_score, passed, completed_at, minutes_to_complete)
    with starts as (
      select lp.user_id, lp.course_id, lm.module_id, min(lp.completed_at) as at
        from lesson_progress lp join temp.stats_lesson_modules lm on lm.course_id = lp.course_id and lm.lesson_id = lp.lesson_id
        group by lp.user_id, lp.course_id, lm.module_id
      union all
      select user_id, course_id, module_id, min(started_at) from quiz_attempts group by user_id, course_id, module_id
      union all
      select user_id, course_id, module_id, completed_at from module_completions
    ),
    began as (select user_id, course_id, module_id, min(at) as started_at from starts group by user_id, course_id, module_id),
    finished as (
      select user_id, course_id, module_id, count(*) as attempts, max(score_percent) as best, max(status = 'passed') as passed
        from quiz_attempts where status <> 'in-progress' group by user_id, course_id, module_id
    ),
    firsts as (select user_id, course_id, module_id, finished_at, score_percent, status = 'passed' as passed from quiz_attempts where number = 1 and status <> 'in-progress')
    select b.user_id, b.course_id, b.module_id, u.institution_type, u.district, u.language, b.started_at, coalesce(f.attempts, 0),
      fi.finished_at, fi.score_percent, fi.passed, f.best, coalesce(f.passed, 0), mc.completed_at, (mc.completed_at - b.started_at) / 60000
    from began b
    join users u on u.id = b.user_id
    left join finished f on f.user_id = b.user_id and f.course_id = b.course_id and f.module_id = b.module_id
    left join firsts fi on fi.user_id = b.user_id and fi.course_id = b.course_id and fi.module_id = b.module_id
    left join module_completions mc on mc.user_id = b.user_id and mc.course_id = b.course_id and mc.module_id = b.module_id
  `);
  // Months are Belgrade months; SQLite has no time zones, so they are worked out here.
  const activity = client
    .prepare(
      `select user_id, course_id, completed_at as at from lesson_progress
       union all select user_id, course_id, started_at from quiz_attempts
       union all select user_id, course_id, finished_at from quiz_attempts where finished_at is not null
       union all select user_id, course_id, completed_at from module_completions`,
    )
    .raw()
    .iterate() as IterableIterator<[number, string, number]>;
  const seen = new Set<string>();
  const rows: [string, string, number][] = [];
  for (const [userId, courseId, at] of activity) {
    const month = monthOf(at);
    const key = `${courseId}\u0000${month}\u0000${userId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push([courseId, month, userId]);
  }
  const insertActivity = client.prepare(
    `insert into learner_activity_months (course_id, month, user_id, institution_type, district, language)
     select ?, ?, id, institution_type, district, language from users where id = ?`,
  );
  for (const row of rows) insertActivity.run(...row);
  client.exec(`update learner_activity_months set previous_month = (
    select max(month) from learner_activity_months p where p.user_id = learner_activity_months.user_id and p.course_id = learner_activity_months.course_id and p.month < learner_activity_months.month)`);
  rebuildMonthlyCounters(tx);
  rebuildItemStatistics(tx);
}

/** Adds one aggregate query's counts into stats_monthly (cells that exist get the counts added). */
function addCounts(tx: Db, columns: string[], select: string) {
  const sets = columns.map((c) => `${c} = ${c} + excluded.${c}`).join(", ");
  tx.$client.exec(`insert into stats_monthly (course_id, module_id, month, institution_type, district, language, ${columns.join(", ")}) ${select} on conflict do update set ${sets}`);
}

/** Times to complete, for the median: to the minute under two hours, the hour under two days, then the day (as the triggers file them). */
const minutesBucket = (m: string) => `case when ${m} < 120 then ${m} when ${m} < 2880 then round(${m} / 60.0) * 60 else round(${m} / 1440.0) * 1440 end`;

/**
 * The monthly counters recomputed from the rows they count (the triggers of migration
 * statistics_cube_triggers keep them between rebuilds; the property test compares the two).
 */
function rebuildMonthlyCounters(tx: Db) {
  const client = tx.$client;
  client.exec("delete from stats_monthly; delete from stats_monthly_values; delete from stats_district_values;");
  const dims = "institution_type, coalesce(district, ''), language";
  const udims = "u.institution_type, coalesce(u.district, ''), u.language";
  addCounts(tx, ["registered"], `select '', '', belgrade_month(created_at), ${dims}, count(*) from users where role = 'learner' group by 3, 4, 5, 6`);
  addCounts(tx, ["active"], `select course_id, '', month, ${dims}, count(*) from learner_activity_months where true group by 1, 3, 4, 5, 6`);
  addCounts(tx, ["started"], `select e.course_id, '', belgrade_month(e.started_at), ${udims}, count(*) from enrolments e join users u on u.id = e.user_id where true group by 1, 3, 4, 5, 6`);
  addCounts(
    tx,
    ["course_completions"],
    `select c.course_id, '', belgrade_month(c.completed_at), ${udims}, count(*) from course_completions c join users u on u.id = c.user_id where true group by 1, 3, 4, 5, 6`,
  );
  addCounts(
    tx,
    ["certificates_issued"],
    `select c.course_id, '', belgrade_month(c.issued_at), ${udims}, count(*) from certificates c join users u on u.id = c.user_id where true group by 1, 3, 4, 5, 6`,
  );
  addCounts(
    tx,
    ["certificates_revoked"],
    `select c.course_id, '', belgrade_month(c.revoked_at), ${udims}, count(*) from certificates c join users u on u.id = c.user_id where c.revoked_at is not null group by 1, 3, 4, 5, 6`,
  );
  addCounts(
    tx,
    ["began", "began_completed"],
    `select course_id, module_id, belgrade_month(started_at), ${dims}, count(*), count(completed_at) from learner_module_stats where true group by 1, 2, 3, 4, 5, 6`,
  );
  addCounts(tx, ["completed"], `select course_id, module_id, belgrade_month(completed_at), ${dims}, count(*) from learner_module_stats where completed_at is not null group by 1, 2, 3, 4, 5, 6`);
  addCounts(
    tx,
    ["first_attempts", "first_passed", "passed", "best_sum"],
    `select course_id, module_id, belgrade_month(first_finished_at), ${dims}, count(*), total(first_passed), total(passed), total(best_score) from learner_module_stats where first_finished_at is not null group by 1, 2, 3, 4, 5, 6`,
  );
  client.exec(`insert into stats_monthly_values (course_id, kind, month, module_id, institution_type, language, value, n)
    select course_id, 'minutes', belgrade_month(completed_at), module_id, institution_type, language, ${minutesBucket("minutes_to_complete")}, count(*)
    from learner_module_stats where completed_at is not null and minutes_to_complete is not null group by 1, 3, 4, 5, 6, 7`);
  client.exec(`insert into stats_monthly_values (course_id, kind, month, module_id, institution_type, language, value, n)
    select course_id, 'score', belgrade_month(first_finished_at), module_id, institution_type, language, best_score, count(*)
    from learner_module_stats where first_finished_at is not null and best_score is not null group by 1, 3, 4, 5, 6, 7`);
  client.exec(`insert into stats_district_values (course_id, kind, district, month, module_id, institution_type, value, n)
    select course_id, 'minutes', coalesce(district, ''), belgrade_month(completed_at), module_id, institution_type, ${minutesBucket("minutes_to_complete")}, count(*)
    from learner_module_stats where completed_at is not null and minutes_to_complete is not null group by 1, 3, 4, 5, 6, 7`);
  client.exec(`insert into stats_district_values (course_id, kind, district, month, module_id, institution_type, value, n)
    select course_id, 'score', coalesce(district, ''), belgrade_month(first_finished_at), module_id, institution_type, best_score, count(*)
    from learner_module_stats where first_finished_at is not null and best_score is not null group by 1, 3, 4, 5, 6, 7`);
}

/**
 * A database from before the statistics existed (or restored without them) has users but no
 * counters, or finished attempts but no item sums: rebuilt once, at start, inside the caller's
 * transaction. Returns whether it rebuilt.
 */
export function rebuildLearnerStatisticsIfMissing(tx: Db, courses: Course[]): boolean {
  const client = tx.$client;
  const counted = client.prepare("select exists (select 1 from stats_monthly) as yes").get() as { yes: number };
  const users = client.prepare("select exists (select 1 from users) as yes").get() as { yes: number };
  if ((counted.yes || !users.yes) && !itemStatisticsMissing(tx)) return false;
  rebuildLearnerStatistics(tx, courses);
  return true;
}
