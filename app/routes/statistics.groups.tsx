import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { loadDashboard } from "~/statistics/dashboard.server";
import { filtersToSearch } from "~/statistics/filters";
import stylesUrl from "~/styles/statistics.css?url";
import type { StringsHandle } from "~/utils/i18n";
import { Filters, FiguresTable } from "./statistics._index";

export const handle: StringsHandle = { i18n: ["statistics", "profile"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesUrl }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

/** The breakdown by group, with the dashboard's filters: a learner in several groups counts in each. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { filters, dashboard, labels, options } = await loadDashboard(request, { withGroups: true });
  return {
    title: `${labels.t("statistics.tables.group")} · ${labels.t("statistics.title")} · Trag`,
    filters,
    table: dashboard.group,
    moduleTitles: labels.moduleTitles,
    groupNames: labels.groupNames,
    options,
    search: filtersToSearch(filters).toString(),
  };
}

export default function StatisticsGroups() {
  const { t } = useTranslation();
  const { table, search } = useLoaderData<typeof loader>();
  return (
    <div className="statistics">
      <p>
        <Link to={`/statistics?${search}`}>{t("statistics.backToDashboard")}</Link>
      </p>
      <h1 id="table-group">{t("statistics.tables.group")}</h1>
      <p>{t("statistics.groupsIntro")}</p>
      <Filters action="/statistics/groups" />
      <p className="statistics-note">{t("statistics.suppressedNote")}</p>
      {table.rows.length === 0 ? <p>{t("statistics.noGroups")}</p> : <FiguresTable table={table} search={search} />}
    </div>
  );
}
