import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireManagedGroup } from "~/groups/guards.server";
import { itemExportResponse } from "~/statistics/items.server";

/** GET /trainer/groups/:groupId/items/export?course&module&table&format: one table of the group's item analysis as CSV or XLSX. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group } = await requireManagedGroup(request, params);
  return itemExportResponse(request, { groupId: group.id, groupName: group.name });
}
