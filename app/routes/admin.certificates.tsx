import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { describeCertificate } from "~/certificates/documents.server";
import { CertificateHistory } from "~/certificates/verification-views";
import { formatVerificationCode, normalizeVerificationCode, VerificationCodeSchema } from "~/certificates/verification-code";
import { CsrfInput } from "~/components/csrf-input";
import { reissueCertificate, revokeCertificate, searchCertificates } from "~/models/certificates.server";
import { getClientAddress } from "~/utils/client-address.server";
import { readForm } from "~/utils/forms.server";
import { invariantResponse } from "~/utils/http.server";
import { getT } from "~/utils/i18n.server";
import { requirePermission } from "~/utils/session.server";
import { SearchForm } from "~/components/search-form";
import type { StringsHandle } from "~/utils/i18n";

export const handle: StringsHandle = { i18n: ["certificates"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "certificate:revoke");
  const { language, t } = await getT(request);
  const search = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 200);
  const certificates = searchCertificates(search).map((certificate) => ({
    ...describeCertificate(certificate, language, { withActors: true }),
    holderName: certificate.holderName,
    holderEmail: certificate.holderEmail,
  }));
  return { title: `${t("certificates.admin.title")} · Trag`, certificates };
}

const ChangeSchema = z.object({
  intent: z.enum(["revoke", "reissue"]),
  code: VerificationCodeSchema,
  reason: z.string().trim().min(1, "certificates.admin.reasonRequired").max(500),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "certificate:revoke");
  const fields = Object.fromEntries(await readForm(request));
  const parsed = ChangeSchema.safeParse(fields);
  if (!parsed.success) {
    // Only a missing reason is the admin's to fix; anything else is a malformed request.
    invariantResponse(parsed.error.issues.every((issue) => issue.path[0] === "reason") && typeof fields.code === "string", "errors.form.invalid", 400);
    return data({ error: "certificates.admin.reasonRequired", code: String(fields.code), done: null }, { status: 400 });
  }
  const { intent, code, reason } = parsed.data;
  const change = { code, reason, adminId: admin.id, now: new Date(), clientAddress: getClientAddress(request, context) };
  const result = intent === "revoke" ? revokeCertificate(change) : reissueCertificate(change);
  if (!result.ok) {
    invariantResponse(result.reason !== "unknown", "certificates.errors.unknown", 404);
    return data({ error: "certificates.admin.alreadyRevoked", code: formatVerificationCode(code), done: null }, { status: 409 });
  }
  return data({ error: null, code: formatVerificationCode(code), done: intent === "revoke" ? "certificates.admin.revoked" : "certificates.admin.reissued" });
}

export default function AdminCertificates() {
  const { t } = useTranslation();
  const { certificates } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const resultCode = result?.code ? String(result.code) : null;
  return (
    <div>
      <h1>{t("certificates.admin.title")}</h1>
      <p className="lead">{t("certificates.admin.intro")}</p>
      <SearchForm id="certificate-search" label={t("certificates.admin.search")} button={t("certificates.admin.searchButton")} />
      {result?.done ? (
        <p className="notice" role="status">
          {t(result.done, { code: resultCode })}
        </p>
      ) : null}
      <p role="status">{t("certificates.admin.count", { count: certificates.length })}</p>
      <ul className="card-list">
        {certificates.map((certificate) => {
          const formId = `change-${certificate.code}`;
          const error = result?.error && resultCode && normalizeVerificationCode(resultCode) === normalizeVerificationCode(certificate.code) ? result.error : null;
          return (
            <li key={certificate.code} className="card" data-code={certificate.code}>
              <h2>
                <Link to={`/verify/${certificate.code}`}>{certificate.code}</Link>{" "}
                <span className={certificate.status === "valid" ? "status status--complete" : "status"}>{t(`certificates.status.${certificate.status}`)}</span>
              </h2>
              <p>
                {certificate.learnerName} · {certificate.holderEmail} · {certificate.courseTitle} ({t("certificates.admin.version", { version: certificate.version })})
              </p>
              {certificate.holderName !== certificate.learnerName ? <p className="notice">{t("certificates.admin.nameChanged", { name: certificate.holderName })}</p> : null}
              <p className="muted">
                {t("certificates.admin.completed")}: {certificate.completedOn} · {certificate.score}
              </p>
              <Form method="post" className="inline-form" aria-label={t("certificates.admin.reasonFor", { code: certificate.code })}>
                <CsrfInput />
                <input type="hidden" name="code" value={certificate.code} />
                <label htmlFor={formId}>{t("certificates.admin.reason")}</label>
                <input id={formId} name="reason" maxLength={500} required aria-invalid={error ? true : undefined} aria-describedby={error ? `${formId}-error` : undefined} />
                {certificate.status === "valid" ? (
                  <button type="submit" name="intent" value="revoke" disabled={busy} aria-label={t("certificates.admin.revokeCode", { code: certificate.code })}>
                    {t("certificates.admin.revoke")}
                  </button>
                ) : null}
                <button type="submit" name="intent" value="reissue" disabled={busy} aria-label={t("certificates.admin.reissueCode", { code: certificate.code })}>
                  {t("certificates.admin.reissue")}
                </button>
              </Form>
              {error ? (
                <p className="field__error" id={`${formId}-error`}>
                  {t(error)}
                </p>
              ) : null}
              <details>
                <summary>{t("certificates.admin.history")}</summary>
                <CertificateHistory view={certificate} headingLevel={3} />
              </details>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
