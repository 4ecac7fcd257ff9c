import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  throw redirect((await getUser(request)) ? "/my-learning" : "/courses");
}
