import type { LoaderFunctionArgs } from "@remix-run/node";
import { credentialFileName, getSignedCredential } from "~/certificates/documents.server";
import { requireDownloadableCertificate } from "~/certificates/downloads.server";

/** The signed Open Badges 3.0 credential of the certificate's current version. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const certificate = await requireDownloadableCertificate(request, params.code);
  const credential = await getSignedCredential(certificate);
  return new Response(`${JSON.stringify(credential, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/ld+json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${credentialFileName(certificate)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
