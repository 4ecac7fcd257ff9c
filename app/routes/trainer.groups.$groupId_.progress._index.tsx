import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { INSTITUTION_TYPES } from "~/accounts/constants";
import { requireManagedGroup } from "~/groups/guards.server";
import { CELL_STATUSES, GRID_ORDERS, GRID_SORTS, statusKey } from "~/progress/grid";
import { buildProgressGrid, parseGridQuery, type GridCell, type GridColumn } from "~/progress/grid.server";
import { progressFormats } from "~/progress/format";
import { cellPath, exportPath } from "~/progress/paths";
import progressStyles from "~/styles/progress.css?url";
import type { StringsHandle } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";

export const handle: StringsHandle = { i18n: ["progress"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: progressStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · Trag` : "Trag" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group } = await requireManagedGroup(request, params);
  const url = new URL(request.url);
  const query = parseGridQuery(url);
  const { t, language } = await getT(request);
  const grid = buildProgressGrid(group.id, language, query, new Date());
  // The page shows no email addresses (the exports do): 500 of them are not sent to the browser.
  const rows = grid.rows.map(({ learner: { email: _email, ...learner }, ...row }) => ({ ...row, learner }));
  return { title: t("progress.grid.title", { group: group.name }), groupId: group.id, query, search: url.search, columns: grid.columns, learnerCount: grid.learnerCount, rows };
}

type Formats = ReturnType<typeof progressFormats>;

/** Translates once per distinct key and values: a grid of 500 × 8 cells repeats the same few texts. */
function useMemoisedT() {
  const { t } = useTranslation();
  const cache = new Map<string, string>();
  return (key: string, values?: Record<string, string | number | null>) => {
    const id = values ? `${key} ${JSON.stringify(values)}` : key;
    let text = cache.get(id);
    if (text === undefined) cache.set(id, (text = t(key, values ?? {})));
    return text;
  };
}

/** What a cell says: its status, then lessons, attempts or the best score and date. */
function CellText({ cell, column, formats, t }: { cell: GridCell; column: GridColumn; formats: Formats; t: ReturnType<typeof useMemoisedT> }) {
  const lessons = t("progress.cell.lessons", { done: cell.lessonsDone, total: column.lessonsTotal });
  const details: string[] = [];
  if (cell.status === "passed") {
    if (cell.bestScore !== null) details.push(formats.percent(cell.bestScore));
    if (cell.completedAt !== null) details.push(formats.date(cell.completedAt));
  } else if (cell.status === "failed") {
    details.push(t("progress.cell.attempts", { used: cell.attemptsUsed, allowed: cell.attemptsAllowed }));
    if (cell.bestScore !== null) details.push(t("progress.cell.best", { score: formats.percent(cell.bestScore) }));
  } else if (cell.status !== "not-started" || cell.lessonsDone > 0) {
    details.push(lessons);
    if (cell.quizPassed) details.push(t("progress.cell.quizPassed"));
  }
  return (
    <>
      <span className="grid-cell__status">{t(statusKey(cell, column))}</span>
      {details.length > 0 ? <span>{details.join(" · ")}</span> : null}
    </>
  );
}

export default function ProgressGridPage() {
  const { t, i18n } = useTranslation();
  const cellT = useMemoisedT();
  const data = useLoaderData<typeof loader>();
  const formats = progressFormats(i18n.language);
  const sortedBy = (sort: string) => (data.query.sort === sort ? (data.query.order === "asc" ? "ascending" : "descending") : undefined);
  return (
    <div>
      <h1>{data.title}</h1>
      <Form method="get">
        <fieldset className="grid-controls">
          <legend>{t("progress.grid.filters")}</legend>
          <div className="field">
            <label htmlFor="grid-status">{t("progress.grid.status")}</label>
            <select id="grid-status" name="status" defaultValue={data.query.status ?? ""}>
              <option value="">{t("progress.grid.all")}</option>
              {CELL_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`progress.status.${status}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="grid-institution">{t("progress.grid.institution")}</label>
            <select id="grid-institution" name="institution" defaultValue={data.query.institution ?? ""}>
              <option value="">{t("progress.grid.all")}</option>
              {INSTITUTION_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`institutions.${type}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="grid-sort">{t("progress.grid.sort")}</label>
            <select id="grid-sort" name="sort" defaultValue={data.query.sort}>
              {GRID_SORTS.map((sort) => (
                <option key={sort} value={sort}>
                  {t(`progress.grid.sorts.${sort}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="grid-order">{t("progress.grid.order")}</label>
            <select id="grid-order" name="order" defaultValue={data.query.order}>
              {GRID_ORDERS.map((order) => (
                <option key={order} value={order}>
                  {t(`progress.grid.orders.${order}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            {t("progress.grid.apply")}
          </button>
        </fieldset>
      </Form>
      <p className="grid-downloads">
        <span>{t("progress.grid.download")}:</span>
        <a href={exportPath(data.groupId, "csv", data.search)} download>
          CSV
        </a>
        <a href={exportPath(data.groupId, "xlsx", data.search)} download>
          Excel (XLSX)
        </a>
      </p>
      <p role="status">{t("progress.grid.showing", { shown: data.rows.length, count: data.learnerCount })}</p>
      {data.columns.length === 0 ? <p>{t("progress.grid.noModules")}</p> : null}
      {data.learnerCount === 0 ? <p>{t("progress.grid.noLearners")}</p> : data.rows.length === 0 ? <p>{t("progress.grid.noMatches")}</p> : null}
      {data.rows.length > 0 ? (
        <div className="table-wrap">
          <table className="progress-grid">
            <caption className="visually-hidden">{data.title}</caption>
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
                {data.columns.map((column) => (
                  <th key={`${column.courseId}/${column.moduleId}`} scope="col">
                    {column.title}
                    <span className="module-due">{t("progress.grid.due", { date: formats.date(column.dueAt) })}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => (
                <tr key={row.learner.id}>
                  <th scope="row">{row.learner.fullName}</th>
                  <td>{cellT(`institutions.${row.learner.institutionType}`)}</td>
                  <td>{formats.percent(row.percent)}</td>
                  <td>{row.lastActivityAt === null ? t("progress.grid.never") : formats.date(row.lastActivityAt)}</td>
                  {row.cells.map((cell, i) => {
                    const column = data.columns[i];
                    return (
                      <td key={`${column.courseId}/${column.moduleId}`} className={`grid-cell grid-cell--${cell.status}`}>
                        <a href={cellPath(data.groupId, row.learner.id, column)}>
                          <CellText cell={cell} column={column} formats={formats} t={cellT} />
                        </a>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
