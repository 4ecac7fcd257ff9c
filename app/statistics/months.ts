/**
 * Calendar months as Belgrade counts them (Europe/Belgrade: UTC+1, UTC+2 in summer time). Every
 * figure by month, and every period, is a run of these months, written "YYYY-MM".
 */
export const TIME_ZONE = "Europe/Belgrade";

const parts = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

function belgradeParts(at: number) {
  const map = Object.fromEntries(parts.formatToParts(at).map((p) => [p.type, p.value]));
  return { year: Number(map.year), month: Number(map.month), day: Number(map.day), hour: Number(map.hour), minute: Number(map.minute) };
}

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

function utcMonth(at: number) {
  const date = new Date(at);
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** The Belgrade month an instant falls in. */
export function monthOf(at: Date | number): string {
  const ms = typeof at === "number" ? at : at.getTime();
  // Belgrade is one or two hours ahead of UTC: when both give the same month, that is the month
  // (the rebuild of the summaries calls this millions of times; Intl is the slow path).
  const early = utcMonth(ms + 3_600_000);
  if (early === utcMonth(ms + 7_200_000)) return early;
  const { year, month } = belgradeParts(ms);
  return `${year}-${String(month).padStart(2, "0")}`;
}

function split(month: string): [number, number] {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new Error(`not a month: ${month}`);
  return [Number(match[1]), Number(match[2])];
}

/** The month `count` months after (or before, when negative) `month`. */
export function addMonths(month: string, count: number): string {
  const [year, m] = split(month);
  const index = year * 12 + (m - 1) + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The first instant of the month in Belgrade, as epoch milliseconds. */
export function monthStart(month: string): number {
  const [year, m] = split(month);
  // Midnight in Belgrade is 23:00 or 22:00 UTC the day before; clocks never change on the 1st.
  const utcMidnight = Date.UTC(year, m - 1, 1);
  for (const offsetHours of [1, 2]) {
    const candidate = utcMidnight - offsetHours * 3_600_000;
    const p = belgradeParts(candidate);
    if (p.day === 1 && p.hour === 0 && p.minute === 0) return candidate;
  }
  throw new Error(`cannot place the start of ${month} in ${TIME_ZONE}`);
}

/** Every month from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) months.push(month);
  return months;
}

/** Whole months from `from` to `to` as a half-open range of epoch milliseconds. */
export function periodRange(from: string, to: string): { start: number; end: number } {
  return { start: monthStart(from), end: monthStart(addMonths(to, 1)) };
}
