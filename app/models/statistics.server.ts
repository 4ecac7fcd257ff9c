import { asc } from "drizzle-orm";
import { groups } from "#db/schema";
import { addMonths, monthStart } from "~/statistics/months";
import type { StatisticsFilters } from "~/statistics/filters";
import { getDb } from "~/utils/db.server";

/**
 * The dashboard's raw counts, before small-cell protection (app/statistics/dashboard.ts applies
 * it). Only aggregates leave this file: no query here returns a name, an email or an answer.
 *
 * For everyone, or learners narrowed by institution type, district or module, the figures come
 * from the monthly counters (stats_monthly, stats_monthly_values) and, for learners active over a
 * whole period, learner_activity_months. Groups are not among the counters' dimensions: when a
 * group narrows the view, or for the breakdown by group, the same figures are counted from the
 * per-learner summaries (learner_module_stats, learner_activity_months) and the tables with one
 * row per learner and course (docs/decisions/0009-statistics-summaries.md).
 */

export const COUNTS = ["registered", "active", "started", "courseCompleters", "certificatesIssued"] as const;
export type CountName = (typeof COUNTS)[number];

/** Learners in one month (all profiles of the view together). */
export type MonthRow = { month: string; learners: number; events: number };
/** Learners per (institution type, district, language) over the whole period. */
export type PeriodRow = { institutionType: string; district: string | null; language: string; learners: number; events: number };
export type GroupRow = { groupId: number; learners: number; events: number };

export type CountFigures = { byMonth: MonthRow[]; byProfile: PeriodRow[]; byGroup: GroupRow[] };

type Source = {
  from: string;
  /** Who the row is about. */
  user: string;
  /** The profile columns (the summaries carry copies; other tables join users as u). */
  dims: string;
  /** An epoch-ms column, or a YYYY-MM text column when `monthColumn` is set. */
  time: string;
  monthColumn?: boolean;
  where: string[];
};

const USER_DIMS = "u.institution_type, u.district, u.language";

function sources(): Record<CountName, Source> {
  return {
    registered: { from: "users u", user: "u.id", dims: USER_DIMS, time: "u.created_at", where: ["u.role = 'learner'"] },
    active: { from: "learner_activity_months a", user: "a.user_id", dims: "a.institution_type, a.district, a.language", time: "a.month", monthColumn: true, where: ["a.course_id = @courseId"] },
    started: { from: "enrolments e join users u on u.id = e.user_id", user: "e.user_id", dims: USER_DIMS, time: "e.started_at", where: ["e.course_id = @courseId"] },
    courseCompleters: { from: "course_completions c join users u on u.id = c.user_id", user: "c.user_id", dims: USER_DIMS, time: "c.completed_at", where: ["c.course_id = @courseId"] },
    certificatesIssued: { from: "certificates c join users u on u.id = c.user_id", user: "c.user_id", dims: USER_DIMS, time: "c.issued_at", where: ["c.course_id = @courseId"] },
  };
}

/** The filter conditions on a source's profile columns and group membership. */
function profileWhere(source: Source, filters: StatisticsFilters): string[] {
  const [institution, district] = source.dims.split(", ");
  return [
    ...(filters.institutionType ? [`${institution} = @institutionType`] : []),
    ...(filters.district === "none" ? [`${district} is null`] : filters.district ? [`${district} = @district`] : []),
    ...(filters.groupId ? [`${source.user} in (select user_id from group_members where group_id = @groupId)`] : []),
  ];
}

/** A CASE expression that names the Belgrade month of an epoch-ms column, from the month boundaries. */
function monthCase(column: string, months: string[]) {
  const branches = months.map((month) => `when ${column} < ${monthStart(addMonths(month, 1))} then '${month}'`).join(" ");
  return `case ${branches} end`;
}

function params(filters: StatisticsFilters, months: string[]) {
  return {
    courseId: filters.courseId,
    moduleId: filters.moduleId,
    institutionType: filters.institutionType,
    district: filters.district === "none" ? null : filters.district,
    groupId: filters.groupId,
    start: monthStart(months[0]),
    end: monthStart(addMonths(months.at(-1)!, 1)),
    fromMonth: months[0],
    toMonth: months.at(-1)!,
  };
}

