import type { LoaderFunctionArgs } from "@remix-run/node";
import { pdfFileName, renderPdfOf } from "~/certificates/documents.server";
import { requireDownloadableCertificate } from "~/certificates/downloads.server";
import { isLanguage } from "~/utils/i18n";
import { getT, i18next } from "~/utils/i18n.server";

/** The certificate as PDF, in the page language or the one `?language=` names. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const certificate = await requireDownloadableCertificate(request, params.code);
  const asked = new URL(request.url).searchParams.get("language");
  const language = isLanguage(asked) ? asked : (await getT(request)).language;
  const t = await i18next.getFixedT(language, "common");
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
