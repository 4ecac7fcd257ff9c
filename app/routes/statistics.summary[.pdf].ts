import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadDashboard } from "~/statistics/dashboard.server";
import { renderStatisticsPdf } from "~/statistics/pdf.server";

/** GET /statistics/summary.pdf?…filters…: the current view as a two-page PDF summary. */
export async function loader({ request }: LoaderFunctionArgs) {
  const view = await loadDashboard(request);
  const bytes = await renderStatisticsPdf(view);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="trag-statistics-${view.filters.from}-${view.filters.to}.pdf"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
