import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordAuditEvent } from "~/models/audit.server";
import { z } from "zod";
import type { TableId } from "~/statistics/dashboard";
import { loadDashboard } from "~/statistics/dashboard.server";
import { csvStream, EXPORT_FORMATS, xlsxStream } from "~/statistics/export.server";
import { describeView } from "~/statistics/view.server";
import { getClientAddress } from "~/utils/client-address.server";
import { errorResponse } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";

const TABLES = ["totals", "modules", "institution", "district", "language", "group", "month"] as const satisfies readonly TableId[];
const ExportSchema = z.object({
  table: z.enum(TABLES, { errorMap: () => ({ message: "statistics.errors.table" }) }),
  format: z.enum(EXPORT_FORMATS, { errorMap: () => ({ message: "statistics.errors.format" }) }),
});

/** GET /statistics/export?…filters…&table=district&format=csv: one table of the current view as a file. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const search = new URL(request.url).searchParams;
  const view = await loadDashboard(request, { withGroups: search.get("table") === "group" });
  const parsed = ExportSchema.safeParse({ table: search.get("table"), format: search.get("format") });
  if (!parsed.success) throw errorResponse(parsed.error.issues[0]?.message ?? "statistics.errors.table", 400);
  const { table, format } = parsed.data;
  const user = await requireUser(request);
  recordAuditEvent({ kind: "export.downloaded", actorId: user.id, clientAddress: getClientAddress(request, context), details: { export: "statistics", table, format } });
  const filename = `trag-statistics-${table}-${view.filters.from}-${view.filters.to}.${format}`;
  const headers = {
    "Content-Disposition": `attachment; filename="${filename}"`,
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  };
  if (format === "csv") return new Response(csvStream(view.dashboard[table], view.labels), { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" } });
  return new Response(xlsxStream(view.dashboard[table], view.labels, describeView(view)), {
    headers: { ...headers, "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  });
}
