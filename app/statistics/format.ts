import type { TFunction } from "i18next";
import type { Language } from "~/content/localized";
import { intlLocale, LANGUAGE_NAMES } from "~/utils/i18n";
import { TOTAL_KINDS, type Table, type TableId, type TotalRow, type ValueKind } from "./dashboard";
import { monthStart } from "./months";
import { SUPPRESSED, type Protected } from "./suppression";
import { createDateFormat } from "~/utils/dates";

/** What a table's rows are called besides their keys: module titles and group names, in the page's language. */
export type LabelContext = { t: TFunction; language: Language; moduleTitles: Record<string, string>; groupNames: Record<string, string> };

export function monthLabel(month: string, language: Language): string {
  return createDateFormat(language, { month: "long", year: "numeric", timeZone: "Europe/Belgrade" }).format(monthStart(month));
}

export function rowLabel(table: TableId, key: string, context: LabelContext): string {
  const { t } = context;
  switch (table) {
    case "totals":
      return t(`statistics.totals.${key}`);
    case "modules":
      return context.moduleTitles[key] ?? key;
    case "institution":
      return t(`institutions.${key}`);
    case "district":
      return key === "none" ? t("profile.notGiven") : t(`profile.districts.${key}`);
    case "language":
      return LANGUAGE_NAMES[key as Language] ?? key;
    case "group":
      return context.groupNames[key] ?? key;
    case "month":
      return monthLabel(key, context.language);
  }
}

export function columnLabel(table: TableId, column: string, t: TFunction): string {
  return table === "totals" ? t("statistics.value") : t(`statistics.columns.${column}`);
}

/** The kind of one cell: the totals table mixes kinds by row. */
export function cellKind(table: Table, rowKey: string, columnIndex: number): ValueKind {
  return table.id === "totals" ? TOTAL_KINDS[rowKey as TotalRow] : table.kinds[columnIndex];
}

/** A protected figure as the page and the PDF write it, in the page's language. */
export function formatFigure(value: Protected, kind: ValueKind, language: Language): string {
  if (value === null) return SUPPRESSED;
  const locale = intlLocale(language);
  switch (kind) {
    case "count":
      return new Intl.NumberFormat(locale).format(value);
    case "rate":
      return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(value);
    case "score":
      return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(value / 100);
    case "index":
      return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
    case "minutes":
      if (value < 120) return new Intl.NumberFormat(locale, { style: "unit", unit: "minute", unitDisplay: "long", maximumFractionDigits: 0 }).format(value);
      if (value < 48 * 60) return new Intl.NumberFormat(locale, { style: "unit", unit: "hour", unitDisplay: "long", maximumFractionDigits: 1 }).format(value / 60);
      return new Intl.NumberFormat(locale, { style: "unit", unit: "day", unitDisplay: "long", maximumFractionDigits: 1 }).format(value / 1440);
  }
}
