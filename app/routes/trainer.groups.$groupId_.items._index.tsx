import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireManagedGroup } from "~/groups/guards.server";
import { ItemAnalysisPage } from "~/statistics/item-analysis";
import { itemSearch, loadItemAnalysis } from "~/statistics/items.server";
import stylesUrl from "~/styles/statistics.css?url";
import type { StringsHandle } from "~/utils/i18n";

export const handle: StringsHandle = { i18n: ["statistics"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesUrl }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

/** GET /trainer/groups/:groupId/items?course&module: item analysis over the group's learners, for its trainers (404 for any other group). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group } = await requireManagedGroup(request, params);
  const { t, language, ...view } = await loadItemAnalysis(request, { groupId: group.id, groupName: group.name });
  const heading = t("statistics.items.titleForGroup", { group: group.name });
  return { ...view, title: `${heading} · Trag`, heading, groups: null, path: `/trainer/groups/${group.id}/items`, search: itemSearch({ t, language, ...view }, false) };
}

export default function GroupItems() {
  const data = useLoaderData<typeof loader>();
  return <ItemAnalysisPage data={data} title={data.heading} />;
}
