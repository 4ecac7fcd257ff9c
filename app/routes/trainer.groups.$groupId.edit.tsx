import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/csrf-input";
import { FormErrorSummary } from "~/components/form-field";
import { requireManagedGroup } from "~/groups/guards.server";
import { GroupFields, GroupHeader } from "~/groups/group-ui";
import { GroupSchema } from "~/groups/schemas";
import { updateGroup } from "~/models/groups.server";
import { readForm, validateForm } from "~/utils/forms.server";
import type { StringsHandle } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";

export const handle: StringsHandle = { i18n: ["groups"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group } = await requireManagedGroup(request, params);
  const { t } = await getT(request);
  return { title: `${t("groups.pageTitle", { page: t("groups.edit.title"), group: group.name })} · Trag`, group };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { group } = await requireManagedGroup(request, params);
  const form = validateForm(await readForm(request), GroupSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  updateGroup(group.id, form.data);
  return redirect(`/trainer/groups/${group.id}`);
}

export default function EditGroup() {
  const { t } = useTranslation();
  const { group } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div>
      <GroupHeader group={group} title={t("groups.edit.title")} />
      <div className="narrow">
        <FormErrorSummary errors={result?.errors} />
        <Form method="post" noValidate>
          <CsrfInput />
          <GroupFields values={result?.values ?? group} errors={result?.errors} />
          <button type="submit" className="button">
            {t("groups.edit.submit")}
          </button>
        </Form>
      </div>
    </div>
  );
}
