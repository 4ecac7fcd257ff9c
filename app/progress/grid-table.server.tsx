import type { TFunction } from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import type { Language } from "~/content/localized";
import { progressFormats } from "./format";
import { statusKey } from "./grid";
import type { GridCell, GridColumn, GridQuery, ProgressGrid } from "./grid.server";
import { cellPath } from "./paths";

/** Translates once per distinct key and values: 500 × 9 cells say the same few things. */
function memoised(t: TFunction) {
  const cache = new Map<string, string>();
  return (key: string, values?: Record<string, string | number | null>) => {
    const id = values ? `${key} ${JSON.stringify(values)}` : key;
    let text = cache.get(id);
    if (text === undefined) cache.set(id, (text = t(key, values ?? {})));
    return text;
  };
}

type Texts = { t: ReturnType<typeof memoised>; formats: ReturnType<typeof progressFormats> };

/** What a cell says after its status: lessons done, or attempts used, or the best score and the day. */
function cellDetails(cell: GridCell, column: GridColumn, { t, formats }: Texts): string {
  const details: string[] = [];
  if (cell.status === "passed") {
    if (cell.bestScore !== null) details.push(formats.percent(cell.bestScore));
    if (cell.completedAt !== null) details.push(formats.date(cell.completedAt));
  } else if (cell.status === "failed") {
    details.push(t("progress.cell.attempts", { used: cell.attemptsUsed, allowed: cell.attemptsAllowed }));
    if (cell.bestScore !== null) details.push(t("progress.cell.best", { score: formats.percent(cell.bestScore) }));
  } else if (cell.status !== "not-started" || cell.lessonsDone > 0) {
    details.push(t("progress.cell.lessons", { done: cell.lessonsDone, total: column.lessonsTotal }));
    if (cell.quizPassed) details.push(t("progress.cell.quizPassed"));
  }
  return details.join(" · ");
}

/**
 * The whole grid as one table, rendered to static HTML on the server (decision 0011). A cell is
 * a link whose first line is the status and whose class is the status, nothing repeated:
 * 500 learners × 9 modules were 1.5 MB of markup and loader data, and React's streaming renderer
 * spent most of a request on them. The page takes this HTML as a fragment (app/utils/html-fragments.ts).
 */
export function renderGridTable(grid: ProgressGrid, input: { groupId: number; title: string; query: GridQuery; language: Language; t: TFunction }): string {
  const { groupId, title, query, t } = input;
  const texts: Texts = { t: memoised(t), formats: progressFormats(input.language) };
  const { formats } = texts;
  const sortedBy = (sort: string) => (query.sort === sort ? (query.order === "asc" ? "ascending" : "descending") : undefined);
  return renderToStaticMarkup(
    <table className="progress-grid">
      <caption className="visually-hidden">{title}</caption>
      <thead>
        <tr>
          <th scope="col" aria-sort={sortedBy("name")}>
            {t("progress.grid.learner")}
          </th>
          <th scope="col">{t("progress.grid.institutionColumn")}</th>
          <th scope="col" aria-sort={sortedBy("progress")}>
            {t("progress.grid.percent")}
          </th>
          <th scope="col" aria-sort={sortedBy("activity")}>
            {t("progress.grid.lastActivity")}
          </th>
          {grid.columns.map((column) => (
            <th key={`${column.courseId}/${column.moduleId}`} scope="col">
              {column.title}
              <span className="module-due">{t("progress.grid.due", { date: formats.date(column.dueAt) })}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {grid.rows.map((row) => (
          <tr key={row.learner.id}>
            <th scope="row">{row.learner.fullName}</th>
            <td>{texts.t(`institutions.${row.learner.institutionType}`)}</td>
            <td>{formats.percent(row.percent)}</td>
            <td>{row.lastActivityAt === null ? texts.t("progress.grid.never") : formats.date(row.lastActivityAt)}</td>
            {row.cells.map((cell, i) => {
              const column = grid.columns[i];
              const details = cellDetails(cell, column, texts);
              return (
                <td key={i} className={cell.status}>
                  <a href={cellPath(groupId, row.learner.id, column)}>
                    {texts.t(statusKey(cell, column))}
                    {details ? <br /> : null}
                    {details || null}
                  </a>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>,
  );
}
