import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requestPasswordReset } from "~/accounts/email-links.server";
import { ForgotPasswordSchema } from "~/accounts/schemas";
import { getClientAddress } from "~/utils/client-address.server";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormErrorSummary } from "~/components/form-field";
import { readForm, validateForm } from "~/utils/forms.server";
import type { StringsHandle } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { getUser } from "~/utils/session.server";

export const handle: StringsHandle = { i18n: ["mail"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/account");
  const { t } = await getT(request);
  return { title: `${t("mail.forgot.title")} · Trag` };
}

/** The same answer whether or not the address has an account; only a client over its allowance is told so (429). */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = validateForm(await readForm(request), ForgotPasswordSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values, sent: false }, { status: 400 });
  const now = new Date();
  const result = requestPasswordReset(form.data.email, getClientAddress(request, context), now);
  if (!result.allowed) {
    const seconds = Math.max(1, Math.ceil((result.retryAt.getTime() - now.getTime()) / 1000));
    return data({ errors: { form: "mail.errors.tooMany" }, values: { email: form.data.email }, sent: false }, { status: 429, headers: { "Retry-After": String(seconds) } });
  }
  return { errors: {}, values: { email: form.data.email }, sent: true };
}

export default function ForgotPassword() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> | undefined = result?.errors;
  return (
    <div className="narrow">
      <h1>{t("mail.forgot.title")}</h1>
      {result?.sent ? (
        <p className="notice" role="status">
          {t("mail.forgot.sent")}
        </p>
      ) : (
        <>
          <p>{t("mail.forgot.intro")}</p>
          <FormErrorSummary errors={errors} />
          <Form method="post" noValidate>
            <CsrfInput />
            <Field name="email" type="email" label={t("fields.email")} error={errors?.email} defaultValue={result?.values.email} autoComplete="email" />
            <button type="submit" className="button" disabled={busy}>
              {t("mail.forgot.submit")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
