import type { Params } from "@remix-run/react";
import { findManagedGroup } from "~/models/groups.server";
import { errorResponse } from "~/utils/http.server";
import { requirePermission } from "~/utils/session.server";

/**
 * The signed-in trainer (or admin) and the group named by `params.groupId`, which they must
 * manage. Anything else, an unknown id or another trainer's group, answers 404 alike, so that
 * group ids cannot be probed.
 */
export async function requireManagedGroup(request: Request, params: Params) {
  const user = await requirePermission(request, "group:manage");
  const groupId = Number(params.groupId);
  const group = Number.isSafeInteger(groupId) && groupId > 0 ? findManagedGroup(groupId, user) : undefined;
  if (!group) throw errorResponse("errors.group.unknown", 404);
  return { user, group };
}
