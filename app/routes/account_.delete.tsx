import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErasureForm } from "~/accounts/erasure-form";
import { eraseAccount } from "~/accounts/personal-data.server";
import { passwordMatches } from "~/models/users.server";
import { getClientAddress } from "~/utils/client-address.server";
import { readForm } from "~/utils/forms.server";
import { invariantResponse } from "~/utils/http.server";
import type { StringsHandle } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { endSession, requireUser } from "~/utils/session.server";

export const handle: StringsHandle = { i18n: ["security"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const { t } = await getT(request);
  return { title: `${t("security.data.deleteTitle")} · Trag` };
}

/** Deletes the signed-in user's account once they have typed their password, then signs them out. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  invariantResponse(formData.get("intent") === "erase", "errors.form.invalid", 400);
  const password = formData.get("password");
  if (typeof password !== "string" || !(await passwordMatches(user.id, password))) {
    return data({ error: password ? "errors.password.current" : "errors.field.required" }, { status: 400 });
  }
  eraseAccount(user.id, { actorId: user.id, clientAddress: getClientAddress(request, context) });
  return endSession(request, "/account-deleted");
}

export default function DeleteAccount() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  return (
    <div className="narrow">
      <h1>{t("security.data.deleteTitle")}</h1>
      <ErasureForm strings="security.data" intro={t("security.data.deleteIntro")} downloadHref="/account/data" error={result?.error} />
    </div>
  );
}
