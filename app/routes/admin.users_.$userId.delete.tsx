import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErasureForm } from "~/accounts/erasure-form";
import { eraseAccount, requireManagedUser } from "~/accounts/personal-data.server";
import { passwordMatches } from "~/models/users.server";
import { getClientAddress } from "~/utils/client-address.server";
import { readForm } from "~/utils/forms.server";
import { invariantResponse } from "~/utils/http.server";
import type { StringsHandle } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";

export const handle: StringsHandle = { i18n: ["security"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

/** The account to delete: not one already deleted, not the admin's own (that is /account/delete). */
async function requireErasable(request: Request, params: LoaderFunctionArgs["params"]) {
  const { admin, target } = await requireManagedUser(request, params);
  invariantResponse(!target.erasedAt, "errors.user.unknown", 404);
  invariantResponse(target.id !== admin.id, "errors.admin.self", 400);
  return { admin, target };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target } = await requireErasable(request, params);
  const { t } = await getT(request);
  return { title: `${t("security.data.admin.deleteTitle", { name: target.fullName })} · Trag`, user: { id: target.id, fullName: target.fullName, email: target.email } };
}

/** Deletes the account once the admin has typed their own password. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { admin, target } = await requireErasable(request, params);
  const formData = await readForm(request);
  invariantResponse(formData.get("intent") === "erase", "errors.form.invalid", 400);
  const password = formData.get("password");
  if (typeof password !== "string" || !(await passwordMatches(admin.id, password))) {
    return data({ error: password ? "errors.password.current" : "errors.field.required" }, { status: 400 });
  }
  invariantResponse(eraseAccount(target.id, { actorId: admin.id, clientAddress: getClientAddress(request, context) }), "errors.user.unknown", 404);
  return redirect("/admin/users?done=erased");
}

export default function AdminDeleteUser() {
  const { t } = useTranslation();
  const { user } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="narrow">
      <h1>{t("security.data.admin.deleteTitle", { name: user.fullName })}</h1>
      <ErasureForm
        strings="security.data.admin"
        intro={t("security.data.admin.deleteIntro", { name: user.fullName, email: user.email })}
        downloadHref={`/admin/users/${user.id}/data`}
        error={result?.error}
      />
      <p>
        <Link to="/admin/users">{t("security.data.admin.back")}</Link>
      </p>
    </div>
  );
}
