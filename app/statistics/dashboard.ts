import { DISTRICTS, INSTITUTION_TYPES, USER_LANGUAGES } from "~/accounts/constants";
import { MIN_LEARNERS, protectCount, protectPartition, protectRate, protectStatistic, type Protected } from "./suppression";

/**
 * The dashboard's tables, built from the raw counts (app/models/statistics.server.ts) with every
 * figure protected (app/statistics/suppression.ts). Pure: the page, the CSV and XLSX exports and
 * the PDF all show these tables and nothing else.
 */

export const COUNT_COLUMNS = ["registered", "active", "started", "courseCompleters", "certificatesIssued"] as const;
export type CountColumn = (typeof COUNT_COLUMNS)[number];

type Profile = { institutionType: string; district: string | null; language: string };
type MonthCell = { month: string; learners: number; events: number };
type PeriodCell = Profile & { learners: number; events: number };
type GroupCell = { groupId: number; learners: number; events: number };
export type RawCounts = Record<CountColumn, { byMonth: MonthCell[]; byProfile: PeriodCell[]; byGroup: GroupCell[] }>;
export type RawModuleRow = { moduleId: string; started: number; startedCompleted: number; completed: number; firstAttempts: number; firstPassed: number; passed: number; bestScoreSum: number };
export type RawFrequency = { moduleId: string; value: number; n: number };
export type RawModules = { rows: RawModuleRow[]; minutes: RawFrequency[]; bestScores: RawFrequency[] };

export const MODULE_COLUMNS = ["began", "completed", "completionRate", "medianMinutes", "firstAttempts", "firstPassRate", "passRate", "meanBestScore", "medianBestScore"] as const;
export type ModuleColumn = (typeof MODULE_COLUMNS)[number];

export const TOTAL_ROWS = [
  "registered",
  "active",
  "started",
  "moduleCompletions",
  "courseCompleters",
  "certificatesIssued",
  "certificatesRevoked",
  "firstPassRate",
  "passRate",
  "meanBestScore",
  "medianBestScore",
] as const;
export type TotalRow = (typeof TOTAL_ROWS)[number];

/** How a column's numbers read: learners, a share (0–1), a score (0–100), minutes, a coefficient (−1 to 1: the item analysis's indices). */
export type ValueKind = "count" | "rate" | "score" | "minutes" | "index";

export const BREAKDOWNS = ["institution", "district", "language", "group", "month"] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];
export type TableId = "totals" | "modules" | Breakdown;

export type Row = { key: string; cells: Protected[] };
export type Table = { id: TableId; columns: readonly string[]; kinds: ValueKind[]; rows: Row[]; total: Protected[] | null };

const kindOf = (column: string): ValueKind => (/Rate$/.test(column) ? "rate" : /Score$/.test(column) ? "score" : column === "medianMinutes" ? "minutes" : "count");

/** The median of values given with how often each occurs; null when there are none. */
export function medianOf(frequencies: { value: number; n: number }[]): number | null {
  const sorted = frequencies.filter((f) => f.n > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, f) => sum + f.n, 0);
  if (total === 0) return null;
  const at = (position: number) => {
    let seen = 0;
    for (const f of sorted) {
      seen += f.n;
      if (position < seen) return f.value;
    }
    return sorted.at(-1)!.value;
  };
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

/**
 * A column of learner counts with its total: when the cells add up to the total (each learner in
 * one cell), they are protected as a partition (complementary suppression); otherwise (a learner
 * can be in several cells: months of activity, groups) each cell on its own.
 */
function protectColumn(cells: number[], total: number | null): { cells: Protected[]; total: Protected } {
  const sum = cells.reduce((a, b) => a + b, 0);
  if (total === null) return { cells: cells.map(protectCount), total: null };
  if (sum === total) return protectPartition(cells, total);
  return { cells: cells.map(protectCount), total: protectCount(total) };
}

function columnsToRows(keys: string[], columns: { cells: Protected[]; total: Protected }[]): { rows: Row[]; total: Protected[] } {
  return {
    rows: keys.map((key, i) => ({ key, cells: columns.map((c) => c.cells[i]) })),
    total: columns.map((c) => c.total),
  };
}

const sumBy = <T>(rows: T[], pick: (row: T) => number) => rows.reduce((sum, row) => sum + pick(row), 0);

/** Period totals of learners per count: each learner sits in one profile cell, so the cells add up. */
function periodLearners(raw: RawCounts, column: CountColumn) {
  return sumBy(raw[column].byProfile, (r) => r.learners);
}

function profileBreakdown(raw: RawCounts, id: "institution" | "district" | "language"): Table {
  const keys: string[] = id === "institution" ? [...INSTITUTION_TYPES] : id === "district" ? [...DISTRICTS, "none"] : [...USER_LANGUAGES];
  const keyOf = (r: Profile) => (id === "institution" ? r.institutionType : id === "district" ? (r.district ?? "none") : r.language);
  const columns = COUNT_COLUMNS.map((column) => {
    const cells = keys.map((key) =>
      sumBy(
        raw[column].byProfile.filter((r) => keyOf(r) === key),
        (r) => r.learners,
      ),
    );
    return protectColumn(cells, periodLearners(raw, column));
  });
  return { id, columns: COUNT_COLUMNS, kinds: COUNT_COLUMNS.map(kindOf), ...columnsToRows(keys, columns) };
}

