import type { LoaderFunctionArgs } from "@remix-run/node";
import { isLanguage } from "~/utils/i18n";
import { resources } from "~/utils/i18n.server";

/** UI strings of one language, for the browser after a client-side language change. */
export function loader({ params }: LoaderFunctionArgs) {
  if (!isLanguage(params.language)) return new Response("errors.status.404.title", { status: 404 });
  return Response.json(resources[params.language].common, { headers: { "Cache-Control": "public, max-age=300" } });
}
