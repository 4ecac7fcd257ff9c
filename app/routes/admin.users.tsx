import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ROLES } from "~/accounts/constants";
import { RoleChangeSchema, UserToggleSchema } from "~/accounts/schemas";
import { CsrfInput } from "~/components/csrf-input";
import { deleteUserSessions } from "~/models/sessions.server";
import { listUsers, setUserActive, setUserRole } from "~/models/users.server";
import { getClientAddress } from "~/utils/client-address.server";
import { readForm } from "~/utils/forms.server";
import { invariantResponse } from "~/utils/http.server";
import type { StringsHandle } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { requirePermission } from "~/utils/session.server";
import { SearchForm } from "~/components/search-form";
import { createDateFormat } from "~/utils/dates";

export const handle: StringsHandle = { i18n: ["security"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, "user:manage");
  const { t } = await getT(request);
  const query = new URL(request.url).searchParams;
  const search = (query.get("q") ?? "").slice(0, 200);
  return { title: `${t("admin.users.title")} · Trag`, users: listUsers(search), adminId: admin.id, erased: query.get("done") === "erased" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "user:manage");
  const source = { actorId: admin.id, clientAddress: getClientAddress(request, context) };
  const fields = Object.fromEntries(await readForm(request));
  const intent = fields.intent;
  if (intent === "role") {
    const parsed = RoleChangeSchema.safeParse(fields);
    invariantResponse(parsed.success, "errors.form.invalid", 400);
    invariantResponse(parsed.data.userId !== admin.id, "errors.admin.self", 400);
    invariantResponse(setUserRole(parsed.data.userId, parsed.data.role, source), "errors.user.unknown", 404);
    return data({ done: "admin.users.roleChanged" });
  }
  invariantResponse(intent === "deactivate" || intent === "activate", "errors.form.invalid", 400);
  const parsed = UserToggleSchema.safeParse(fields);
  invariantResponse(parsed.success, "errors.form.invalid", 400);
  invariantResponse(parsed.data.userId !== admin.id, "errors.admin.self", 400);
  invariantResponse(setUserActive(parsed.data.userId, intent === "activate", source), "errors.user.unknown", 404);
  if (intent === "deactivate") deleteUserSessions(parsed.data.userId);
  return data({ done: intent === "activate" ? "admin.users.activated" : "admin.users.deactivated" });
}

export default function AdminUsers() {
  const { t, i18n } = useTranslation();
  const { users, adminId, erased } = useLoaderData<typeof loader>();
  const dateFormat = createDateFormat(i18n.language, { dateStyle: "medium" });
  return (
    <div>
      <h1>{t("admin.users.title")}</h1>
      {erased ? (
        <p className="notice" role="status">
          {t("security.data.admin.deleted")}
        </p>
      ) : null}
      <SearchForm id="user-search" label={t("admin.users.search")} button={t("admin.users.searchButton")} />
      <p role="status">{t("admin.users.count", { count: users.length })}</p>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t("admin.users.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("fields.fullName")}</th>
              <th scope="col">{t("fields.email")}</th>
              <th scope="col">{t("fields.institutionType")}</th>
              <th scope="col">{t("admin.users.registered")}</th>
              <th scope="col">{t("admin.users.role")}</th>
              <th scope="col">{t("admin.users.status")}</th>
              <th scope="col">{t("security.data.admin.column")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) =>
              user.erasedAt ? (
                <tr key={user.id}>
                  <th scope="row">{t("security.data.admin.erased")}</th>
                  <td />
                  <td>{t(`institutions.${user.institutionType}`)}</td>
                  <td>{dateFormat.format(new Date(user.createdAt))}</td>
                  <td>{t(`roles.${user.role}`)}</td>
                  <td>{t("admin.users.inactive")}</td>
                  <td />
                </tr>
              ) : (
                <tr key={user.id}>
                  <th scope="row">{user.fullName}</th>
                  <td>{user.email}</td>
                  <td>{t(`institutions.${user.institutionType}`)}</td>
                  <td>{dateFormat.format(new Date(user.createdAt))}</td>
                  <td>
                    {user.id === adminId ? (
                      t(`roles.${user.role}`)
                    ) : (
                      <Form method="post" className="inline-form">
                        <CsrfInput />
                        <input type="hidden" name="userId" value={user.id} />
                        <label className="visually-hidden" htmlFor={`role-${user.id}`}>
                          {t("admin.users.roleFor", { name: user.fullName })}
                        </label>
                        <select id={`role-${user.id}`} name="role" defaultValue={user.role}>
                          {ROLES.map((role) => (
                            <option key={role} value={role}>
                              {t(`roles.${role}`)}
                            </option>
                          ))}
                        </select>
                        <button type="submit" name="intent" value="role">
                          {t("admin.users.changeRole")}
                        </button>
                      </Form>
                    )}
                  </td>
                  <td>
                    {user.active ? t("admin.users.active") : t("admin.users.inactive")}
                    {user.id === adminId ? null : (
                      <Form method="post" className="inline-form">
                        <CsrfInput />
                        <input type="hidden" name="userId" value={user.id} />
                        <button
                          type="submit"
                          name="intent"
                          value={user.active ? "deactivate" : "activate"}
                          aria-label={t(user.active ? "admin.users.deactivateName" : "admin.users.activateName", { name: user.fullName })}
                        >
                          {t(user.active ? "admin.users.deactivate" : "admin.users.activate")}
                        </button>
                      </Form>
                    )}
                  </td>
                  <td>
                    <a href={`/admin/users/${user.id}/data`} download aria-label={t("security.data.admin.downloadName", { name: user.fullName })}>
                      {t("security.data.admin.download")}
                    </a>
                    {user.id === adminId ? null : (
                      <>
                        {" · "}
                        <Link to={`/admin/users/${user.id}/delete`} aria-label={t("security.data.admin.deleteName", { name: user.fullName })}>
                          {t("security.data.admin.delete")}
                        </Link>
                      </>
                    )}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
