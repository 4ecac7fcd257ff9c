import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordAuditEvent } from "~/models/audit.server";
import { requireManagedGroup } from "~/groups/guards.server";
import { getClientAddress } from "~/utils/client-address.server";
import { attachmentHeader, dayOf, gridTable, toCsv, xlsxStream } from "~/progress/export.server";
import { buildProgressGrid, parseGridQuery } from "~/progress/grid.server";
import { EXPORT_FORMATS, type ExportFormat } from "~/progress/paths";
import { errorResponse } from "~/utils/http.server";
import { getT } from "~/utils/i18n.server";

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The progress grid as CSV or XLSX, sorted and filtered like the page's query string; the group's name and the day in the file name. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { group, user } = await requireManagedGroup(request, params);
  const format = EXPORT_FORMATS.find((known) => known === params.format);
  if (!format) throw errorResponse("progress.errors.unknownFormat", 404);
  const query = parseGridQuery(new URL(request.url));
  const { t, language } = await getT(request);
  const now = new Date();
  const table = gridTable(buildProgressGrid(group.id, language, query, now), t);
  const body: BodyInit = format === "csv" ? toCsv(table) : xlsxStream(table, t("progress.export.sheet"));
  recordAuditEvent({ kind: "export.downloaded", actorId: user.id, clientAddress: getClientAddress(request, context), details: { export: "progress", groupId: group.id, format }, at: now });
  return new Response(body, {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": attachmentHeader(`${group.name} ${t("progress.export.file")} ${dayOf(now.getTime())}.${format}`),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
