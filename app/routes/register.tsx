import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useRouteLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RegisterSchema } from "~/accounts/schemas";
import { DistrictField, InstitutionField, LanguageField, OrganisationField } from "~/components/account-selects";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormErrorSummary } from "~/components/form-field";
import { sendEmailVerification } from "~/accounts/email-links.server";
import { createUser, emailTaken } from "~/models/users.server";
import type { loader as rootLoader } from "~/root";
import { readForm, validateForm } from "~/utils/forms.server";
import type { StringsHandle } from "~/utils/i18n";
import { safeRedirect } from "~/utils/http.server";
import { getT } from "~/utils/i18n.server";
import { getUser, startSession } from "~/utils/session.server";

export const handle: StringsHandle = { i18n: ["profile"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/my-learning");
  const { t } = await getT(request);
  return { title: `${t("register.title")} · Trag` };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const redirectTo = safeRedirect(formData.get("redirectTo"), "/my-learning");
  const form = validateForm(formData, RegisterSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const { password: _password, ...entered } = form.data;
  const values = { ...entered, organisation: entered.organisation ?? "", district: entered.district ?? "" };
  if (emailTaken(form.data.email)) return data({ errors: { email: "errors.email.taken" }, values }, { status: 400 });
  let user: { id: number };
  try {
    user = await createUser(form.data);
  } catch (error) {
    // Two registrations racing for one email: the unique index decides.
    if (String(error).includes("UNIQUE")) return data({ errors: { email: "errors.email.taken" }, values }, { status: 400 });
    throw error;
  }
  sendEmailVerification(user.id, new Date());
  return startSession(request, user.id, redirectTo);
}

export default function Register() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const redirectTo = params.get("redirectTo");
  const errors: Record<string, string> | undefined = result?.errors;
  const values: Record<string, string> = result?.values ?? {};
  return (
    <div className="narrow">
      <h1>{t("register.title")}</h1>
      <p>{t("register.intro")}</p>
      <FormErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <CsrfInput />
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        <Field name="fullName" label={t("fields.fullName")} hint={t("register.fullNameHint")} error={errors?.fullName} defaultValue={values.fullName} autoComplete="name" />
        <Field name="email" type="email" label={t("fields.email")} error={errors?.email} defaultValue={values.email} autoComplete="email" />
        <Field name="password" type="password" label={t("fields.password")} hint={t("register.passwordHint")} error={errors?.password} autoComplete="new-password" />
        <InstitutionField error={errors?.institutionType} defaultValue={values.institutionType} />
        <OrganisationField error={errors?.organisation} defaultValue={values.organisation} />
        <DistrictField error={errors?.district} defaultValue={values.district} />
        <LanguageField error={errors?.language} defaultValue={values.language ?? root?.language ?? "en"} />
        <button type="submit" className="button" disabled={busy}>
          {t("register.submit")}
        </button>
      </Form>
      <p>
        {t("register.haveAccount")} <Link to={redirectTo ? `/login?${new URLSearchParams({ redirectTo })}` : "/login"}>{t("nav.login")}</Link>
      </p>
    </div>
  );
}
