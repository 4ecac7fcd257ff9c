import type { AppLoadContext } from "@remix-run/node";
import { createContext, useContext, useState } from "react";

/**
 * Large pre-rendered HTML (a lesson's body) travels once per page. On a document request the
 * loader hands it to the render through the load context (scripts/serve.js makes the map) and
 * leaves it out of the loader data, which would otherwise repeat it in the page for hydration;
 * the browser then takes it from the page itself. On a data request (a client-side navigation,
 * `/path.data`) there is no map and the HTML travels as loader data.
 */
export const HtmlFragments = createContext<Map<string, string> | null>(null);

/** In a loader: `html` as loader data, or null when the document's render gets it from the load context. */
export function htmlFragment(context: AppLoadContext, id: string, html: string): string | null {
  if (!context.htmlFragments) return html;
  context.htmlFragments.set(id, html);
  return null;
}

/** In a component: the HTML of the element with `id`, from loader data, the render's load context, or the page. */
export function useHtmlFragment(id: string, html: string | null): string {
  const fragments = useContext(HtmlFragments);
  const [atLoad] = useState(() => html ?? fragments?.get(id) ?? (typeof document === "undefined" ? "" : (document.getElementById(id)?.innerHTML ?? "")));
  return html ?? atLoad;
}
