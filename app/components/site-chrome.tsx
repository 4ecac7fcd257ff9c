import { Form, Link, NavLink, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { LANGUAGE_NAMES } from "~/utils/i18n";
import { LANGUAGES } from "~/content/languages";
import type { loader as rootLoader } from "~/root";
import { CsrfInput } from "./csrf-input";

export function SiteHeader() {
  const { t } = useTranslation();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const user = root?.user;
  const can = (permission: string) => Boolean(user?.permissions.includes(permission));
  // The menu is a plain <details>, so it opens without JavaScript; with JavaScript it closes after a link in it leads on.
  const menu = useRef<HTMLDetailsElement>(null);
  const { pathname, search } = useLocation();
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname, search]);
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <header className="site-header">
        {/* Inside the header (banner landmark) so that no page content sits outside a landmark. */}
        {root?.demo ? (
          <p className="demo-banner" role="note">
            <span className="demo-banner__long">{t("demo.banner")}</span>
            <span className="demo-banner__short">{t("demo.bannerShort")}</span>
          </p>
        ) : null}
        <div className="site-header__inner">
          <Link to="/" className="brand">
            <span aria-hidden="true" className="brand__mark">
              ◆
            </span>{" "}
            Trag
          </Link>
          {/* On a phone the menu opens from its summary; on a wide screen app.css shows its content and hides the summary. */}
          <details className="site-menu" ref={menu}>
            <summary className="site-menu__toggle">{t("nav.menu")}</summary>
            <nav aria-label={t("nav.main")}>
              <ul className="nav-list">
                <li>
                  <NavLink to="/courses">{t("nav.catalogue")}</NavLink>
                </li>
                {user ? (
                  <li>
                    <NavLink to="/my-learning">{t("nav.myLearning")}</NavLink>
                  </li>
                ) : null}
                {can("group:manage") ? (
                  <li>
                    <NavLink to="/trainer/groups">{t("nav.groups")}</NavLink>
                  </li>
                ) : null}
                {can("user:manage") ? (
                  <li>
                    <NavLink to="/admin/users">{t("nav.admin")}</NavLink>
                  </li>
                ) : null}
                {can("user:manage") ? (
                  <li>
                    <NavLink to="/admin/outbox">{t("nav.outbox")}</NavLink>
                  </li>
                ) : null}
                {can("statistics:read") ? (
                  <li>
                    <NavLink to="/statistics">{t("nav.statistics")}</NavLink>
                  </li>
                ) : null}
                {can("certificate:revoke") ? (
                  <li>
                    <NavLink to="/admin/certificates">{t("nav.certificates")}</NavLink>
                  </li>
                ) : null}
                {can("audit:read") ? (
                  <li>
                    <NavLink to="/admin/audit">{t("nav.audit")}</NavLink>
                  </li>
                ) : null}
                {user ? (
                  <>
                    <li>
                      <NavLink to="/account">{t("nav.account")}</NavLink>
                    </li>
                    <li>
                      <Form method="post" action="/logout">
                        <CsrfInput />
                        <button type="submit" className="link-button">
                          {t("nav.logout")}
                        </button>
                      </Form>
                    </li>
                  </>
                ) : (
                  <>
                    <li>
                      <NavLink to="/login">{t("nav.login")}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/register">{t("nav.register")}</NavLink>
                    </li>
                  </>
                )}
              </ul>
            </nav>
            <SiteSearch />
            <Preferences />
          </details>
        </div>
      </header>
    </>
  );
}

/** A plain GET form: works without JavaScript, and the results page can be linked and reloaded. */
function SiteSearch() {
  const { t } = useTranslation();
  const location = useLocation();
  const query = location.pathname === "/search" ? (new URLSearchParams(location.search).get("q") ?? "") : "";
  return (
    // Labelled: admin pages have a search form of their own, and landmarks must be told apart.
    <Form method="get" action="/search" role="search" aria-label={t("searchField.label")} className="site-search">
      <label htmlFor="site-search" className="visually-hidden">
        {t("searchField.label")}
      </label>
      <input id="site-search" type="search" name="q" defaultValue={query} key={query} />
      <button type="submit">{t("searchField.button")}</button>
    </Form>
  );
}

function Preferences() {
  const { t } = useTranslation();
  const location = useLocation();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const back = location.pathname + location.search;
  return (
    <div className="preferences">
      <Form method="post" action="/preferences" className="language-switcher" reloadDocument>
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={back} />
        <input type="hidden" name="intent" value="language" />
        <label htmlFor="language-select">{t("preferences.language")}</label>
        <select id="language-select" name="language" defaultValue={root?.language ?? "en"}>
          {LANGUAGES.map((language) => (
            <option key={language} value={language} lang={language}>
              {LANGUAGE_NAMES[language]}
            </option>
          ))}
        </select>
        <button type="submit">{t("preferences.apply")}</button>
      </Form>
      <Form method="post" action="/preferences" className="text-size" aria-label={t("preferences.textSize")}>
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={back} />
        <input type="hidden" name="intent" value="text-size" />
        <span className="text-size__label" id="text-size-label">
          {t("preferences.textSize")}
        </span>
        <button type="submit" name="direction" value="smaller" aria-label={t("preferences.smaller")} aria-describedby="text-size-label">
          A−
        </button>
        <button type="submit" name="direction" value="larger" aria-label={t("preferences.larger")} aria-describedby="text-size-label">
          A+
        </button>
      </Form>
    </div>
  );
}

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <p>{t("footer.about")}</p>
    </footer>
  );
}
