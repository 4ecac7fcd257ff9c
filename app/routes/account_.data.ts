import type { LoaderFunctionArgs } from "@remix-run/node";
import { personalDataDownload } from "~/accounts/personal-data.server";
import { getClientAddress } from "~/utils/client-address.server";
import { requireUser } from "~/utils/session.server";

/** GET /account/data: everything Trag stores about the signed-in user, as one JSON file. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return personalDataDownload(user.id, { actorId: user.id, clientAddress: getClientAddress(request, context) });
}
