import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getOutboxMessage } from "~/models/mail.server";
import { invariantResponse } from "~/utils/http.server";
import { LANGUAGE_NAMES, type StringsHandle } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { requirePermission } from "~/utils/session.server";
import { createDateFormat } from "~/utils/dates";

export const handle: StringsHandle = { i18n: ["mail"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "user:manage");
  const { t } = await getT(request);
  const id = Number(params.messageId);
  const message = Number.isSafeInteger(id) && id > 0 ? getOutboxMessage(id) : undefined;
  invariantResponse(message, "errors.status.404.body", 404);
  const { dedupeKey: _dedupeKey, userId: _userId, ...shown } = message;
  return { title: `${message.subject} · ${t("mail.outbox.title")} · Trag`, message: shown };
}

export default function OutboxMessage() {
  const { t, i18n } = useTranslation();
  const { message } = useLoaderData<typeof loader>();
  const dateFormat = createDateFormat(i18n.language, { dateStyle: "medium", timeStyle: "medium", timeZone: "Europe/Belgrade" });
  return (
    <div>
      <p>
        <Link to="/admin/outbox">{t("mail.outbox.back")}</Link>
      </p>
      <h1>{message.subject}</h1>
      <dl className="mail-facts">
        <dt>{t("mail.outbox.recipient")}</dt>
        <dd>{message.recipient}</dd>
        <dt>{t("mail.outbox.kind")}</dt>
        <dd>{t(`mail.kinds.${message.kind}`)}</dd>
        <dt>{t("mail.outbox.language")}</dt>
        <dd>{LANGUAGE_NAMES[message.language]}</dd>
        <dt>{t("mail.outbox.status")}</dt>
        <dd>{t(`mail.statuses.${message.status}`)}</dd>
        <dt>{t("mail.outbox.created")}</dt>
        <dd>{dateFormat.format(new Date(message.createdAt))}</dd>
        {message.sentAt ? (
          <>
            <dt>{t("mail.outbox.sent")}</dt>
            <dd>{dateFormat.format(new Date(message.sentAt))}</dd>
          </>
        ) : null}
        <dt>{t("mail.outbox.attempts")}</dt>
        <dd>{message.attempts}</dd>
        <dt>{t("mail.outbox.messageId")}</dt>
        <dd>
          <code>{message.messageId}</code>
        </dd>
        {message.lastError ? (
          <>
            <dt>{t("mail.outbox.lastError")}</dt>
            <dd>
              <code>{message.lastError}</code>
            </dd>
          </>
        ) : null}
      </dl>
      <h2>{t("mail.outbox.text")}</h2>
      <pre className="mail-text" lang={message.language}>
        <LinkedText text={message.text} />
      </pre>
      <details>
        <summary>{t("mail.outbox.html")}</summary>
        <pre className="mail-text">{message.html}</pre>
      </details>
    </div>
  );
}

/** The text with its web addresses as links (the admin follows them when no SMTP server sends them). */
function LinkedText({ text }: { text: string }) {
  return text.split(/(https?:\/\/[^\s<>"]+)/).map((part, index) =>
    index % 2 === 1 ? (
      <a key={index} href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}
