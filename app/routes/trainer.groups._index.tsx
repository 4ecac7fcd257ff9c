import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useWorkshopText } from "~/groups/group-ui";
import { listManagedGroups } from "~/models/groups.server";
import type { StringsHandle } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { requirePermission } from "~/utils/session.server";

export const handle: StringsHandle = { i18n: ["groups"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "group:manage");
  const { t } = await getT(request);
  const archived = new URL(request.url).searchParams.get("archived") === "1";
  return { title: `${t(archived ? "groups.list.archivedTitle" : "groups.list.title")} · Trag`, archived, groups: listManagedGroups(user, archived), isAdmin: user.role === "admin" };
}

export default function GroupList() {
  const { t } = useTranslation();
  const { archived, groups, isAdmin } = useLoaderData<typeof loader>();
  const workshopText = useWorkshopText();
  return (
    <div>
      <h1>{t(archived ? "groups.list.archivedTitle" : "groups.list.title")}</h1>
      <p>{t(isAdmin ? "groups.list.introAdmin" : "groups.list.intro")}</p>
      <p className="lesson__tools">
        <Link className="button" to="/trainer/groups/new">
          {t("groups.list.new")}
        </Link>
        <Link to={archived ? "/trainer/groups" : "/trainer/groups?archived=1"}>{t(archived ? "groups.list.showCurrent" : "groups.list.showArchived")}</Link>
      </p>
      {groups.length === 0 ? (
        <p>{t(archived ? "groups.list.noneArchived" : "groups.list.none")}</p>
      ) : (
        <ul className="card-list">
          {groups.map((group) => (
            <li key={group.id} className="card">
              <h2>
                <Link to={`/trainer/groups/${group.id}`}>{group.name}</Link>
              </h2>
              <p>{t("groups.list.members", { count: group.members })}</p>
              {group.workshopDate ? <p className="muted">{workshopText(group)}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
