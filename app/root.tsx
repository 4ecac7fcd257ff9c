import { data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SiteFooter, SiteHeader } from "~/components/site-chrome";
import stylesUrl from "~/styles/app.css?url";
import { getEnv } from "~/utils/env.server";
import { getCsrfToken } from "~/utils/forms.server";
import { getLanguage } from "~/utils/i18n.server";
import { PERMISSIONS } from "~/utils/permissions";
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

export type RootData = Awaited<ReturnType<typeof loader>>["data"];

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

// The strings the browser starts with, as a script: the same for every page in a language, so
// serialised once per resource bundle instead of on every request (bench/changes.md).
const bootScripts = new WeakMap<object, string>();
function bootScript(language: string, messages: object) {
  let script = bootScripts.get(messages);
  if (script === undefined) {
    script = `window.__trag=${JSON.stringify({ language, messages }).replace(/</g, "\\u003c")}`;
    bootScripts.set(messages, script);
  }
  return script;
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRootData();
  const { i18n } = useTranslation();
  const language = root?.language ?? i18n.language ?? "en";
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
        <script dangerouslySetInnerHTML={{ __html: bootScript(i18n.language, i18n.getResourceBundle(i18n.language, "common") ?? {}) }} />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  const root = useRootData();
  useSyncLanguage(root?.language);
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

/** After a client-side navigation that changes the language, load its strings and switch. */
function useSyncLanguage(language: string | undefined) {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (!language || i18n.language === language) return;
    let cancelled = false;
    void (async () => {
      if (!i18n.hasResourceBundle(language, "common")) {
        const response = await fetch(`/locales/${language}`);
        if (!response.ok || cancelled) return;
        i18n.addResourceBundle(language, "common", await response.json());
      }
      if (!cancelled) await i18n.changeLanguage(language);
    })();
    return () => {
      cancelled = true;
    };
  }, [language, i18n]);
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
