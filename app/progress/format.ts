import type { TFunction } from "i18next";
import { intlLocale, isLanguage } from "~/utils/i18n";
import { GRID_TIME_ZONE } from "./grid";
import { createDateFormat } from "~/utils/dates";

const HOUR = 60 * 60 * 1000;

/** `format` remembered per key: a grid formats thousands of values, most of them alike. */
function remembered<T>(format: (value: T) => string, keyOf: (value: T) => T | number = (value) => value) {
  const cache = new Map<T | number, string>();
  return (value: T) => {
    const key = keyOf(value);
    let text = cache.get(key);
    if (text === undefined) cache.set(key, (text = format(value)));
    return text;
  };
}

/** Dates, percentages and durations of the progress pages, in the page's language. */
export function progressFormats(language: string) {
  const locale = isLanguage(language) ? intlLocale(language) : "en-GB";
  const date = createDateFormat(language, { dateStyle: "medium", timeZone: GRID_TIME_ZONE });
  const dateTime = createDateFormat(language, { dateStyle: "medium", timeStyle: "short", timeZone: GRID_TIME_ZONE });
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const minutes = new Intl.NumberFormat(locale, { style: "unit", unit: "minute", unitDisplay: "long" });
  return {
    // Belgrade is a whole number of hours off UTC and changes on the hour: one UTC hour is one day there.
    date: remembered(
      (ms: number) => date.format(ms),
      (ms) => Math.floor(ms / HOUR),
    ),
    dateTime: (ms: number) => dateTime.format(ms),
    /** A score or share given in percent (0 to 100). */
    percent: remembered((value: number) => percent.format(value / 100)),
    /** Time taken, in whole minutes (at least one). */
    duration: (ms: number) => minutes.format(Math.max(1, Math.round(ms / 60_000))),
  };
}

/** `t` translating once per distinct key and values: 500 × 9 cells of a grid say the same few things. */
export function memoiseTranslations(t: TFunction) {
  const cache = new Map<string, string>();
  return (key: string, values?: Record<string, string | number | null>) => {
    let id = key;
    if (values) for (const name in values) id += `\u0000${values[name]}`;
    let text = cache.get(id);
    if (text === undefined) cache.set(id, (text = t(key, values ?? {})));
    return text;
  };
}
