import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/form-field";
import { formatJoinCode, normalizeJoinCode } from "~/groups/join-code";
import type { StringsHandle } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";

export const handle: StringsHandle = { i18n: ["groups"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

/** Where a learner types the code a trainer gave them; the form goes (GET) to the code's own page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getT(request);
  const typed = new URL(request.url).searchParams.get("code");
  const title = `${t("groups.join.title")} · Trag`;
  if (typed === null) return data({ title, typed: "", error: null });
  const code = normalizeJoinCode(typed);
  if (code) throw redirect(`/join/${formatJoinCode(code)}`);
  return data({ title, typed: typed.slice(0, 40), error: "groups.join.malformed" }, { status: 400 });
}

export default function JoinForm() {
  const { t } = useTranslation();
  const { typed, error } = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <h1>{t("groups.join.title")}</h1>
      <p>{t("groups.join.intro")}</p>
      <Form method="get">
        <Field name="code" label={t("groups.join.code")} hint={t("groups.join.codeHint")} error={error ?? undefined} defaultValue={typed} autoComplete="off" />
        <button type="submit" className="button">
          {t("groups.join.continue")}
        </button>
      </Form>
    </div>
  );
}
