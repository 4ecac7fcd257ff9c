import type { TFunction } from "i18next";
import type { Course } from "~/content/loader.server";
import type { Language } from "~/content/localized";
import { localize } from "~/content/courses.server";
import { findCertificateByCode, listCertificateEvents, saveSignedCredential, type Certificate } from "~/models/certificates.server";
import { isAccountErased } from "~/models/users.server";
import { intlLocale } from "~/utils/i18n";
import { type CredentialInput, type SignedCredential, buildCredential, buildVerificationUrl, signCredential } from "./credential.server";
import { compareWithRecord, type FieldDifference } from "./compare";
import { getIssuer, issuerLogoUrl } from "./issuer.server";
import { getEnv, type IssuerImage } from "~/utils/env.server";
import type { VerificationReport } from "./verifier.server";
import { runVerification } from "./verifier-pool.server";
import { nameInScript } from "./names";
import { renderCertificatePdf } from "./pdf.server";
import { formatVerificationCode, normalizeVerificationCode } from "./verification-code";
import { createDateFormat } from "~/utils/dates";

/** Dates on certificates are calendar dates in Serbia, whatever the server's time zone. */
const TIME_ZONE = "Europe/Belgrade";

export function formatCertificateDate(date: Date, language: Language): string {
  return createDateFormat(language, { dateStyle: "long", timeZone: TIME_ZONE }).format(date);
}

export function formatScore(scorePercent: number, language: Language): string {
  return new Intl.NumberFormat(intlLocale(language), { style: "percent", maximumFractionDigits: 1 }).format(scorePercent / 100);
}

export function verificationUrlOf(certificate: Certificate): string {
  return buildVerificationUrl(certificate.snapshot.issuer.url, formatVerificationCode(certificate.code));
}

const latinTermsOf = (certificate: Certificate): Pick<Course, "latinTerms"> => ({ latinTerms: certificate.snapshot.course.latinTerms });

/** The issuer's name as the certificate recorded it; certificates from before the setting say "Trag". */
export function issuerNameOf(certificate: Certificate, language: Language): string {
  const { issuer } = certificate.snapshot;
  return issuer.names ? localize(issuer.names, language) : issuer.name;
}

/**
 * An image the certificate recorded (by its hash), if the configured file is still that image:
 * a certificate never shows a logo or a signature that came after it.
 */
function recordedImage(sha256: string | undefined, current: IssuerImage | undefined): IssuerImage | undefined {
  return sha256 && current?.sha256 === sha256 ? current : undefined;
}

/** The signatories the certificate recorded, in `language`, each with their signature if it is still the configured one. */
function signatoriesOf(certificate: Certificate, language: Language) {
  const configured = getEnv().ISSUER.signatories;
  return (certificate.snapshot.issuer.signatories ?? []).map((person) => ({
    name: nameInScript(person.name, language).name,
    title: localize(person.title, language),
    signature: recordedImage(person.signatureSha256, configured.find((c) => c.signature?.sha256 === person.signatureSha256)?.signature),
  }));
}

export function courseTitleOf(certificate: Certificate, language: Language): string {
  return localize(certificate.snapshot.course.title, language, latinTermsOf(certificate));
}

/**
 * The credential's content, from the snapshot only. Its text is English, the lingua franca of
 * credential wallets; the PDF is the document in the learner's language.
 */
export function credentialInputOf(certificate: Certificate): CredentialInput {
  const { snapshot } = certificate;
  const title = snapshot.course.title.en;
  const modules = snapshot.modules.map((module) => module.title.en);
  return {
    id: verificationUrlOf(certificate),
    issuer: snapshot.issuer,
    name: `Certificate of completion: ${title}`,
    validFrom: certificate.issuedAt,
    recipient: { email: snapshot.learner.email, salt: certificate.recipientSalt, name: snapshot.learner.name },
    achievement: {
      id: `${snapshot.issuer.url}/courses/${snapshot.course.id}/versions/${encodeURIComponent(snapshot.course.version)}`,
      name: title,
      description: `The course "${title}" (version ${snapshot.course.version}) with its modules: ${modules.join("; ")}.`,
      criteria: "Complete every lesson of every module and pass each module's quiz.",
      achievementType: "Certificate",
    },
    score: { value: snapshot.scorePercent, name: "Final score" },
  };
}

/**
 * The signed OpenBadgeCredential of the certificate's current version. Signing is
 * deterministic (Ed25519, proof dated at issuedAt), so signing again gives the same document;
 * the first result is kept in the row anyway.
 */
