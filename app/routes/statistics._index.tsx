import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DISTRICTS, INSTITUTION_TYPES } from "~/accounts/constants";
import { ScrollingTable } from "~/components/scrolling-table";
import type { Language } from "~/content/localized";
import { BarChart, LineChart } from "~/statistics/charts";
import type { Table, TableId } from "~/statistics/dashboard";
import { loadDashboard } from "~/statistics/dashboard.server";
import { filtersToSearch } from "~/statistics/filters";
import { cellKind, columnLabel, formatFigure, monthLabel, rowLabel, type LabelContext } from "~/statistics/format";
import stylesUrl from "~/styles/statistics.css?url";
import type { StringsHandle } from "~/utils/i18n";
import { createDateFormat } from "~/utils/dates";

export const handle: StringsHandle = { i18n: ["statistics", "profile"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesUrl }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { filters, months, dashboard, labels, options } = await loadDashboard(request);
  return {
    title: `${labels.t("statistics.title")} · Trag`,
    filters,
    months,
    dashboard,
    moduleTitles: labels.moduleTitles,
    groupNames: labels.groupNames,
    options,
    search: filtersToSearch(filters).toString(),
  };
}

export function useLabels(): LabelContext {
  const { t, i18n } = useTranslation();
  const { moduleTitles, groupNames } = useLoaderData<{ moduleTitles: Record<string, string>; groupNames: Record<string, string> }>();
  return { t, language: i18n.language as Language, moduleTitles, groupNames };
}

function Downloads({ table, search }: { table: TableId; search: string }) {
  const { t } = useTranslation();
  const name = t(`statistics.tables.${table}`);
  return (
    <ul className="statistics-downloads">
      {(["csv", "xlsx"] as const).map((format) => (
        <li key={format}>
          <a href={`/statistics/export?${search}&table=${table}&format=${format}`} download aria-label={t("statistics.downloadTable", { table: name, format: t(`statistics.${format}`) })}>
            {t(`statistics.${format}`)}
          </a>
        </li>
      ))}
    </ul>
  );
}

