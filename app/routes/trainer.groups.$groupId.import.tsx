import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { intlLocale, isLanguage, LANGUAGE_NAMES } from "~/utils/i18n";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/form-field";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, previewGroupImport, runGroupImport, type ImportRefusal, type PreviewRow } from "~/groups/csv-import.server";
import { requireManagedGroup } from "~/groups/guards.server";
import { GroupHeader } from "~/groups/group-ui";
import { readForm } from "~/utils/forms.server";
import { errorResponse } from "~/utils/http.server";
import type { StringsHandle } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";

export const handle: StringsHandle = { i18n: ["groups"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group } = await requireManagedGroup(request, params);
  const { t } = await getT(request);
  return { title: `${t("groups.pageTitle", { page: t("groups.import.title"), group: group.name })} · Trag`, group, maxRows: MAX_IMPORT_ROWS };
}

/** What the page shows of each row: the row as read, and what happens to it. */
function describeRows(rows: PreviewRow[]) {
  return rows.map(({ line, fullName, email, person, action, errors }) => ({
    line,
    fullName,
    email,
    institutionType: person?.institutionType ?? null,
    language: person?.language ?? null,
    action,
    errors,
  }));
}

function refuse(refusal: ImportRefusal) {
  return data({ stage: "refused" as const, refusal, rows: [], csv: "", created: 0, added: 0 }, { status: refusal.status });
}

// The file itself may be up to 1 MB; the rest of the form is a few fields.
const MAX_REQUEST_BYTES = MAX_IMPORT_BYTES + 64 * 1024;

export async function action({ request, params }: ActionFunctionArgs) {
  const { group } = await requireManagedGroup(request, params);
  let formData: FormData;
  try {
    formData = await readForm(request, MAX_REQUEST_BYTES);
  } catch (error) {
    // Too large to read at all: the same message as a file just over the limit.
    if (error instanceof Response && error.status === 413) return refuse({ error: "groups.import.tooLarge", status: 413 });
    throw error;
  }
  const intent = formData.get("intent");
  if (intent === "preview") {
    const file = formData.get("file");
    if (!(file instanceof File) || file.size === 0) return refuse({ error: "groups.import.noFile", status: 400 });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const preview = previewGroupImport(group.id, bytes);
    if (!preview.ok) return refuse(preview);
    // The preview carries the file's text in a hidden field; confirming checks all of it again.
    return data({ stage: "preview" as const, refusal: null, rows: describeRows(preview.rows), csv: new TextDecoder().decode(bytes), created: 0, added: 0 });
  }
  if (intent === "confirm") {
    const csv = formData.get("csv");
    if (typeof csv !== "string" || csv === "") return refuse({ error: "groups.import.noFile", status: 400 });
    const result = await runGroupImport(group.id, new TextEncoder().encode(csv), new Date());
    if (!result.ok) return refuse(result);
    return data({ stage: "done" as const, refusal: null, rows: describeRows(result.rows), csv: "", created: result.created, added: result.added });
  }
  throw errorResponse("errors.form.invalid", 400);
}

export default function ImportLearners() {
  const { t, i18n } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const { group } = loaded;
  // Counts as the page's language writes them (2.000, not 2000).
  const number = new Intl.NumberFormat(isLanguage(i18n.language) ? intlLocale(i18n.language) : "en-GB");
  const maxRows = number.format(loaded.maxRows);
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const rows = result?.rows ?? [];
  const toImport = rows.filter((row) => row.action !== "skip");
  const skipped = rows.length - toImport.length;
  return (
    <div>
      <GroupHeader group={group} title={t("groups.import.title")} />
      {result?.stage === "done" ? (
        <div role="status" className="notice">
          <p>{t("groups.import.done", { created: result.created, added: result.added })}</p>
          {skipped > 0 ? <p>{t("groups.import.doneSkipped", { count: skipped })}</p> : null}
          <p>
            <Link to={`/trainer/groups/${group.id}/members`}>{t("groups.import.toMembers")}</Link>
          </p>
        </div>
      ) : null}
      {result?.refusal ? (
        <p role="alert" className="form-errors">
          {t(result.refusal.error, {
            ...Object.fromEntries(Object.entries(result.refusal.values ?? {}).map(([key, value]) => [key, typeof value === "number" && key !== "line" ? number.format(value) : value])),
            maxRows,
          })}
        </p>
      ) : null}

      {result?.stage === "preview" ? (
        <section aria-labelledby="preview">
          <h2 id="preview">{t("groups.import.previewTitle")}</h2>
          <p role="status">
            {t("groups.import.summary", { created: toImport.filter((row) => row.action === "create").length, added: toImport.filter((row) => row.action === "add").length })}{" "}
            {skipped > 0 ? t("groups.import.summarySkipped", { count: skipped }) : null}
          </p>
          <PreviewTable rows={rows} />
          {toImport.length > 0 ? (
            <Form method="post" encType="multipart/form-data">
              <CsrfInput />
              <input type="hidden" name="csv" value={result.csv} />
              <button type="submit" name="intent" value="confirm" className="button" disabled={busy}>
                {t("groups.import.confirm", { count: toImport.length })}
              </button>
            </Form>
          ) : (
            <p>{t("groups.import.nothing")}</p>
          )}
          <h2>{t("groups.import.another")}</h2>
        </section>
      ) : null}

      <div className="narrow">
        <p>{t("groups.import.intro")}</p>
        <ul>
          <li>{t("groups.import.columns")}</li>
          <li>{t("groups.import.values")}</li>
          <li>{t("groups.import.limits", { maxRows })}</li>
        </ul>
        <Form method="post" encType="multipart/form-data">
          <CsrfInput />
          <Field name="file" label={t("groups.import.file")}>
            {({ id, describedBy }) => <input id={id} name="file" type="file" accept=".csv,text/csv" required aria-describedby={describedBy} />}
          </Field>
          <button type="submit" name="intent" value="preview" className="button" disabled={busy}>
            {t("groups.import.preview")}
          </button>
        </Form>
      </div>
    </div>
  );
}

function PreviewTable({ rows }: { rows: ReturnType<typeof describeRows> }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{t("groups.import.previewTitle")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("groups.import.line")}</th>
            <th scope="col">{t("fields.fullName")}</th>
            <th scope="col">{t("fields.email")}</th>
            <th scope="col">{t("fields.institutionType")}</th>
            <th scope="col">{t("fields.language")}</th>
            <th scope="col">{t("groups.import.result")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.line} className={row.action === "skip" ? "row--error" : undefined}>
              <td>{row.line}</td>
              <th scope="row">{row.fullName}</th>
              <td>{row.email}</td>
              <td>{row.institutionType ? t(`institutions.${row.institutionType}`) : null}</td>
              <td>{row.language ? LANGUAGE_NAMES[row.language] : null}</td>
              <td>
                {row.action === "skip" ? (
                  <ul className="row-errors">
                    {row.errors.map((error) => (
                      <li key={error}>{t(error)}</li>
                    ))}
                  </ul>
                ) : (
                  t(row.action === "create" ? "groups.import.willCreate" : "groups.import.willAdd")
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