export async function getSignedCredential(certificate: Certificate): Promise<SignedCredential> {
  if (certificate.signedCredential) return certificate.signedCredential as SignedCredential;
  const issuer = await getIssuer();
  const signed = await signCredential(buildCredential(credentialInputOf(certificate)), issuer.key, issuer.documentLoader, certificate.issuedAt);
  saveSignedCredential(certificate.id, certificate.version, signed);
  return signed;
}

/** The PDF in `language` (and its script): every label through `t`, the facts from the snapshot. */
export async function renderPdfOf(certificate: Certificate, language: Language, t: TFunction): Promise<Uint8Array> {
  const { snapshot } = certificate;
  const terms = latinTermsOf(certificate);
  const learner = nameInScript(snapshot.learner.name, language);
  return renderCertificatePdf({
    language,
    labels: {
      title: t("certificates.pdf.title"),
      certifies: t("certificates.pdf.certifies"),
      completed: t("certificates.pdf.completed"),
      modules: t("certificates.pdf.modules"),
      score: t("certificates.pdf.score"),
      date: t("certificates.pdf.date"),
      issuer: t("certificates.pdf.issuer"),
      verificationCode: t("certificates.pdf.verificationCode"),
      verifyAt: t("certificates.pdf.verifyAt"),
    },
    // In the certificate's script, with the name as written beneath when it was transliterated.
    learnerName: learner.name,
    learnerNameAsWritten: learner.asWritten ?? undefined,
    courseTitle: courseTitleOf(certificate, language),
    modules: snapshot.modules.map((module) => localize(module.title, language, terms)),
    score: formatScore(snapshot.scorePercent, language),
    date: formatCertificateDate(new Date(snapshot.completedAt), language),
    issuerName: issuerNameOf(certificate, language),
    issuerLogo: logoOf(certificate)?.type === "png" ? logoOf(certificate)?.bytes : undefined,
    signatories: signatoriesOf(certificate, language).map(({ name, title, signature }) => ({ name, title, signature: signature?.bytes })),
    verificationCode: formatVerificationCode(certificate.code),
    verificationUrl: verificationUrlOf(certificate),
    issuedAt: certificate.issuedAt,
  });
}

function logoOf(certificate: Certificate): IssuerImage | undefined {
  return recordedImage(certificate.snapshot.issuer.logoSha256, getEnv().ISSUER.logo);
}

function logoUrlOf(certificate: Certificate): string | null {
  const logo = logoOf(certificate);
  return logo ? issuerLogoUrl("", logo.sha256) : null;
}

export function pdfFileName(certificate: Certificate) {
  return `trag-certificate-${formatVerificationCode(certificate.code)}.pdf`;
}

export function credentialFileName(certificate: Certificate) {
  return `trag-certificate-${formatVerificationCode(certificate.code)}.json`;
}

/**
 * How our records answer for a presented credential:
 * - `unknown`: it does not name one of our certificates (another issuer, or a code we never issued);
 * - `current`: it is the certificate's current version (revoked or not);
 * - `superseded`: it is an earlier version, replaced by a reissue (or altered).
 */
export type RecordMatch = { kind: "unknown" } | { kind: "current" | "superseded"; certificate: Certificate; differences: FieldDifference[] };

export type PresentedCredentialResult = { report: VerificationReport; record: RecordMatch };

/**
 * Runs every Open Badges check on a credential someone uploaded or pasted. Revocation comes
 * from our database: a revoked certificate, or a version replaced by a reissue, fails the
 * status check. `email`, when given, must be the recipient's. The checks run in the verifier's
 * worker threads (verifier-pool.server.ts), which throw VerificationUnavailableError when busy or too slow;
 * the caller checks a presented credential's shape first (checkCredentialShape).
 */
export async function verifyPresentedCredential(input: string, options: { email?: string; now: Date }): Promise<PresentedCredentialResult> {
  const issuer = await getIssuer();
  const record = await matchRecord(input, issuer.url);
  let revoked: { date: Date; reason: string } | null | undefined;
  if (record.kind === "unknown") revoked = undefined;
  else if (record.certificate.revokedAt) revoked = { date: record.certificate.revokedAt, reason: record.certificate.revocationReason ?? "" };
  else if (record.kind === "superseded") revoked = { date: record.certificate.issuedAt, reason: "Replaced by a reissued certificate under the same code." };
  else revoked = null;
  const report = await runVerification({ input, email: options.email, now: options.now, revoked, issuer: { publicKeys: issuer.publicKeys, profile: issuer.profile } });
  return { report, record };
}

/** Checks the certificate's own current credential, e.g. against an email a verifier typed. */
export async function verifyStoredCredential(certificate: Certificate, options: { email?: string; now: Date }) {
  return verifyPresentedCredential(JSON.stringify(await getSignedCredential(certificate)), options);
}

