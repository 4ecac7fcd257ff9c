import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { recordAuditEvent } from "~/models/audit.server";
import { getClientAddress } from "~/utils/client-address.server";
import { readForm } from "~/utils/forms.server";
import { endSession, getUser } from "~/utils/session.server";

export function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  await readForm(request);
  const user = await getUser(request);
  if (user) recordAuditEvent({ kind: "logout", actorId: user.id, subjectId: user.id, clientAddress: getClientAddress(request, context) });
  return endSession(request, "/");
}

/**
 * Never shown: the loader redirects and a successful post does too. Being a page route (not a
 * resource route) lets a refused post (CSRF, unreadable or invalid form) get the error page in the
 * user's language instead of a bare message key (tests/integration/hostile-input.test.ts).
 */
export default function Logout() {
  return null;
}
