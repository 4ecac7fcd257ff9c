import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/csrf-input";
import { FormErrorSummary } from "~/components/form-field";
import { GroupFields } from "~/groups/group-ui";
import { GroupSchema } from "~/groups/schemas";
import { createGroup } from "~/models/groups.server";
import { readForm, validateForm } from "~/utils/forms.server";
import type { StringsHandle } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { requirePermission } from "~/utils/session.server";

export const handle: StringsHandle = { i18n: ["groups"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "group:manage");
  const { t } = await getT(request);
  return { title: `${t("groups.new.title")} · Trag` };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "group:manage");
  const form = validateForm(await readForm(request), GroupSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const group = createGroup(form.data, user.id, new Date());
  return redirect(`/trainer/groups/${group.id}`);
}

export default function NewGroup() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  return (
    <div className="narrow">
      <h1>{t("groups.new.title")}</h1>
      <FormErrorSummary errors={result?.errors} />
      <Form method="post" noValidate>
        <CsrfInput />
        <GroupFields values={result?.values ?? {}} errors={result?.errors} />
        <button type="submit" className="button">
          {t("groups.new.submit")}
        </button>
      </Form>
    </div>
  );
}
