import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/form-field";
import { gridPath } from "~/progress/paths";
import { createDateFormat } from "~/utils/dates";

/** A date without a time (`YYYY-MM-DD`) in the page's language, the same day wherever the browser is. */
export function useFormatDay() {
  const { i18n } = useTranslation();
  const format = createDateFormat(i18n.language, { dateStyle: "long", timeZone: "UTC" });
  return (day: string) => format.format(new Date(`${day}T00:00:00Z`));
}

/** "Workshop on 20 February 2024 in Beograd", or null for a group without a workshop date. */
export function useWorkshopText() {
  const { t } = useTranslation();
  const formatDay = useFormatDay();
  return (group: { workshopDate: string | null; workshopPlace: string | null }) =>
    !group.workshopDate
      ? null
      : group.workshopPlace
        ? t("groups.overview.workshopAt", { date: formatDay(group.workshopDate), place: group.workshopPlace })
        : t("groups.overview.workshopOn", { date: formatDay(group.workshopDate) });
}

/** A group page's heading and the links between its pages. */
export function GroupHeader({ group, title }: { group: { id: number; name: string; archivedAt: string | Date | null }; title?: string }) {
  const { t } = useTranslation();
  const base = `/trainer/groups/${group.id}`;
  return (
    <>
      <p className="muted">
        <NavLink to="/trainer/groups" end>
          {t("groups.list.title")}
        </NavLink>
      </p>
      <h1>{title ? t("groups.pageTitle", { page: title, group: group.name }) : group.name}</h1>
      {group.archivedAt ? <p className="notice">{t("groups.overview.archivedNotice")}</p> : null}
      <nav aria-label={t("groups.nav.label")} className="sub-nav">
        <ul className="nav-list">
          <li>
            <NavLink to={base} end>
              {t("groups.nav.overview")}
            </NavLink>
          </li>
          <li>
            <NavLink to={`${base}/members`}>{t("groups.nav.members")}</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/assignments`}>{t("groups.nav.assignments")}</NavLink>
          </li>
          <li>
            <NavLink to={gridPath(group.id)}>{t("groups.nav.progress")}</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/items`}>{t("groups.nav.items")}</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/edit`}>{t("groups.nav.edit")}</NavLink>
          </li>
        </ul>
      </nav>
    </>
  );
}

type GroupValues = Partial<Record<"name" | "description" | "workshopDate" | "workshopPlace" | "startsOn" | "endsOn", string | null>>;

/** The fields of a group, for creating and editing. */
export function GroupFields({ values, errors }: { values: GroupValues; errors?: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <>
      <Field name="name" label={t("groups.fields.name")} error={errors?.name} defaultValue={values.name ?? ""} />
      <Field name="description" label={t("groups.fields.description")} error={errors?.description} required={false}>
        {({ id, describedBy, invalid }) => (
          <textarea id={id} name="description" rows={4} maxLength={2000} defaultValue={values.description ?? ""} aria-describedby={describedBy} aria-invalid={invalid || undefined} />
        )}
      </Field>
      <Field
        name="workshopDate"
        type="date"
        label={t("groups.fields.workshopDate")}
        hint={t("groups.fields.optional")}
        error={errors?.workshopDate}
        defaultValue={values.workshopDate ?? ""}
        required={false}
      />
      <Field
        name="workshopPlace"
        label={t("groups.fields.workshopPlace")}
        hint={t("groups.fields.optional")}
        error={errors?.workshopPlace}
        defaultValue={values.workshopPlace ?? ""}
        required={false}
      />
      <Field name="startsOn" type="date" label={t("groups.fields.startsOn")} hint={t("groups.fields.optional")} error={errors?.startsOn} defaultValue={values.startsOn ?? ""} required={false} />
      <Field name="endsOn" type="date" label={t("groups.fields.endsOn")} hint={t("groups.fields.optional")} error={errors?.endsOn} defaultValue={values.endsOn ?? ""} required={false} />
    </>
  );
}