export function FiguresTable({ table, search }: { table: Table; search: string }) {
  const labels = useLabels();
  const { t } = labels;
  const headingId = `table-${table.id}`;
  return (
    <div>
      <ScrollingTable labelledBy={headingId} className="statistics-table">
        <thead>
          <tr>
            <th scope="col">{t(`statistics.rowHeader.${table.id}`)}</th>
            {table.columns.map((column) => (
              <th scope="col" className="number" key={column}>
                {columnLabel(table.id, column, t)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{rowLabel(table.id, row.key, labels)}</th>
              {row.cells.map((cell, i) => (
                <td className="number" key={i}>
                  {formatFigure(cell, cellKind(table, row.key, i), labels.language)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {table.total ? (
          <tfoot>
            <tr>
              <th scope="row">{t("statistics.total")}</th>
              {table.total.map((cell, i) => (
                <td className="number" key={i}>
                  {formatFigure(cell, table.kinds[i], labels.language)}
                </td>
              ))}
            </tr>
          </tfoot>
        ) : null}
      </ScrollingTable>
      <Downloads table={table.id} search={search} />
    </div>
  );
}

export function Section({ id, children }: { id: TableId; children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    // Not a landmark itself: the table's scrolling region, named by this heading, is.
    <section className="statistics-section">
      <h2 id={`table-${id}`}>{t(`statistics.tables.${id}`)}</h2>
      {children}
    </section>
  );
}

export function Filters({ action = "/statistics" }: { action?: string }) {
  const { t } = useTranslation();
  const { filters, options } = useLoaderData<Pick<LoaderData, "filters" | "options">>();
  const course = options.courses.find((c) => c.id === filters.courseId);
  return (
    <Form method="get" action={action} className="statistics-filters">
      <fieldset>
        <legend>{t("statistics.filters.legend")}</legend>
        <div className="field">
          <label htmlFor="filter-from">{t("statistics.filters.from")}</label>
          <input id="filter-from" name="from" type="month" defaultValue={filters.from} pattern="\d{4}-\d{2}" aria-describedby="filter-month-hint" />
        </div>
        <div className="field">
          <label htmlFor="filter-to">{t("statistics.filters.to")}</label>
          <input id="filter-to" name="to" type="month" defaultValue={filters.to} pattern="\d{4}-\d{2}" aria-describedby="filter-month-hint" />
        </div>
        <div className="field">
          <label htmlFor="filter-course">{t("statistics.filters.course")}</label>
          <select id="filter-course" name="course" defaultValue={filters.courseId}>
            {options.courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-module">{t("statistics.filters.module")}</label>
          <select id="filter-module" name="module" defaultValue={filters.moduleId ?? ""}>
            <option value="">{t("statistics.filters.all")}</option>
            {course?.modules.map((m) => (
              <option key={m.id} value={m.id}>
                {m.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-institution">{t("statistics.filters.institution")}</label>
          <select id="filter-institution" name="institution" defaultValue={filters.institutionType ?? ""}>
            <option value="">{t("statistics.filters.all")}</option>
            {INSTITUTION_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`institutions.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-district">{t("statistics.filters.district")}</label>
          <select id="filter-district" name="district" defaultValue={filters.district ?? ""}>
            <option value="">{t("statistics.filters.all")}</option>
            <option value="none">{t("profile.notGiven")}</option>
            {DISTRICTS.map((district) => (
              <option key={district} value={district}>
                {t(`profile.districts.${district}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-group">{t("statistics.filters.group")}</label>
          <select id="filter-group" name="group" defaultValue={filters.groupId ? String(filters.groupId) : ""}>
            <option value="">{t("statistics.filters.all")}</option>
            {options.groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      <p className="statistics-note" id="filter-month-hint">
        {t("statistics.filters.monthHint")}
      </p>
      <div className="statistics-filters__actions">
        <button type="submit" className="button">
          {t("statistics.filters.apply")}
        </button>
        <Link to={action}>{t("statistics.filters.reset")}</Link>
      </div>
    </Form>
  );
}

export default function Statistics() {
  const { t, i18n } = useTranslation();
  const { dashboard, months, search, filters } = useLoaderData<typeof loader>();
  const labels = useLabels();
  const language = i18n.language as Language;
  const monthIndex = (column: string) => dashboard.month.columns.indexOf(column);
  return (
    <div className="statistics">
      <h1>{t("statistics.title")}</h1>
      <p>{t("statistics.intro")}</p>
      <p>{t("statistics.privacy")}</p>
      <Filters />
      <p>
        <strong>{t("statistics.period", { from: monthLabel(filters.from, language), to: monthLabel(filters.to, language) })}</strong>
      </p>
      <p className="statistics-note">{t("statistics.suppressedNote")}</p>
      <p>
        <a href={`/statistics/summary.pdf?${search}`}>{t("statistics.pdf")}</a>
      </p>
      <p>
        <Link to={`/statistics/items?${new URLSearchParams({ course: filters.courseId, ...(filters.groupId ? { group: String(filters.groupId) } : {}) })}`}>{t("statistics.itemsLink")}</Link>
      </p>

      <Section id="totals">
        <FiguresTable table={dashboard.totals} search={search} />
        <p className="statistics-note">{t("statistics.definitions")}</p>
      </Section>

      <Section id="month">
        <div className="statistics-pair">
          <figure className="chart-figure">
            <figcaption>{t("statistics.charts.trend")}</figcaption>
            <LineChart
              title={t("statistics.charts.trend")}
              description={t("statistics.charts.trendDescription")}
              categories={months}
              categoryLabels={months.map((m) => createDateFormat(language, { month: "short", year: "2-digit", timeZone: "Europe/Belgrade" }).format(new Date(`${m}-15T12:00:00Z`)))}
              series={[
                { label: t("statistics.columns.active"), values: dashboard.month.rows.map((r) => r.cells[monthIndex("active")]) },
                { label: t("statistics.columns.started"), values: dashboard.month.rows.map((r) => r.cells[monthIndex("started")]) },
              ]}
              formatTick={(n) => formatFigure(n, "count", language)}
            />
          </figure>
          <FiguresTable table={dashboard.month} search={search} />
        </div>
      </Section>

      <Section id="modules">
        <div className="statistics-pair">
          <figure className="chart-figure">
            <figcaption>{t("statistics.charts.modules")}</figcaption>
            <BarChart
              title={t("statistics.charts.modules")}
              description={t("statistics.charts.modulesDescription")}
              bars={dashboard.modules.rows.map((r) => ({ label: rowLabel("modules", r.key, labels), value: r.cells[dashboard.modules.columns.indexOf("completionRate")] }))}
              max={1}
              format={(n) => formatFigure(n, "rate", language)}
            />
          </figure>
          <FiguresTable table={dashboard.modules} search={search} />
        </div>
      </Section>

      <Section id="institution">
        <div className="statistics-pair">
          <figure className="chart-figure">
            <figcaption>{t("statistics.charts.institution")}</figcaption>
            <BarChart
              title={t("statistics.charts.institution")}
              description={t("statistics.charts.institutionDescription")}
              bars={dashboard.institution.rows.map((r) => ({ label: rowLabel("institution", r.key, labels), value: r.cells[dashboard.institution.columns.indexOf("active")] }))}
              format={(n) => formatFigure(n, "count", language)}
            />
          </figure>
          <FiguresTable table={dashboard.institution} search={search} />
        </div>
      </Section>

      {(["district", "language"] as const).map((id) => (
        <Section key={id} id={id}>
          <FiguresTable table={dashboard[id]} search={search} />
        </Section>
      ))}

      <Section id="group">
        <p>
          <Link to={`/statistics/groups?${search}`}>{t("statistics.groupsLink")}</Link>
        </p>
      </Section>
    </div>
  );
}

export type LoaderData = Awaited<ReturnType<typeof loader>>;
