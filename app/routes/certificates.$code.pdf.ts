import type { LoaderFunctionArgs } from "@remix-run/node";
import { pdfFileName, renderPdfOf } from "~/certificates/documents.server";
import { requireDownloadableCertificate } from "~/certificates/downloads.server";
import { getT } from "~/utils/i18n.server";

/** The certificate as PDF, in the page language or the one `?language=` names. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const certificate = await requireDownloadableCertificate(request, params.code);
  const { language, t } = await getT(request, new URL(request.url).searchParams.get("language"));
  const pdf = await renderPdfOf(certificate, language, t);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${pdfFileName(certificate)}"`,
      "Content-Length": String(pdf.byteLength),
      "Cache-Control": "private, no-store",
    },
  });
}
