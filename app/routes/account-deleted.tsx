import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { StringsHandle } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";

export const handle: StringsHandle = { i18n: ["security"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

/** Where deleting one's own account ends: said plainly, for anyone (the person is signed out by then). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getT(request);
  return { title: `${t("security.data.deletedTitle")} · Trag` };
}

export default function AccountDeleted() {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <h1>{t("security.data.deletedTitle")}</h1>
      <p role="status">{t("security.data.deletedBody")}</p>
      <p>
        <Link to="/">{t("errors.home")}</Link>
      </p>
    </div>
  );
}