function monthBreakdown(raw: RawCounts, months: string[]): Table {
  const columns = COUNT_COLUMNS.map((column) => {
    const byMonth = new Map(raw[column].byMonth.map((r) => [r.month, r.learners]));
    const cells = months.map((month) => byMonth.get(month) ?? 0);
    return protectColumn(cells, periodLearners(raw, column));
  });
  return { id: "month", columns: COUNT_COLUMNS, kinds: COUNT_COLUMNS.map(kindOf), ...columnsToRows(months, columns) };
}

function groupBreakdown(raw: RawCounts, groupIds: number[]): Table {
  // A learner can be in several groups and in none: the cells do not add up to anything shown.
  const keys = groupIds.filter((id) => COUNT_COLUMNS.some((c) => raw[c].byGroup.some((r) => r.groupId === id && r.learners > 0)));
  const columns = COUNT_COLUMNS.map((column) =>
    protectColumn(
      keys.map((id) => raw[column].byGroup.find((r) => r.groupId === id)?.learners ?? 0),
      null,
    ),
  );
  return { id: "group", columns: COUNT_COLUMNS, kinds: COUNT_COLUMNS.map(kindOf), rows: keys.map((id, i) => ({ key: String(id), cells: columns.map((c) => c.cells[i]) })), total: null };
}

function moduleTable(modules: RawModules, moduleIds: string[]): Table {
  const byId = new Map(modules.rows.map((r) => [r.moduleId, r]));
  const empty = (moduleId: string): RawModuleRow => ({ moduleId, started: 0, startedCompleted: 0, completed: 0, firstAttempts: 0, firstPassed: 0, passed: 0, bestScoreSum: 0 });
  const rows = moduleIds.map((id) => byId.get(id) ?? empty(id));
  // Completions per module add up to the module completions in the totals: protected together.
  const completed = protectPartition(rows.map((r) => r.completed));
  return {
    id: "modules",
    columns: MODULE_COLUMNS,
    kinds: MODULE_COLUMNS.map(kindOf),
    rows: rows.map((r, i) => {
      const minutes = medianOf(modules.minutes.filter((f) => f.moduleId === r.moduleId));
      const best = medianOf(modules.bestScores.filter((f) => f.moduleId === r.moduleId));
      return {
        key: r.moduleId,
        cells: [
          protectCount(r.started),
          completed.cells[i],
          protectRate(r.startedCompleted, r.started),
          protectStatistic(minutes, r.completed),
          protectCount(r.firstAttempts),
          protectRate(r.firstPassed, r.firstAttempts),
          protectRate(r.passed, r.firstAttempts),
          protectStatistic(r.firstAttempts > 0 ? r.bestScoreSum / r.firstAttempts : null, r.firstAttempts),
          protectStatistic(best, r.firstAttempts),
        ],
      };
    }),
    total: null,
  };
}

/**
 * Figures over every module count a learner once per module. The most learners any one module has
 * is a lower bound of how many different learners are behind them: they are shown only when that
 * bound is at least five.
 */
function atLeastFiveLearners(modules: RawModules, count: (row: RawModuleRow) => number) {
  return Math.max(0, ...modules.rows.map(count)) >= MIN_LEARNERS;
}

function totalsTable(raw: RawCounts, modules: RawModules, revoked: number): Table {
  const learners = (column: CountColumn) => protectCount(periodLearners(raw, column));
  const completions = sumBy(modules.rows, (r) => r.completed);
  const pairs = sumBy(modules.rows, (r) => r.firstAttempts);
  const enough = atLeastFiveLearners(modules, (r) => r.firstAttempts);
  const values: Record<TotalRow, Protected> = {
    registered: learners("registered"),
    active: learners("active"),
    started: learners("started"),
    moduleCompletions: completions === 0 ? 0 : atLeastFiveLearners(modules, (r) => r.completed) ? completions : null,
    courseCompleters: learners("courseCompleters"),
    certificatesIssued: learners("certificatesIssued"),
    certificatesRevoked: protectCount(revoked),
    firstPassRate: enough
      ? protectRate(
          sumBy(modules.rows, (r) => r.firstPassed),
          pairs,
        )
      : null,
    passRate: enough
      ? protectRate(
          sumBy(modules.rows, (r) => r.passed),
          pairs,
        )
      : null,
    meanBestScore: enough && pairs > 0 ? sumBy(modules.rows, (r) => r.bestScoreSum) / pairs : null,
    medianBestScore: enough ? medianOf(modules.bestScores) : null,
  };
  return { id: "totals", columns: ["value"], kinds: ["count"], rows: TOTAL_ROWS.map((key) => ({ key, cells: [values[key]] })), total: null };
}

/** The kind of each figure in the totals table (its one column holds several kinds). */
export const TOTAL_KINDS: Record<TotalRow, ValueKind> = Object.fromEntries(TOTAL_ROWS.map((row) => [row, kindOf(row)])) as Record<TotalRow, ValueKind>;

export type Dashboard = Record<TableId, Table>;

export function buildDashboard(input: { counts: RawCounts; modules: RawModules; revoked: number; months: string[]; moduleIds: string[]; groupIds: number[] }): Dashboard {
  const { counts, modules } = input;
  return {
    totals: totalsTable(counts, modules, input.revoked),
    modules: moduleTable(modules, input.moduleIds),
    institution: profileBreakdown(counts, "institution"),
    district: profileBreakdown(counts, "district"),
    language: profileBreakdown(counts, "language"),
    group: groupBreakdown(counts, input.groupIds),
    month: monthBreakdown(counts, input.months),
  };
}
