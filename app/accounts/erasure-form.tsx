import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormErrorSummary } from "~/components/form-field";

const CONSEQUENCES = ["profile", "groups", "certificates", "records"] as const;

/**
 * What deleting an account does, a link to download the data first, and the form that asks for a
 * password before deleting. `strings` is "security.data" (one's own account) or "security.data.admin".
 */
export function ErasureForm({ strings, intro, downloadHref, error }: { strings: "security.data" | "security.data.admin"; intro: string; downloadHref: string; error?: string }) {
  const { t } = useTranslation();
  const errors = error ? { password: error } : undefined;
  return (
    <>
      <p>{intro}</p>
      <ul>
        {CONSEQUENCES.map((key) => (
          <li key={key}>{t(`${strings}.consequences.${key}`)}</li>
        ))}
      </ul>
      <p>
        {t(`${strings}.downloadFirst`)} <a href={downloadHref}>{t(strings === "security.data" ? "security.data.download" : "security.data.admin.download")}</a>
      </p>
      <FormErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <CsrfInput />
        <Field name="password" type="password" label={t(`${strings}.passwordLabel`)} hint={t(`${strings}.passwordHint`)} error={error} autoComplete="current-password" />
        <button type="submit" name="intent" value="erase" className="button button--danger">
          {t(`${strings}.deleteButton`)}
        </button>
      </Form>
    </>
  );
}
