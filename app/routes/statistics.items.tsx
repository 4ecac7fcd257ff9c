import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ItemAnalysisPage } from "~/statistics/item-analysis";
import { itemSearch, loadItemAnalysis, requireItemReader } from "~/statistics/items.server";
import stylesUrl from "~/styles/statistics.css?url";
import type { StringsHandle } from "~/utils/i18n";

export const handle: StringsHandle = { i18n: ["statistics"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesUrl }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

/** GET /statistics/items?course&module[&group]: item analysis over every learner, or one group. Reviewers and admins. */
export async function loader({ request }: LoaderFunctionArgs) {
  const who = await requireItemReader(request);
  const { t, language: _language, ...view } = await loadItemAnalysis(request, who);
  return {
    ...view,
    title: `${t("statistics.items.title")} · ${t("statistics.title")} · Trag`,
    heading: view.group ? t("statistics.items.titleForGroup", { group: view.group.name }) : t("statistics.items.title"),
    groups: who.groups,
    path: "/statistics/items",
    search: itemSearch({ t, language: _language, ...view }, true),
  };
}

export default function StatisticsItems() {
  const data = useLoaderData<typeof loader>();
  return <ItemAnalysisPage data={data} title={data.heading} />;
}
