import { findCertificateByCode, getOwnCertificate, type Certificate } from "~/models/certificates.server";
import { invariantResponse } from "~/utils/http.server";
import { hasPermission } from "~/utils/permissions";
import { requirePermission } from "~/utils/session.server";

/** The certificate a download asks for: the learner's own, or any for an admin who may revoke. */
export async function requireDownloadableCertificate(request: Request, code: string | undefined): Promise<Certificate> {
  const user = await requirePermission(request, "certificate:own");
  const wanted = (code ?? "").slice(0, 200);
  const certificate = getOwnCertificate({ code: wanted, userId: user.id }) ?? (hasPermission(user.role, "certificate:revoke") ? findCertificateByCode(wanted) : undefined);
  invariantResponse(certificate, "certificates.errors.notFound", 404);
  return certificate;
}
