import { data, redirect, type ActionFunctionArgs, type AppLoadContext, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, useActionData, useLoaderData, useNavigation, useParams, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { describeCertificate, verifyStoredCredential } from "~/certificates/documents.server";
import { VerificationCodeSchema, formatVerificationCode } from "~/certificates/verification-code";
import { refuseUnavailableVerification, requireVerificationAllowance } from "~/certificates/verification-limit.server";
import { CertificateFacts, CertificateHistory, CertificateStatus } from "~/certificates/verification-views";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/form-field";
import { findCertificateByCode } from "~/models/certificates.server";
import { isConfirmedAddress } from "~/models/users.server";
import { readForm } from "~/utils/forms.server";
import { invariantResponse } from "~/utils/http.server";
import { getT } from "~/utils/i18n.server";
import type { StringsHandle } from "~/utils/i18n";

export const handle: StringsHandle = { i18n: ["certificates"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "Trag" },
  // A certificate names a person: it is for whoever has the code, not for search engines.
  { name: "robots", content: "noindex" },
];

export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) => errorHeaders ?? loaderHeaders;

const NO_STORE = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" };

/** The certificate with the route's code; counts the look-up against the client's allowance. */
function lookUp(request: Request, context: AppLoadContext, code: string | undefined) {
  const parsed = VerificationCodeSchema.safeParse((code ?? "").slice(0, 200));
  // Any typed form of a code (lower case, no dashes) has one address: the printed form.
  if (parsed.success && code !== formatVerificationCode(parsed.data)) throw redirect(`/verify/${formatVerificationCode(parsed.data)}`, 301);
  requireVerificationAllowance(request, context, new Date());
  const certificate = parsed.success ? findCertificateByCode(parsed.data) : undefined;
  invariantResponse(certificate, "certificates.errors.unknown", 404);
  return certificate;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const certificate = lookUp(request, context, params.code);
  const { language, t } = await getT(request);
  const view = describeCertificate(certificate, language);
  return data({ title: `${t("certificates.result.title", { code: view.code })} · Trag`, view }, { headers: NO_STORE });
}

const RecipientSchema = z.object({ intent: z.literal("recipient"), email: z.string().trim().email("errors.email.invalid").max(254, "errors.email.invalid") });

/**
 * Checks the certificate's credential against an email address the verifier types. A match is
 * vouched for only when the holder has confirmed that address (followed a link sent to it).
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const parsed = RecipientSchema.safeParse(Object.fromEntries(await readForm(request)));
  const certificate = lookUp(request, context, params.code);
  if (!parsed.success) {
    invariantResponse(
      parsed.error.issues.every((issue) => issue.path[0] === "email"),
      "errors.form.invalid",
      400,
    );
    return data({ recipient: null, error: "errors.email.invalid" }, { status: 400 });
  }
  const { report } = await verifyStoredCredential(certificate, { email: parsed.data.email, now: new Date() }).catch(refuseUnavailableVerification);
  const check = report.checks.find((c) => c.id === "recipient.identity");
  const recipient = check?.status !== "pass" ? "noMatch" : isConfirmedAddress(certificate.userId, parsed.data.email) ? "match" : "unconfirmed";
  return data({ recipient, error: null } as const, { headers: NO_STORE });
}

export default function VerifyCode() {
  const { t } = useTranslation();
  const { view } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="lesson-layout">
      <h1>{t("certificates.result.title", { code: view.code })}</h1>
      <CertificateStatus view={view} />
      <CertificateFacts view={view} />
      <CertificateHistory view={view} />

      <section aria-labelledby="recipient-title">
        <h2 id="recipient-title">{t("certificates.result.recipientTitle")}</h2>
        <p>{t("certificates.result.recipientIntro")}</p>
        <Form method="post" noValidate>
          <CsrfInput />
          <Field name="email" type="email" label={t("fields.email")} error={result?.error ?? undefined} autoComplete="off" />
          <button type="submit" name="intent" value="recipient" className="button" disabled={busy}>
            {t("certificates.result.recipientSubmit")}
          </button>
        </Form>
        {result?.recipient ? (
          <p role="status" className={{ match: "notice", unconfirmed: "notice notice--warning", noMatch: "form-errors" }[result.recipient]} data-recipient={result.recipient}>
            {t({ match: "certificates.result.recipientMatch", unconfirmed: "certificates.result.recipientUnconfirmed", noMatch: "certificates.result.recipientNoMatch" }[result.recipient])}
          </p>
        ) : null}
      </section>

      <p>
        <Link to="/verify">{t("certificates.result.another")}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { code } = useParams();
  const { t } = useTranslation();
  if (isRouteErrorResponse(error) && (error.status === 404 || error.status === 429)) {
    const unknown = error.status === 404;
    return (
      <div className="error-page">
        <h1>{t(unknown ? "certificates.errors.unknownTitle" : "certificates.errors.tooManyTitle")}</h1>
        <p>{unknown ? t("certificates.errors.unknownBody", { code: (code ?? "").slice(0, 64) }) : t("certificates.errors.tooManyBody")}</p>
        <p>
          <Link to="/verify">{t("certificates.result.another")}</Link>
        </p>
      </div>
    );
  }
  return <GeneralErrorBoundary />;
}