function bind(sql: string, values: Record<string, unknown>) {
  // better-sqlite3 refuses named values the statement does not use.
  return Object.fromEntries(Object.entries(values).filter(([name]) => sql.includes(`@${name}`)));
}

function all<T>(sql: string, values: Record<string, unknown>): T[] {
  return getDb().$client.prepare(sql).all(bind(sql, values)) as T[];
}

/** Counts of one kind from the per-learner rows: by profile and month, by profile over the period, and by group. */
function countFiguresOfLearners(source: Source, filters: StatisticsFilters, months: string[], withGroups: boolean): CountFigures {
  const values = params(filters, months);
  const inPeriod = source.monthColumn ? `${source.time} between @fromMonth and @toMonth` : `${source.time} >= @start and ${source.time} < @end`;
  const where = [...source.where, inPeriod, ...profileWhere(source, filters)].join(" and ");
  const month = source.monthColumn ? source.time : monthCase(source.time, months);
  const [institution, district, language] = source.dims.split(", ");
  const dims = `${institution} as institutionType, ${district} as district, ${language} as language`;
  const byMonth = all<MonthRow>(`select ${month} as month, count(distinct ${source.user}) as learners, count(*) as events from ${source.from} where ${where} group by 1`, values);
  const byProfile = all<PeriodRow>(`select ${dims}, count(distinct ${source.user}) as learners, count(*) as events from ${source.from} where ${where} group by 1, 2, 3`, values);
  const byGroup = withGroups
    ? all<GroupRow>(
        `select gm.group_id as groupId, count(distinct ${source.user}) as learners, count(*) as events from ${source.from} join group_members gm on gm.user_id = ${source.user} where ${where} group by 1`,
        values,
      )
    : [];
  return { byMonth, byProfile, byGroup };
}

/** The counters' conditions for the profile filters (district '' is "not given" there). */
function counterWhere(filters: StatisticsFilters): string[] {
  return [...(filters.institutionType ? ["institution_type = @institutionType"] : []), ...(filters.district === "none" ? ["district = ''"] : filters.district ? ["district = @district"] : [])];
}

const COUNTER_COLUMNS: Record<Exclude<CountName, "active">, string> = {
  registered: "registered",
  started: "started",
  courseCompleters: "course_completions",
  certificatesIssued: "certificates_issued",
};

/** The same figures from the monthly counters (no group among the filters). */
function countFiguresOfCounters(filters: StatisticsFilters, months: string[]): Record<CountName, CountFigures> {
  const values = params(filters, months);
  const where = ["course_id in ('', @courseId)", "module_id = ''", "month between @fromMonth and @toMonth", ...counterWhere(filters)].join(" and ");
  const names = [...Object.keys(COUNTER_COLUMNS), "active"] as CountName[];
  const columnOf = (name: CountName) => (name === "active" ? "active" : COUNTER_COLUMNS[name]);
  const sums = names.map((name) => `total(${columnOf(name)}) as ${columnOf(name)}`).join(", ");
  // Sums per month and per profile, each in one pass over the cells: every learner, course or
  // registration is in one cell, so they add up (grouping by both and adding up here costs a sort of
  // ~12,000 cells). A figure that is 0 is left out, as no learner is behind it.
  const monthRows = all<{ month: string } & Record<string, number>>(`select month, ${sums} from stats_monthly where ${where} group by 1`, values);
  const profileRows = all<{ institutionType: string; district: string; language: string } & Record<string, number>>(
    `select institution_type as institutionType, district, language, ${sums} from stats_monthly where ${where} group by 1, 2, 3`,
    values,
  );
  const figures = {} as Record<CountName, CountFigures>;
  for (const name of names) {
    const column = columnOf(name);
    figures[name] = {
      byMonth: monthRows.filter((r) => r[column]).map((r) => ({ month: r.month, learners: r[column], events: r[column] })),
      byProfile: profileRows.filter((r) => r[column]).map((r) => ({ institutionType: r.institutionType, district: r.district || null, language: r.language, learners: r[column], events: r[column] })),
      byGroup: [],
    };
  }
  // Active learners over the whole period: distinct, so from the per-learner months.
  const activeWhere = ["course_id = @courseId", "month between @fromMonth and @toMonth", ...counterWhere(filters).map((c) => c.replace("district = ''", "district is null"))].join(" and ");
  // A learner's first active month inside the period is the one whose previous month is before it.
  const activeByProfile = all<PeriodRow>(
    `select institution_type as institutionType, district, language, count(*) as learners, count(*) as events
     from learner_activity_months where ${activeWhere} and (previous_month is null or previous_month < @fromMonth) group by 1, 2, 3`,
    values,
  );
  // Active learners in each month are distinct within the month: the counters' sums are right there.
  figures.active.byProfile = activeByProfile;
  return figures;
}

