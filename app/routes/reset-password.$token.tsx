import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { findPasswordLink, setPasswordFromLink } from "~/accounts/email-links.server";
import { NewPasswordSchema } from "~/accounts/schemas";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormErrorSummary } from "~/components/form-field";
import { readForm, validateForm } from "~/utils/forms.server";
import type { StringsHandle } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { startSession } from "~/utils/session.server";

export const handle: StringsHandle = { i18n: ["mail"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

// The token is in the address: never send it to another site as a referrer. Not "no-referrer": with it a
// browser without JavaScript posts the page's form with `Origin: null`, which the cross-site check refuses.
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "same-origin" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t } = await getT(request);
  const link = findPasswordLink(params.token ?? "", new Date());
  const title = `${t("mail.reset.title")} · Trag`;
  if (!link) return data({ title, link: null }, { status: 404 });
  return { title, link: { invitation: link.purpose === "invitation", email: link.email, fullName: link.fullName } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = validateForm(await readForm(request), NewPasswordSchema);
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const userId = await setPasswordFromLink(params.token ?? "", form.data.newPassword, new Date());
  if (userId === null) return data({ errors: { form: "mail.reset.invalid" } }, { status: 404 });
  return startSession(request, userId, "/my-learning");
}

export default function ResetPassword() {
  const { t } = useTranslation();
  const { link } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> | undefined = result?.errors;
  if (!link || errors?.form) {
    return (
      <div className="narrow">
        <h1>{t("mail.reset.title")}</h1>
        <p className="notice" role="alert">
          {t("mail.reset.invalid")}
        </p>
        <p>
          <Link to="/forgot-password">{t("mail.reset.again")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>{t("mail.reset.title")}</h1>
      <p>{link.invitation ? t("mail.reset.welcome", { name: link.fullName, email: link.email }) : t("mail.reset.intro", { email: link.email })}</p>
      <FormErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <CsrfInput />
        {/* Lets password managers store the new password under the right account. */}
        <input type="hidden" name="username" autoComplete="username" value={link.email} />
        <Field name="newPassword" type="password" label={t("fields.newPassword")} hint={t("register.passwordHint")} error={errors?.newPassword} autoComplete="new-password" />
        <Field name="confirmPassword" type="password" label={t("fields.confirmPassword")} error={errors?.confirmPassword} autoComplete="new-password" />
        <button type="submit" className="button" disabled={busy}>
          {t("mail.reset.submit")}
        </button>
      </Form>
    </div>
  );
}
