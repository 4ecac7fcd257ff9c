import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/csrf-input";
import { requireManagedGroup } from "~/groups/guards.server";
import { GroupHeader } from "~/groups/group-ui";
import { UserIdFieldSchema } from "~/groups/schemas";
import { listGroupMembers, removeGroupMember } from "~/models/groups.server";
import { readForm } from "~/utils/forms.server";
import { invariantResponse } from "~/utils/http.server";
import type { StringsHandle } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { createDateFormat } from "~/utils/dates";

export const handle: StringsHandle = { i18n: ["groups"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group } = await requireManagedGroup(request, params);
  const { t } = await getT(request);
  return { title: `${t("groups.pageTitle", { page: t("groups.members.title"), group: group.name })} · Trag`, group, members: listGroupMembers(group.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { group } = await requireManagedGroup(request, params);
  const formData = await readForm(request);
  invariantResponse(formData.get("intent") === "remove", "errors.form.invalid", 400);
  const parsed = UserIdFieldSchema.safeParse(Object.fromEntries(formData));
  invariantResponse(parsed.success, "errors.form.invalid", 400);
  // Someone not in this group answers like an unknown one: nothing about other groups' learners.
  invariantResponse(removeGroupMember(group.id, parsed.data.userId), "groups.errors.notMember", 404);
  return data({ done: "groups.members.removed" });
}

export default function GroupMembers() {
  const { t, i18n } = useTranslation();
  const { group, members } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const dateFormat = createDateFormat(i18n.language, { dateStyle: "medium" });
  return (
    <div>
      <GroupHeader group={group} title={t("groups.members.title")} />
      {result?.done ? (
        <p role="status" className="notice">
          {t(result.done)}
        </p>
      ) : null}
      <p className="lesson__tools">
        <Link className="button" to={`/trainer/groups/${group.id}/import`}>
          {t("groups.members.import")}
        </Link>
      </p>
      <p>{t("groups.members.count", { count: members.length })}</p>
      {members.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("groups.members.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("fields.fullName")}</th>
                <th scope="col">{t("fields.email")}</th>
                <th scope="col">{t("fields.institutionType")}</th>
                <th scope="col">{t("groups.members.joined")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("groups.members.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <tr key={member.id}>
                  <th scope="row">{member.fullName}</th>
                  <td>{member.email}</td>
                  <td>{t(`institutions.${member.institutionType}`)}</td>
                  <td>{dateFormat.format(new Date(member.joinedAt))}</td>
                  <td>
                    <Form method="post" className="inline-form">
                      <CsrfInput />
                      <input type="hidden" name="userId" value={member.id} />
                      <button type="submit" name="intent" value="remove" aria-label={t("groups.members.removeName", { name: member.fullName })}>
                        {t("groups.members.remove")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className="muted">{t("groups.members.removeHint")}</p>
    </div>
  );
}
