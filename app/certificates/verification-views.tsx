import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { CertificateView, ReportView } from "./documents.server";
import { CERTIFICATE_TERMS } from "./terms";

/** Valid or revoked, said first and in words (colour is only a reinforcement). */
export function CertificateStatus({ view }: { view: CertificateView }) {
  const { t } = useTranslation();
  if (view.status === "revoked") {
    return (
      <div className="form-errors" role="status" aria-label={t("certificates.report.verdictLabel")} data-status="revoked">
        <p>
          <strong>{t("certificates.result.revokedLead")}</strong>
        </p>
        <p>{t("certificates.result.revokedBody", { date: view.revokedOn, reason: view.revocationReason })}</p>
        {view.accountDeleted ? <p data-account="deleted">{t("certificates.result.accountDeleted")}</p> : null}
      </div>
    );
  }
  return (
    <div className="notice" role="status" aria-label={t("certificates.report.verdictLabel")} data-status="valid">
      <p>
        <strong className="status status--complete">{t("certificates.result.validLead")}</strong>
      </p>
      <p>{t("certificates.result.validBody", { issuer: view.issuerName })}</p>
      {view.accountDeleted ? <p data-account="deleted">{t("certificates.result.accountDeleted")}</p> : null}
    </div>
  );
}

/** What the certificate says: name, course, modules, date, score, issuer. */
export function CertificateFacts({ view }: { view: CertificateView }) {
  const { t } = useTranslation();
  const issuer = (
    <span data-issuer>
      {/* The name follows, so the logo adds nothing for a screen reader. */}
      {view.issuerLogo ? <img src={view.issuerLogo} alt="" className="issuer-logo" /> : null}
      {view.issuerName}
    </span>
  );
  const facts: Array<[string, ReactNode]> = [
    [t("certificates.facts.name"), view.learnerName],
    [t("certificates.facts.course"), view.courseTitle],
    [t("certificates.facts.completed"), view.completedOn],
    [t("certificates.facts.score"), view.score],
    [t("certificates.facts.issuer"), issuer],
    [t("certificates.facts.code"), view.code],
    [t("certificates.facts.courseVersion"), view.courseVersion],
  ];
  return (
    <dl className="glossary">
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
      {view.signatories.length > 0 ? (
        <div>
          <dt>{t("certificates.facts.signatories")}</dt>
          <dd>
            <ul data-signatories>
              {view.signatories.map((person) => (
                <li key={person.name}>
                  {person.name}, {person.title}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      ) : null}
      {view.issuerContactUrl ? (
        <div>
          <dt>{t("certificates.facts.issuerContact")}</dt>
          <dd>
            <a href={view.issuerContactUrl} rel="noreferrer">
              {view.issuerContactUrl}
            </a>
          </dd>
        </div>
      ) : null}
      {view.modules.length > 0 ? (
        <div>
          <dt>{t("certificates.facts.modules")}</dt>
          <dd>
            <ol>
              {view.modules.map((title) => (
                <li key={title}>{title}</li>
              ))}
            </ol>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

/** Issued, revoked and reissued events, oldest first. */
export function CertificateHistory({ view, headingLevel = 2 }: { view: CertificateView; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <>
      <Heading>{t("certificates.result.history")}</Heading>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t("certificates.result.historyCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("certificates.result.when")}</th>
              <th scope="col">{t("certificates.result.what")}</th>
              <th scope="col">{t("certificates.result.reasonColumn")}</th>
            </tr>
          </thead>
          <tbody>
            {view.history.map((event, index) => (
              <tr key={index}>
                <td>{event.on}</td>
                <td>
                  {t(`certificates.result.event.${event.kind}`)}
                  {"actorName" in event && event.actorName ? <span className="muted"> ({t("certificates.admin.by", { name: event.actorName })})</span> : null}
                </td>
                <td>{event.reason ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Which input was checked, when the page took a file or pasted text. */
export type CheckedInput = { kind: "file"; name: string } | { kind: "text" };

/**
 * The verdict on a presented credential and every check, grouped by the specification's steps.
 * When the credential names one of our certificates but is not valid, what differs from our
 * record is listed, and the link to the record says it is ours, not a confirmation.
 */
export function VerificationReportView({ report, checked }: { report: ReportView; checked?: CheckedInput }) {
  const { t } = useTranslation();
  const verdictClass = report.verdict === "verified" ? "notice" : "form-errors";
  const failedOnRecord = report.verdict !== "verified" && report.record.kind === "current";
  const recordKey = failedOnRecord && report.verdict === "notVerified" ? (report.differences.length > 0 ? "altered" : "currentFailed") : report.record.kind;
  return (
    <section aria-labelledby="report-title" className="card">
      <h2 id="report-title">{t("certificates.report.title")}</h2>
      {checked ? <p data-checked={checked.kind}>{t(`certificates.report.checked.${checked.kind}`, checked.kind === "file" ? { name: checked.name } : {})}</p> : null}
      <div className={verdictClass} role="status" aria-label={t("certificates.report.verdictLabel")} data-verdict={report.verdict}>
        <p>
          <strong>{t(`certificates.report.${report.verdict}`)}</strong>
        </p>
        <p>{t(`certificates.report.record.${recordKey}`, { code: report.record.code })}</p>
        {report.record.code ? (
          <p>
            <Link to={`/verify/${report.record.code}`}>
              {report.verdict === "verified" ? t("certificates.report.openRecord") : t("certificates.report.openRecordNotThis", { code: report.record.code })}
            </Link>
          </p>
        ) : null}
      </div>
      {report.differences.length > 0 ? (
        <>
          <h3 id="differences-title">{t("certificates.report.differences.title")}</h3>
          <div className="table-wrap">
            <table data-differences="">
              <caption className="visually-hidden">{t("certificates.report.differences.caption", { code: report.record.code })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("certificates.report.differences.field")}</th>
                  <th scope="col">{t("certificates.report.differences.presented")}</th>
                  <th scope="col">{t("certificates.report.differences.recorded")}</th>
                </tr>
              </thead>
              <tbody>
                {report.differences.map((difference) => (
                  <tr key={difference.path} data-field={difference.field ?? difference.path}>
                    <th scope="row">{difference.field ? t(`certificates.report.differences.fields.${difference.field}`) : <code lang="en">{difference.path}</code>}</th>
                    <td>{difference.presented ?? <span className="muted">{t("certificates.report.differences.missing")}</span>}</td>
                    <td>{difference.recorded ?? <span className="muted">{t("certificates.report.differences.missing")}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <div className="table-wrap">
        <table>
          <caption>{t("certificates.report.checksCaption", CERTIFICATE_TERMS)}</caption>
          <thead>
            <tr>
              <th scope="col">{t("certificates.report.step")}</th>
              <th scope="col">{t("certificates.report.check")}</th>
              <th scope="col">{t("certificates.report.outcome")}</th>
            </tr>
          </thead>
          <tbody>
            {report.checks.map((check) => (
              <tr key={check.id} data-check={check.id} data-outcome={check.status}>
                <td>{t(`certificates.report.steps.${check.step}`)}</td>
                <td>
                  {t(check.messageKey, { ...CERTIFICATE_TERMS, ...check.values })}
                  {check.status === "fail" ? (
                    <details>
                      <summary>{t("certificates.report.technical")}</summary>
                      <p lang="en">{check.detail}</p>
                    </details>
                  ) : null}
                </td>
                <td className={check.status === "pass" ? "status status--complete" : "status"}>{t(`certificates.report.outcomes.${check.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
