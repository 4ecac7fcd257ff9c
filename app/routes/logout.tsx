import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { readForm } from "~/utils/forms.server";
import { endSession } from "~/utils/session.server";

export function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  await readForm(request);
  return endSession(request, "/");
}
