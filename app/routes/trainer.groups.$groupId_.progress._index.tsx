import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { INSTITUTION_TYPES } from "~/accounts/constants";
import { requireManagedGroup } from "~/groups/guards.server";
import { GroupHeader } from "~/groups/group-ui";
import { CELL_STATUSES, GRID_ORDERS, GRID_SORTS } from "~/progress/grid";
import { buildProgressGrid, parseGridQuery } from "~/progress/grid.server";
import { renderGridTable } from "~/progress/grid-table.server";
import { exportPath } from "~/progress/paths";
import progressStyles from "~/styles/progress.css?url";
import type { StringsHandle } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { htmlFragment, useHtmlFragment } from "~/utils/html-fragments";

export const handle: StringsHandle = { i18n: ["progress", "groups"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: progressStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · Trag` : "Trag" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { group } = await requireManagedGroup(request, params);
  const url = new URL(request.url);
  const query = parseGridQuery(url);
  const { t, language } = await getT(request);
  const grid = buildProgressGrid(group.id, language, query, new Date());
  const title = t("progress.grid.title", { group: group.name });
  // The table is HTML made on the server and sent once; it has no email addresses (the exports do).
  const table = grid.rows.length > 0 ? htmlFragment(context, GRID_TABLE_ID, renderGridTable(grid, { groupId: group.id, title, query, language, t })) : null;
  return {
    title,
    group: { id: group.id, name: group.name, archivedAt: group.archivedAt },
    query,
    search: url.search,
    columnCount: grid.columns.length,
    learnerCount: grid.learnerCount,
    shown: grid.rows.length,
    table,
  };
}

const GRID_TABLE_ID = "progress-grid";

/** The loader's table: from loader data, or on the document's first render from the load context or the page. */
function GridTable({ html }: { html: string | null }) {
  return <div className="table-wrap" id={GRID_TABLE_ID} dangerouslySetInnerHTML={{ __html: useHtmlFragment(GRID_TABLE_ID, html) }} />;
}

export default function ProgressGridPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <div>
      <GroupHeader group={data.group} title={t("groups.nav.progress")} />
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
        <a href={exportPath(data.group.id, "csv", data.search)} download>
          CSV
        </a>
        <a href={exportPath(data.group.id, "xlsx", data.search)} download>
          Excel (XLSX)
        </a>
      </p>
      <p role="status">{t("progress.grid.showing", { shown: data.shown, count: data.learnerCount })}</p>
      {data.columnCount === 0 ? <p>{t("progress.grid.noModules")}</p> : null}
      {data.learnerCount === 0 ? <p>{t("progress.grid.noLearners")}</p> : data.shown === 0 ? <p>{t("progress.grid.noMatches")}</p> : null}
      {data.shown > 0 ? <GridTable html={data.table} /> : null}
    </div>
  );
}
