import type { loadDashboard } from "./dashboard.server";
import { monthLabel } from "./format";

type View = Awaited<ReturnType<typeof loadDashboard>>;

/** The view's filters as name–value pairs, for a file's "Filters" sheet and the PDF's header. */
export function describeView(view: View): [string, string | Date][] {
  const { t, language } = view.labels;
  const f = view.filters;
  const all = t("statistics.filters.all");
  const group = f.groupId ? view.options.groups.find((g) => g.id === f.groupId)?.name : null;
  return [
    [t("statistics.export.course"), view.course.title],
    [t("statistics.export.period"), t("statistics.period", { from: monthLabel(f.from, language), to: monthLabel(f.to, language) })],
    [t("statistics.filters.module"), f.moduleId ? (view.labels.moduleTitles[f.moduleId] ?? f.moduleId) : all],
    [t("statistics.filters.institution"), f.institutionType ? t(`institutions.${f.institutionType}`) : all],
    [t("statistics.filters.district"), f.district === "none" ? t("profile.notGiven") : f.district ? t(`profile.districts.${f.district}`) : all],
    [t("statistics.filters.group"), group ?? all],
    [t("statistics.export.generated"), view.now],
  ];
}
