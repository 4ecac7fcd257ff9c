import type { ItemSums, QuizSums } from "~/statistics/items";
import { getDb, type Db } from "~/utils/db.server";

/**
 * The item analysis's running sums (item_stats, item_responses, quiz_stats in db/schema.ts). The
 * triggers of migration item_statistics_triggers keep them as attempts finish or are deleted; the
 * same sums are aggregated here from the views item_scores and item_response_parts (the raw rows)
 * for a rebuild and for one group's learners (groups are not a dimension of the summaries).
 * docs/decisions/0009-statistics-summaries.md.
 */

type Keys = { courseId: string; moduleId: string; language: string };
export type ItemSumsRow = Keys & { questionId: string } & ItemSums;
export type PartCountRow = Keys & { questionId: string; part: string; n: number };
export type QuizSumsRow = Keys & QuizSums;

/** Which attempts a query over the raw rows counts: `where` is a condition on item_scores / item_response_parts columns. */
type Scope = { where: string };

/** The language of the rows that count every language: a learner counts once whatever languages they used. */
export const ALL_LANGUAGES = "";

/** Grouped by the attempt's language, and again over all languages. */
const byLanguage = (select: (language: string) => string) => `${select("language")} union all ${select(`'${ALL_LANGUAGES}'`)}`;

// y, the rest of the attempt, is its total (t, the questions' scores added up) less the question's own score.
const itemSumsSql = (scope: Scope) =>
  byLanguage(
    (language) => `select course_id, module_id, question_id, ${language}, count(*), count(distinct user_id), total(x), total(x * x), total(t - x), total((t - x) * (t - x)), total(x * (t - x))
   from (select s.*, total(s.x) over (partition by s.attempt_id) as t from item_scores s where ${scope.where}) where true group by 1, 2, 3, 4`,
  );
const partCountsSql = (scope: Scope) => `select course_id, module_id, question_id, language, part, count(*) from item_response_parts where ${scope.where} group by 1, 2, 3, 4, 5`;
const quizSumsSql = (scope: Scope) =>
  byLanguage(
    (language) => `select course_id, module_id, ${language}, count(*), count(distinct user_id), total(k), total(t), total(t * t)
   from (select attempt_id, user_id, course_id, module_id, language, count(*) as k, total(x) as t from item_scores where ${scope.where} group by attempt_id) where true group by 1, 2, 3`,
  );

/** Recomputes the three tables from the raw rows, replacing what they hold, inside the caller's transaction (rebuildLearnerStatistics's). */
export function rebuildItemStatistics(tx: Db) {
  const client = tx.$client;
  const all: Scope = { where: "true" };
  client.exec("delete from item_stats; delete from item_responses; delete from quiz_stats;");
  client.exec(`insert into item_stats (course_id, module_id, question_id, language, attempts, learners, sum_x, sum_xx, sum_y, sum_yy, sum_xy) ${itemSumsSql(all)}`);
  client.exec(`insert into item_responses (course_id, module_id, question_id, language, part, n) ${partCountsSql(all)}`);
  client.exec(`insert into quiz_stats (course_id, module_id, language, attempts, learners, sum_k, sum_t, sum_tt) ${quizSumsSql(all)}`);
}

/** A database with finished attempts from before the item tables existed has none counted: true when it needs a rebuild. */
export function itemStatisticsMissing(tx: Db): boolean {
  const row = tx.$client.prepare("select not exists (select 1 from quiz_stats) and exists (select 1 from quiz_attempts where status <> 'in-progress') as yes").get() as { yes: number };
  return row.yes === 1;
}

export type ItemFigures = { items: ItemSumsRow[]; parts: PartCountRow[]; quizzes: QuizSumsRow[] };

const ITEM_COLUMNS = ["courseId", "moduleId", "questionId", "language", "attempts", "learners", "sumX", "sumXx", "sumY", "sumYy", "sumXy"] as const;
const PART_COLUMNS = ["courseId", "moduleId", "questionId", "language", "part", "n"] as const;
const QUIZ_COLUMNS = ["courseId", "moduleId", "language", "attempts", "learners", "sumK", "sumT", "sumTt"] as const;

function named<T>(columns: readonly string[], rows: unknown[][]): T[] {
  return rows.map((row) => Object.fromEntries(columns.map((column, i) => [column, row[i]])) as T);
}

/**
 * The sums for a course's quizzes (every module, or one), over every learner (from the summaries)
 * or over one group's current members (from the raw rows).
 */
export function getItemFigures(filter: { courseId: string; moduleId: string | null; groupId: number | null }): ItemFigures {
  const client = getDb().$client;
  const params = { courseId: filter.courseId, moduleId: filter.moduleId ?? "", groupId: filter.groupId ?? 0 };
  const modules = "course_id = @courseId and (@moduleId = '' or module_id = @moduleId)";
  const read = <T>(sql: string, columns: readonly string[]) => named<T>(columns, client.prepare(sql).raw().all(params) as unknown[][]);
  if (filter.groupId === null) {
    return {
      items: read(`select course_id, module_id, question_id, language, attempts, learners, sum_x, sum_xx, sum_y, sum_yy, sum_xy from item_stats where ${modules} and attempts > 0`, ITEM_COLUMNS),
      parts: read(`select course_id, module_id, question_id, language, part, n from item_responses where ${modules} and n > 0`, PART_COLUMNS),
      quizzes: read(`select course_id, module_id, language, attempts, learners, sum_k, sum_t, sum_tt from quiz_stats where ${modules} and attempts > 0`, QUIZ_COLUMNS),
    };
  }
  const scope: Scope = { where: `${modules} and user_id in (select user_id from group_members where group_id = @groupId)` };
  return {
    items: read(itemSumsSql(scope), ITEM_COLUMNS),
    parts: read(partCountsSql(scope), PART_COLUMNS),
    quizzes: read(quizSumsSql(scope), QUIZ_COLUMNS),
  };
}