/** Counts of every kind; `withGroups` adds the breakdown by group (counted per learner). */
export function getCountFigures(filters: StatisticsFilters, months: string[], options: { withGroups: boolean }): Record<CountName, CountFigures> {
  if (!filters.groupId && !options.withGroups) return countFiguresOfCounters(filters, months);
  const all = sources();
  return Object.fromEntries(COUNTS.map((name) => [name, countFiguresOfLearners(all[name], filters, months, options.withGroups)])) as Record<CountName, CountFigures>;
}

/** Certificates revoked in the period (of this course, for these learners). */
export function getRevokedCertificates(filters: StatisticsFilters, months: string[]): number {
  if (!filters.groupId) {
    const sql = `select total(certificates_revoked) as n from stats_monthly where ${["course_id = @courseId", "module_id = ''", "month between @fromMonth and @toMonth", ...counterWhere(filters)].join(" and ")}`;
    return (
      getDb()
        .$client.prepare(sql)
        .get(bind(sql, params(filters, months))) as { n: number }
    ).n;
  }
  const source: Source = { from: "certificates c join users u on u.id = c.user_id", user: "c.user_id", dims: USER_DIMS, time: "c.revoked_at", where: ["c.course_id = @courseId"] };
  const where = [...source.where, "c.revoked_at >= @start and c.revoked_at < @end", ...profileWhere(source, filters)].join(" and ");
  const sql = `select count(distinct c.user_id) as n from ${source.from} where ${where}`;
  return (
    getDb()
      .$client.prepare(sql)
      .get(bind(sql, params(filters, months))) as { n: number }
  ).n;
}

export type ModuleRow = {
  moduleId: string;
  /** Learners who began the module in the period, and how many of them have completed it. */
  started: number;
  startedCompleted: number;
  /** Learners who completed the module in the period. */
  completed: number;
  /** Learners whose first quiz attempt ended in the period; of them, passed at once, passed in the end, their best scores' sum. */
  firstAttempts: number;
  firstPassed: number;
  passed: number;
  bestScoreSum: number;
};
export type Frequency = { moduleId: string; value: number; n: number };

export type ModuleFigures = { rows: ModuleRow[]; minutes: Frequency[]; bestScores: Frequency[] };

/** Per module of the course: the figures behind completion rates, pass rates and scores. */
export function getModuleFigures(filters: StatisticsFilters, months: string[]): ModuleFigures {
  if (filters.groupId) return moduleFiguresOfLearners(filters, months);
  return moduleFiguresOfCounters(filters, months);
}

function moduleFiguresOfCounters(filters: StatisticsFilters, months: string[]): ModuleFigures {
  const values = params(filters, months);
  // Every module the counters hold, listed by a few index seeks (min(module_id) after the last), so that
  // the month range can be sought within each module instead of reading the course's cells of every month.
  const everyModule = `with recursive m(id) as (select min(module_id) from stats_monthly where course_id = @courseId and module_id > ''
    union all select (select min(module_id) from stats_monthly where course_id = @courseId and module_id > m.id) from m where m.id is not null)`;
  const where = ["course_id = @courseId", "month between @fromMonth and @toMonth", filters.moduleId ? "module_id = @moduleId" : "module_id in (select id from m)", ...counterWhere(filters)].join(
    " and ",
  );
  const rows = all<ModuleRow>(
    `${filters.moduleId ? "" : everyModule} select module_id as moduleId, total(began) as started, total(began_completed) as startedCompleted, total(completed) as completed, total(first_attempts) as firstAttempts,
       total(first_passed) as firstPassed, total(passed) as passed, total(best_sum) as bestScoreSum from stats_monthly where ${where} group by 1`,
    values,
  );
  // A district's frequencies are in their own table (stats_monthly_values has language, not district).
  const valuesWhere = [
    "course_id = @courseId",
    "kind = @kind",
    ...(filters.district ? ["district = @districtKey"] : []),
    "month between @fromMonth and @toMonth",
    ...(filters.moduleId ? ["module_id = @moduleId"] : []),
    ...(filters.institutionType ? ["institution_type = @institutionType"] : []),
  ].join(" and ");
  const table = filters.district ? "stats_district_values" : "stats_monthly_values";
  const frequencies = (kind: string) =>
    all<Frequency>(`select module_id as moduleId, value, total(n) as n from ${table} where ${valuesWhere} group by 1, 2`, {
      ...values,
      kind,
      districtKey: filters.district === "none" ? "" : filters.district,
    });
  return { rows, minutes: frequencies("minutes"), bestScores: frequencies("score") };
}

