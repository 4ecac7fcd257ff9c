import type { LoaderFunctionArgs } from "@remix-run/node";
import { itemExportResponse, requireItemReader } from "~/statistics/items.server";

/** GET /statistics/items/export?course&module[&group]&table&format: one item-analysis table as CSV or XLSX. */
export async function loader({ request }: LoaderFunctionArgs) {
  return itemExportResponse(request, await requireItemReader(request));
}
