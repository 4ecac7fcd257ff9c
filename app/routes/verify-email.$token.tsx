import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { verifyEmailWithLink } from "~/accounts/email-links.server";
import type { StringsHandle } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";

export const handle: StringsHandle = { i18n: ["mail"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

// The token is in the address: never send it to another site as a referrer. Not "no-referrer": with it a
// browser without JavaScript posts the page's form with `Origin: null`, which the cross-site check refuses.
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "same-origin" });

/**
 * Following the link confirms the address (a GET: the link itself is the proof, and confirming
 * twice changes nothing). The link works once, and only while the account still has that address.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t } = await getT(request);
  const email = verifyEmailWithLink(params.token ?? "", new Date());
  return data({ title: `${t("mail.verify.title")} · Trag`, email }, { status: email ? 200 : 404 });
}

export default function VerifyEmail() {
  const { t } = useTranslation();
  const { email } = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <h1>{t("mail.verify.title")}</h1>
      <p className="notice" role="status">
        {email ? t("mail.verify.done", { email }) : t("mail.verify.invalid")}
      </p>
      <p>
        <Link to="/account">{t("mail.verify.account")}</Link>
      </p>
    </div>
  );
}
