import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { MAIL_STATUSES } from "~/mail/constants";
import { listOutbox, OUTBOX_PAGE_SIZE } from "~/models/mail.server";
import { invariantResponse } from "~/utils/http.server";
import type { StringsHandle } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { requirePermission } from "~/utils/session.server";
import { createDateFormat } from "~/utils/dates";

export const handle: StringsHandle = { i18n: ["mail"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

const QuerySchema = z.object({
  status: z.enum(MAIL_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "user:manage");
  const { t } = await getT(request);
  const params = new URL(request.url).searchParams;
  const query = QuerySchema.safeParse({ status: params.get("status") || undefined, page: params.get("page") || undefined });
  invariantResponse(query.success, "errors.form.invalid", 400);
  const { rows, total, counts } = listOutbox(query.data);
  return { title: `${t("mail.outbox.title")} · Trag`, messages: rows, total, counts, page: query.data.page, pages: Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE)) };
}

export default function Outbox() {
  const { t, i18n } = useTranslation();
  const { messages, total, counts, page, pages } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const status = params.get("status") ?? "";
  const dateFormat = createDateFormat(i18n.language, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Belgrade" });
  const pageLink = (to: number) => `?${new URLSearchParams({ ...(status ? { status } : {}), page: String(to) })}`;
  return (
    <div>
      <h1>{t("mail.outbox.title")}</h1>
      <p>{t("mail.outbox.intro")}</p>
      {counts.failed > 0 ? (
        <p className="notice notice--warning">
          <Link to="?status=failed">{t("mail.outbox.failedNotice", { count: counts.failed })}</Link>
        </p>
      ) : null}
      <Form method="get" className="search-form">
        <label htmlFor="outbox-status">{t("mail.outbox.filter")}</label>
        <select id="outbox-status" name="status" defaultValue={status}>
          <option value="">{t("mail.outbox.all")}</option>
          {MAIL_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`mail.statuses.${s}`)} ({counts[s]})
            </option>
          ))}
        </select>
        <button type="submit" className="button">
          {t("mail.outbox.filterButton")}
        </button>
      </Form>
      <p role="status">{t("mail.outbox.count", { count: total })}</p>
      {messages.length === 0 ? (
        <p>{t("mail.outbox.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("mail.outbox.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("mail.outbox.subject")}</th>
                <th scope="col">{t("mail.outbox.recipient")}</th>
                <th scope="col">{t("mail.outbox.kind")}</th>
                <th scope="col">{t("mail.outbox.created")}</th>
                <th scope="col">{t("mail.outbox.status")}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((message) => (
                <tr key={message.id}>
                  <th scope="row">
                    <Link to={`/admin/outbox/${message.id}`}>{message.subject}</Link>
                  </th>
                  <td>{message.recipient}</td>
                  <td>{t(`mail.kinds.${message.kind}`)}</td>
                  <td>{dateFormat.format(new Date(message.createdAt))}</td>
                  <td>
                    {t(`mail.statuses.${message.status}`)}
                    {message.status === "failed" && message.lastError ? <span className="outbox-error">: {message.lastError}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label={t("mail.outbox.pages")} className="pagination">
          {page > 1 ? <Link to={pageLink(page - 1)}>{t("mail.outbox.previous")}</Link> : null} <span>{t("mail.outbox.page", { page, pages })}</span>{" "}
          {page < pages ? <Link to={pageLink(page + 1)}>{t("mail.outbox.next")}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
