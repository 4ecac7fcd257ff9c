import { data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import type { i18n as I18n } from "i18next";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SiteFooter, SiteHeader } from "~/components/site-chrome";
import { useCspNonce } from "~/utils/csp-nonce";
import stylesUrl from "~/styles/app.css?url";
import { getEnv } from "~/utils/env.server";
import { getCsrfToken } from "~/utils/forms.server";
import { pageNamespaces, type Namespace } from "~/utils/i18n";
import { getLanguage } from "~/utils/i18n.server";
import { PERMISSIONS } from "~/utils/permissions";
import { isPageDataReply } from "~/utils/page-data-reply";
import { getTextSize } from "~/utils/preferences.server";
import { getUser } from "~/utils/session.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, language, csrf] = await Promise.all([getUser(request), getLanguage(request), getCsrfToken(request)]);
  const headers = new Headers();
  if (csrf.setCookie) headers.append("Set-Cookie", csrf.setCookie);
  return data(
    {
      language,
      csrf: csrf.token,
      demo: getEnv().TRAG_DEMO,
      textSize: await getTextSize(request),
      user: user && { fullName: user.fullName, role: user.role, permissions: [...PERMISSIONS[user.role]] as string[] },
    },
    { headers },
  );
}

/** A reply that carries its page's new data changes nothing the root shows (the user, the language). */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) => (isPageDataReply(actionResult) ? false : defaultShouldRevalidate);

export type RootData = Awaited<ReturnType<typeof loader>>["data"];

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

// The strings the browser starts with, as a script: the same for every page in a language that
// needs the same namespaces, so serialised once per combination instead of on every request.
const bootScripts = new Map<string, string>();
function bootScript(i18n: I18n, namespaces: Namespace[]) {
  const key = `${i18n.language} ${namespaces.join(" ")}`;
  let script = bootScripts.get(key);
  if (script === undefined) {
    const messages = Object.fromEntries(namespaces.map((ns) => [ns, i18n.getResourceBundle(i18n.language, ns) ?? {}]));
    script = `window.__trag=${JSON.stringify({ language: i18n.language, messages }).replace(/</g, "\\u003c")}`;
    bootScripts.set(key, script);
  }
  return script;
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRootData();
  const { i18n } = useTranslation();
  const namespaces = pageNamespaces(useMatches());
  const language = root?.language ?? i18n.language ?? "en";
  const nonce = useCspNonce();
  // Observable sign that React has hydrated the page (end-to-end tests wait for it).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang={language} data-text-size={root?.textSize ?? "m"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: bootScript(i18n, namespaces) }} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const root = useRootData();
  // After a client-side navigation, waits (suspending inside the router's transition, so the
  // previous page stays up) until the new page's namespaces are loaded in the page's language.
  const { i18n } = useTranslation(pageNamespaces(useMatches()));
  useEffect(() => {
    if (root?.language && i18n.language !== root.language) void i18n.changeLanguage(root.language);
  }, [root?.language, i18n]);
  return (
    <>
      <SiteHeader />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <SiteFooter />
    </>
  );
}

export function ErrorBoundary() {
  return (
    <>
      <SiteHeader />
      <main id="main" tabIndex={-1}>
        <GeneralErrorBoundary />
      </main>
    </>
  );
}