async function matchRecord(input: string, publicUrl: string): Promise<RecordMatch> {
  let document: unknown;
  try {
    document = JSON.parse(input);
  } catch {
    return { kind: "unknown" };
  }
  if (typeof document !== "object" || document === null) return { kind: "unknown" };
  const { id, proof } = document as { id?: unknown; proof?: unknown };
  const prefix = `${publicUrl}/verify/`;
  if (typeof id !== "string" || !id.startsWith(prefix)) return { kind: "unknown" };
  const certificate = findCertificateByCode(normalizeVerificationCode(safeDecode(id.slice(prefix.length))));
  if (!certificate) return { kind: "unknown" };
  const current = await getSignedCredential(certificate);
  const proofValue = (value: unknown) => (typeof value === "object" && value !== null ? (value as { proofValue?: unknown }).proofValue : undefined);
  return { kind: proofValue(proof) === proofValue(current.proof) ? "current" : "superseded", certificate, differences: compareWithRecord(document, current) };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** What the pages show about a certificate, formatted for `language`. Admin names only when asked. */
export function describeCertificate(certificate: Certificate, language: Language, options: { withActors?: boolean } = {}) {
  const { snapshot } = certificate;
  return {
    code: formatVerificationCode(certificate.code),
    status: certificate.revokedAt ? ("revoked" as const) : ("valid" as const),
    learnerName: snapshot.learner.name,
    courseTitle: courseTitleOf(certificate, language),
    courseVersion: snapshot.course.version,
    modules: snapshot.modules.map((module) => localize(module.title, language, latinTermsOf(certificate))),
    completedOn: formatCertificateDate(new Date(snapshot.completedAt), language),
    score: formatScore(snapshot.scorePercent, language),
    issuerName: issuerNameOf(certificate, language),
    issuerContactUrl: snapshot.issuer.contactUrl ?? null,
    issuerLogo: logoUrlOf(certificate),
    signatories: signatoriesOf(certificate, language).map(({ name, title }) => ({ name, title })),
    version: certificate.version,
    issuedOn: formatCertificateDate(certificate.issuedAt, language),
    revokedOn: certificate.revokedAt ? formatCertificateDate(certificate.revokedAt, language) : null,
    revocationReason: certificate.revocationReason,
    /** The holder deleted their account (or an admin did): the certificate stays as issued. */
    accountDeleted: isAccountErased(certificate.userId),
    history: listCertificateEvents(certificate.id).map((event) => ({
      kind: event.kind,
      on: formatCertificateDate(event.at, language),
      reason: event.reason,
      ...(options.withActors ? { actorName: event.actorName } : {}),
    })),
  };
}
export type CertificateView = ReturnType<typeof describeCertificate>;

/** A verification report as the pages show it: each check's i18n key and values, verdict first. */
export function describeReport({ report, record }: PresentedCredentialResult, language: Language) {
  const certificate = record.kind === "unknown" ? null : record.certificate;
  const checks = report.checks.map((check) => {
    let messageKey = `certificates.report.checks.${check.id}.${check.status}`;
    let values: Record<string, string> = {};
    if (check.id === "status.revocation" && check.status === "fail" && certificate) {
      if (certificate.revokedAt) {
        values = { date: formatCertificateDate(certificate.revokedAt, language), reason: certificate.revocationReason ?? "" };
      } else {
        messageKey = "certificates.report.checks.status.revocation.superseded";
        values = { date: formatCertificateDate(certificate.issuedAt, language) };
      }
    }
    return { id: check.id, step: check.step, status: check.status, messageKey, values, detail: check.message };
  });
  const failed = report.checks.filter((check) => check.status === "fail").map((check) => check.id);
  const onlyRevoked = failed.length === 1 && failed[0] === "status.revocation" && Boolean(certificate?.revokedAt) && record.kind === "current";
  // Signed with our key but not in our records cannot be vouched for: we cannot say it is not revoked.
  const verified = report.verified && record.kind !== "unknown";
  const verdict = verified ? "verified" : onlyRevoked ? "revoked" : "notVerified";
  return {
    verdict: verdict as "verified" | "revoked" | "notVerified",
    record: certificate ? { kind: record.kind, code: formatVerificationCode(certificate.code) } : { kind: "unknown" as const, code: null },
    /** Where the checked credential differs from our record of the certificate it names. */
    differences: record.kind === "unknown" ? [] : record.differences,
    checks,
  };
}
export type ReportView = ReturnType<typeof describeReport>;
