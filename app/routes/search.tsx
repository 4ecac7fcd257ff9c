import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { calloutLabels } from "~/content/callout-labels.server";
import { searchCourses, type Segment } from "~/search/search.server";
import { getT } from "~/utils/i18n.server";
import type { StringsHandle } from "~/utils/i18n";
import { hasPermission } from "~/utils/permissions";
import { getUser } from "~/utils/session.server";

export const handle: StringsHandle = { i18n: ["search"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · Trag` : "Trag" }];

/** The search's own time, as Server-Timing (npm run bench reads it: bench/scenarios/search.ts). */
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, { language, t }] = await Promise.all([getUser(request), getT(request)]);
  const url = new URL(request.url);
  const lessons = Boolean(user && hasPermission(user.role, "course:study"));
  const started = performance.now();
  const cpu = process.cpuUsage();
  const outcome = searchCourses({ query: url.searchParams.get("q") ?? "", page: Number(url.searchParams.get("page")) || 1, language, lessons, labels: calloutLabels(language, t) });
  // Measured around the search alone: the awaits before it let other requests run in between. Its
  // CPU time too (the process's, user and system), which other work on the machine does not inflate.
  const searchMs = performance.now() - started;
  const { user: userUs, system: systemUs } = process.cpuUsage(cpu);
  const page = {
    ...outcome,
    title: outcome.query ? t("search.titleFor", { query: outcome.query }) : t("search.title"),
    loginHref: lessons ? null : `/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`,
  };
  return data(page, { headers: { "Server-Timing": `search;dur=${searchMs.toFixed(2)}, search-cpu;dur=${((userUs + systemUs) / 1000).toFixed(2)}` } });
}

function Marked({ segments }: { segments: Segment[] }) {
  return segments.map((segment, i) => (segment.mark ? <mark key={i}>{segment.text}</mark> : <Fragment key={i}>{segment.text}</Fragment>));
}

export default function SearchPage() {
  const { t } = useTranslation();
  const { query, cut, partial, total, page, pages, first, results, suggestions, loginHref } = useLoaderData<typeof loader>();
  const pageHref = (n: number) => `/search?${new URLSearchParams({ q: query, page: String(n) })}`;
  return (
    <div className="search-page">
      <h1>{t("search.title")}</h1>
      {cut ? (
        <p className="status" role="status">
          {t("search.cut", { query })}
        </p>
      ) : null}
      {!query ? (
        <p>{t("search.prompt")}</p>
      ) : results.length > 0 ? (
        <>
          <p role="status">
            {t("search.count", { count: total, query })}
            {partial ? ` ${t("search.partial")}` : null}
            {pages > 1 ? ` ${t("search.showing", { first, last: first + results.length - 1, total })}` : null}
          </p>
          <ol className="search-results" aria-label={t("search.results")} start={first}>
            {results.map((result) => (
              <li key={result.href} className="search-result">
                <h2 className="search-result__title">
                  {/* A document load, so that the browser itself scrolls to the heading in the address. */}
                  <a href={result.href}>
                    <Marked segments={result.title} />
                  </a>
                </h2>
                <p className="search-result__place muted">
                  {t(`search.kind.${result.kind}`)} · {result.place}
                  {result.heading ? (
                    <>
                      {" › "}
                      <Marked segments={result.heading} />
                    </>
                  ) : null}
                </p>
                <p className="search-result__passage">
                  <Marked segments={result.passage} />
                </p>
              </li>
            ))}
          </ol>
          {pages > 1 ? (
            <nav aria-label={t("search.pager")} className="pager">
              {page > 1 ? (
                <Link to={pageHref(page - 1)} rel="prev">
                  {t("search.previous")}
                </Link>
              ) : (
                <span />
              )}
              {page < pages ? (
                <Link to={pageHref(page + 1)} rel="next">
                  {t("search.next")}
                </Link>
              ) : null}
            </nav>
          ) : null}
        </>
      ) : (
        <>
          <p role="status">{t("search.none", { query })}</p>
          <p>{t("search.tips")}</p>
          {suggestions.length > 0 ? (
            <>
              <p>{t("search.suggestions")}</p>
              <ul>
                {suggestions.map((suggestion) => (
                  <li key={suggestion.href}>
                    <Link to={suggestion.href}>{suggestion.term}</Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
      {loginHref && query ? (
        <p>
          {t("search.lessonsNeedLogin")} <Link to={loginHref}>{t("search.logIn")}</Link>
        </p>
      ) : null}
    </div>
  );
}
