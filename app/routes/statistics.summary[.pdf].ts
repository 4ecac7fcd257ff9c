import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordAuditEvent } from "~/models/audit.server";
import { loadDashboard } from "~/statistics/dashboard.server";
import { renderStatisticsPdf } from "~/statistics/pdf.server";
import { getClientAddress } from "~/utils/client-address.server";
import { requireUser } from "~/utils/session.server";

/** GET /statistics/summary.pdf?…filters…: the current view as a two-page PDF summary. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const view = await loadDashboard(request);
  const bytes = await renderStatisticsPdf(view);
  const user = await requireUser(request);
  recordAuditEvent({ kind: "export.downloaded", actorId: user.id, clientAddress: getClientAddress(request, context), details: { export: "statistics-summary", format: "pdf" } });
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="trag-statistics-${view.filters.from}-${view.filters.to}.pdf"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