/** The per-learner summary rows of the view, by one of their times (the same filters as everywhere). */
function learnerModuleWhere(filters: StatisticsFilters, time: string): string {
  const source: Source = {
    from: "learner_module_stats s",
    user: "s.user_id",
    dims: "s.institution_type, s.district, s.language",
    time,
    where: ["s.course_id = @courseId", ...(filters.moduleId ? ["s.module_id = @moduleId"] : [])],
  };
  return [...source.where, `${time} >= @start and ${time} < @end`, ...profileWhere(source, filters)].join(" and ");
}

/** Best scores and times to complete, counted learner by learner (for a group). */
function moduleMediansOfLearners(filters: StatisticsFilters, months: string[]): Pick<ModuleFigures, "minutes" | "bestScores"> {
  const values = params(filters, months);
  const bestScores = all<Frequency>(
    `select module_id as moduleId, best_score as value, count(*) as n from learner_module_stats s where ${learnerModuleWhere(filters, "s.first_finished_at")} and best_score is not null group by 1, 2`,
    values,
  );
  // Filed like the counters file them (app/models/learner-statistics.server.ts).
  const minutes = all<Frequency>(
    `select module_id as moduleId, case when m < 120 then m when m < 2880 then round(m / 60.0) * 60 else round(m / 1440.0) * 1440 end as value, count(*) as n
     from (select module_id, minutes_to_complete as m from learner_module_stats s where ${learnerModuleWhere(filters, "s.completed_at")} and minutes_to_complete is not null) group by 1, 2`,
    values,
  );
  return { minutes, bestScores };
}

function moduleFiguresOfLearners(filters: StatisticsFilters, months: string[]): ModuleFigures {
  const values = params(filters, months);
  const where = (time: string) => learnerModuleWhere(filters, time);
  const started = all<{ moduleId: string; started: number; startedCompleted: number }>(
    `select module_id as moduleId, count(*) as started, count(completed_at) as startedCompleted from learner_module_stats s where ${where("s.started_at")} group by 1`,
    values,
  );
  const completed = all<{ moduleId: string; completed: number }>(`select module_id as moduleId, count(*) as completed from learner_module_stats s where ${where("s.completed_at")} group by 1`, values);
  const quiz = all<{ moduleId: string; firstAttempts: number; firstPassed: number; passed: number; bestScoreSum: number }>(
    `select module_id as moduleId, count(*) as firstAttempts, sum(first_passed) as firstPassed, sum(passed) as passed, total(best_score) as bestScoreSum
     from learner_module_stats s where ${where("s.first_finished_at")} group by 1`,
    values,
  );
  const rows = new Map<string, ModuleRow>();
  const row = (moduleId: string) => {
    let r = rows.get(moduleId);
    if (!r) rows.set(moduleId, (r = { moduleId, started: 0, startedCompleted: 0, completed: 0, firstAttempts: 0, firstPassed: 0, passed: 0, bestScoreSum: 0 }));
    return r;
  };
  for (const r of started) Object.assign(row(r.moduleId), { started: r.started, startedCompleted: r.startedCompleted });
  for (const r of completed) row(r.moduleId).completed = r.completed;
  for (const r of quiz) Object.assign(row(r.moduleId), r);
  return { rows: [...rows.values()], ...moduleMediansOfLearners(filters, months) };
}
/** Groups to filter and break down by: every group, archived ones too (their learners' figures stay). */
export function listStatisticsGroups() {
  return getDb().select({ id: groups.id, name: groups.name }).from(groups).orderBy(asc(groups.name), asc(groups.id)).all();
}
