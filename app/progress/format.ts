import { intlLocale, isLanguage } from "~/utils/i18n";
import { GRID_TIME_ZONE } from "./grid";
import { createDateFormat } from "~/utils/dates";

/** Dates, percentages and durations of the progress pages, in the page's language. */
export function progressFormats(language: string) {
  const locale = isLanguage(language) ? intlLocale(language) : "en-GB";
  const date = createDateFormat(language, { dateStyle: "medium", timeZone: GRID_TIME_ZONE });
  const dateTime = createDateFormat(language, { dateStyle: "medium", timeStyle: "short", timeZone: GRID_TIME_ZONE });
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const minutes = new Intl.NumberFormat(locale, { style: "unit", unit: "minute", unitDisplay: "long" });
  return {
    date: (ms: number) => date.format(ms),
    dateTime: (ms: number) => dateTime.format(ms),
    /** A score or share given in percent (0 to 100). */
    percent: (value: number) => percent.format(value / 100),
    /** Time taken, in whole minutes (at least one). */
    duration: (ms: number) => minutes.format(Math.max(1, Math.round(ms / 60_000))),
  };
}
