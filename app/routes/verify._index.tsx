import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, isRouteErrorResponse, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { describeReport, verifyPresentedCredential } from "~/certificates/documents.server";
import { CERTIFICATE_TERMS } from "~/certificates/terms";
import { VerificationCodeSchema, formatVerificationCode } from "~/certificates/verification-code";
import { refuseUnavailableVerification, requireVerificationAllowance } from "~/certificates/verification-limit.server";
import { checkCredentialShape, MAX_CREDENTIAL_BYTES } from "~/certificates/verifier-pool.server";
import { VerificationReportView, type CheckedInput } from "~/certificates/verification-views";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrorSummary } from "~/components/form-field";
import { readForm } from "~/utils/forms.server";
import { invariantResponse } from "~/utils/http.server";
import { getT } from "~/utils/i18n.server";
import type { StringsHandle } from "~/utils/i18n";

export const handle: StringsHandle = { i18n: ["certificates"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders, errorHeaders }) => {
  if (errorHeaders) return errorHeaders;
  const headers = new Headers(loaderHeaders);
  actionHeaders.forEach((value, key) => headers.set(key, value));
  return headers;
};

/** `/verify?code=…` (the code form, which works without JavaScript) goes to the code's page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getT(request);
  const typed = new URL(request.url).searchParams.get("code");
  if (typed !== null) {
    const parsed = VerificationCodeSchema.safeParse(typed.slice(0, 200));
    if (parsed.success) throw redirect(`/verify/${formatVerificationCode(parsed.data)}`);
  }
  const codeError = typed !== null ? "certificates.verify.codeInvalid" : null;
  return data({ title: `${t("certificates.verify.title")} · Trag`, typed: typed?.slice(0, 200) ?? "", codeError }, { status: codeError ? 400 : 200 });
}

const TOO_LARGE = "certificates.verify.credentialTooLarge";

const CredentialFormSchema = z.object({
  credential: z
    .string()
    .trim()
    .min(1, "certificates.verify.credentialMissing")
    .superRefine((text, ctx) => {
      const shape = checkCredentialShape(text);
      if (shape !== "ok") ctx.addIssue({ code: "custom", message: shape === "tooLarge" ? TOO_LARGE : "certificates.verify.credentialTooComplex" });
    }),
  email: z
    .string()
    .trim()
    .max(254, "certificates.verify.emailInvalid")
    .transform((value) => value || undefined)
    .pipe(z.string().email("certificates.verify.emailInvalid").optional()),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, MAX_CREDENTIAL_BYTES * 2 + 16 * 1024);
  invariantResponse(formData.get("intent") === "credential", "errors.form.invalid", 400);
  const file = formData.get("file");
  const uploaded = typeof file === "object" && file !== null && file.size > 0 ? await file.text() : "";
  const pasted = formData.get("credential");
  const email = formData.get("email");
  const echoedEmail = typeof email === "string" ? email.slice(0, 254) : "";
  // One input at a time: a file and pasted text together would leave the reader guessing which was checked.
  if (uploaded.trim() && typeof pasted === "string" && pasted.trim()) {
    const errors: Record<string, string> = { credential: "certificates.verify.credentialBoth" };
    return data({ errors, email: echoedEmail, report: null, checked: null }, { status: 400 });
  }
  const parsed = CredentialFormSchema.safeParse({
    credential: uploaded || (typeof pasted === "string" ? pasted : ""),
    email: typeof email === "string" ? email : "",
  });
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return data({ errors, email: echoedEmail, report: null, checked: null }, { status: errors.credential === TOO_LARGE ? 413 : 400 });
  }
  const checked: CheckedInput = uploaded && typeof file === "object" && file !== null ? { kind: "file", name: file.name.slice(0, 200) } : { kind: "text" };
  const now = new Date();
  requireVerificationAllowance(request, context, now);
  const { language } = await getT(request);
  const result = await verifyPresentedCredential(parsed.data.credential, { email: parsed.data.email, now }).catch(refuseUnavailableVerification);
  return data({ errors: null, email: parsed.data.email ?? "", report: describeReport(result, language), checked }, { headers: { "Cache-Control": "no-store" } });
}

export default function Verify() {
  const { t } = useTranslation();
  const { typed, codeError } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors ?? undefined;
  return (
    <div className="lesson-layout">
      <h1>{t("certificates.verify.title")}</h1>
      <p className="lead">{t("certificates.verify.intro")}</p>

      <section aria-labelledby="code-title">
        <h2 id="code-title">{t("certificates.verify.codeTitle")}</h2>
        <Form method="get" action="/verify" noValidate>
          <Field
            name="code"
            label={t("certificates.verify.codeLabel")}
            hint={t("certificates.verify.codeHint", CERTIFICATE_TERMS)}
            error={codeError ?? undefined}
            defaultValue={typed}
            autoComplete="off"
          />
          <button type="submit" className="button">
            {t("certificates.verify.codeSubmit")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="credential-title">
        <h2 id="credential-title">{t("certificates.verify.credentialTitle")}</h2>
        <p>{t("certificates.verify.credentialIntro", CERTIFICATE_TERMS)}</p>
        <FormErrorSummary errors={errors} />
        <Form method="post" encType="multipart/form-data" noValidate>
          <CsrfInput />
          <Field name="file" label={t("certificates.verify.credentialFile")} required={false}>
            {({ id, describedBy }) => <input id={id} name="file" type="file" accept=".json,.jsonld,application/json,application/ld+json" aria-describedby={describedBy} />}
          </Field>
          <Field name="credential" label={t("certificates.verify.credentialText")} error={errors?.credential} required={false}>
            {({ id, describedBy, invalid }) => <textarea id={id} name="credential" rows={8} spellCheck={false} aria-invalid={invalid || undefined} aria-describedby={describedBy} />}
          </Field>
          <Field
            name="email"
            type="email"
            label={t("certificates.verify.emailLabel")}
            hint={t("certificates.verify.emailHint")}
            error={errors?.email}
            defaultValue={result?.email}
            autoComplete="off"
            required={false}
          />
          <button type="submit" name="intent" value="credential" className="button" disabled={busy}>
            {t("certificates.verify.credentialSubmit")}
          </button>
        </Form>
      </section>

      {result?.report ? <VerificationReportView report={result.report} checked={result.checked ?? undefined} /> : null}
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (isRouteErrorResponse(error) && error.status === 429) {
    return (
      <div className="error-page">
        <h1>{t("certificates.errors.tooManyTitle")}</h1>
        <p>{t("certificates.errors.tooManyBody")}</p>
      </div>
    );
  }
  return <GeneralErrorBoundary />;
}
