import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AUDIT_EVENT_KINDS } from "~/audit/constants";
import { AUDIT_TIME_ZONE } from "~/audit/constants";
import { auditFilterOf, AuditQuerySchema } from "~/audit/filter.server";
import { AUDIT_PAGE_SIZE, listAuditEvents } from "~/models/audit.server";
import { invariantResponse } from "~/utils/http.server";
import { getT } from "~/utils/i18n.server";
import type { StringsHandle } from "~/utils/i18n";
import { requirePermission } from "~/utils/session.server";
import { createDateFormat } from "~/utils/dates";

export const handle: StringsHandle = { i18n: ["audit"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "audit:read");
  const { t } = await getT(request);
  const query = AuditQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  invariantResponse(query.success, "audit.invalidFilter", 400);
  const events = listAuditEvents(auditFilterOf(query.data));
  return {
    title: `${t("audit.title")} · Trag`,
    events: events.map((event) => ({ ...event, at: event.at.toISOString() })),
    olderThan: events.length === AUDIT_PAGE_SIZE ? events[events.length - 1].id : null,
  };
}

function Person({ name, email, id }: { name: string | null; email: string | null; id: number | null }) {
  const { t } = useTranslation();
  if (id === null) return <>{t("audit.nobody")}</>;
  if (!name) return <>{t("audit.deletedAccount", { id })}</>;
  return (
    <>
      {name}
      <br />
      <span className="muted">{email}</span>
    </>
  );
}

export default function AdminAudit() {
  const { t, i18n } = useTranslation();
  const detailValue = (key: string, value: string | number | boolean | null) => (key === "from" || key === "to" ? t(`roles.${value}`) : key === "reason" ? t(`audit.reasons.${value}`) : String(value));
  const { events, olderThan } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const time = createDateFormat(i18n.language, { dateStyle: "medium", timeStyle: "medium", timeZone: AUDIT_TIME_ZONE });
  const older = new URLSearchParams(params);
  if (olderThan !== null) older.set("before", String(olderThan));
  return (
    <div>
      <h1>{t("audit.title")}</h1>
      <p className="lead">{t("audit.intro")}</p>
      <Form method="get" className="filter-form" aria-label={t("audit.filter")}>
        <div className="field">
          <label htmlFor="audit-kind">{t("audit.kind")}</label>
          <select id="audit-kind" name="kind" defaultValue={params.get("kind") ?? ""}>
            <option value="">{t("audit.allKinds")}</option>
            {AUDIT_EVENT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`audit.kinds.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-user">{t("audit.user")}</label>
          <input id="audit-user" type="search" name="user" defaultValue={params.get("user") ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t("audit.from")}</label>
          <input id="audit-from" type="date" name="from" defaultValue={params.get("from") ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="audit-until">{t("audit.until")}</label>
          <input id="audit-until" type="date" name="until" defaultValue={params.get("until") ?? ""} />
        </div>
        <button type="submit" className="button">
          {t("audit.apply")}
        </button>
      </Form>
      <p role="status">{t("audit.count", { count: events.length })}</p>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t("audit.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("audit.when")}</th>
              <th scope="col">{t("audit.kind")}</th>
              <th scope="col">{t("audit.actor")}</th>
              <th scope="col">{t("audit.subject")}</th>
              <th scope="col">{t("audit.details")}</th>
              <th scope="col">{t("audit.client")}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id}>
                <td>
                  <time dateTime={event.at}>{time.format(new Date(event.at))}</time>
                </td>
                <th scope="row">{t(`audit.kinds.${event.kind}`)}</th>
                <td>
                  <Person id={event.actorId} name={event.actorName} email={event.actorEmail} />
                </td>
                <td>
                  <Person id={event.subjectId} name={event.subjectName} email={event.subjectEmail} />
                </td>
                <td>
                  {event.details ? (
                    <dl className="inline-details">
                      {Object.entries(event.details).map(([key, value]) => (
                        <div key={key}>
                          <dt>{t(`audit.detailKeys.${key}`, { defaultValue: key })}</dt>
                          <dd>{detailValue(key, value)}</dd>
                        </div>
                      ))}
                    </dl>
                  ) : null}
                </td>
                <td>
                  <code>{event.clientKey ?? "—"}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {olderThan !== null ? (
        <p>
          <Link to={`?${older}`}>{t("audit.older")}</Link>
        </p>
      ) : null}
    </div>
  );
}
