import type { LoaderFunctionArgs } from "@remix-run/node";
import { personalDataDownload, requireManagedUser } from "~/accounts/personal-data.server";
import { getClientAddress } from "~/utils/client-address.server";

/** GET /admin/users/:userId/data: everything Trag stores about a user, for an admin answering their request. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { admin, target } = await requireManagedUser(request, params);
  return personalDataDownload(target.id, { actorId: admin.id, clientAddress: getClientAddress(request, context) });
}
