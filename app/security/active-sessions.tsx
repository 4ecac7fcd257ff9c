import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/csrf-input";
import { createDateFormat } from "~/utils/dates";

/** A session as the account page lists it (dates as ISO strings). */
export type ActiveSession = { handle: string; browser: string | null; system: string | null; createdAt: string; lastSeenAt: string; current: boolean };

/** The account page's list of the user's signed-in sessions, each but the current one with a button that ends it. */
export function ActiveSessions({ sessions, ended }: { sessions: ActiveSession[]; ended: "one" | "others" | null }) {
  const { t, i18n } = useTranslation();
  // One time zone on the server and in the browser, so that hydration sees the same text.
  const format = createDateFormat(i18n.language, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Belgrade" });
  const device = (session: ActiveSession) =>
    session.browser && session.system
      ? t("security.sessions.browserOn", { browser: session.browser, system: session.system })
      : (session.browser ?? session.system ?? t("security.sessions.unknownDevice"));
  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{t("security.sessions.title")}</h2>
      <p>{t("security.sessions.intro")}</p>
      {ended ? (
        <p className="notice" role="status">
          {t(ended === "one" ? "security.sessions.endedOne" : "security.sessions.endedOthers")}
        </p>
      ) : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("security.sessions.device")}</th>
              <th scope="col">{t("security.sessions.signedIn")}</th>
              <th scope="col">{t("security.sessions.lastSeen")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("security.sessions.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.handle}>
                <td>
                  {device(session)}
                  {session.current ? <strong> ({t("security.sessions.current")})</strong> : null}
                </td>
                <td>
                  <time dateTime={session.createdAt}>{format.format(new Date(session.createdAt))}</time>
                </td>
                <td>
                  <time dateTime={session.lastSeenAt}>{format.format(new Date(session.lastSeenAt))}</time>
                </td>
                <td>
                  {session.current ? null : (
                    <Form method="post">
                      <CsrfInput />
                      <input type="hidden" name="session" value={session.handle} />
                      <button type="submit" name="intent" value="end-session" className="button button--secondary" aria-label={t("security.sessions.endNamed", { device: device(session) })}>
                        {t("security.sessions.end")}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sessions.some((session) => !session.current) ? (
        <Form method="post">
          <CsrfInput />
          <button type="submit" name="intent" value="end-other-sessions" className="button">
            {t("security.sessions.endOthers")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
