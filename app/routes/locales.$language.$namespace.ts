import type { LoaderFunctionArgs } from "@remix-run/node";
import { isLanguage, isNamespace } from "~/utils/i18n";
import { resources } from "~/utils/i18n.server";

/** One namespace of UI strings, for the browser after a client-side navigation or language change. */
export function loader({ params }: LoaderFunctionArgs) {
  if (!isLanguage(params.language) || !isNamespace(params.namespace)) return new Response("errors.status.404.title", { status: 404 });
  return Response.json(resources[params.language][params.namespace], { headers: { "Cache-Control": "public, max-age=300" } });
}
