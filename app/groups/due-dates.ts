/**
 * Due dates are chosen as days and kept as instants: the end of the chosen day in Belgrade
 * (23:59:59.999 local time, summer or winter). Shown back, they are formatted in Belgrade's zone,
 * so the day a trainer chose is the day every learner sees.
 */
export const TIME_ZONE = "Europe/Belgrade";

const offsetFormat = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, timeZoneName: "longOffset" });
const dayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** Belgrade's offset from UTC at an instant, in milliseconds ("GMT+02:00" → 7,200,000). */
function offsetAt(instant: number): number {
  const name = offsetFormat.formatToParts(instant).find((part) => part.type === "timeZoneName")?.value ?? "GMT";
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60_000 : 0;
}

/** The last millisecond of a `YYYY-MM-DD` day in Belgrade. */
export function endOfDay(day: string): Date {
  const [year, month, date] = day.split("-").map(Number);
  const nextMidnightUtc = Date.UTC(year, month - 1, date + 1);
  // The offset at the next local midnight (transitions happen at 02:00 or 03:00, never at midnight).
  const guess = nextMidnightUtc - offsetAt(nextMidnightUtc);
  return new Date(nextMidnightUtc - offsetAt(guess) - 1);
}

/** The Belgrade day (`YYYY-MM-DD`) an instant falls on. */
export function dayOf(instant: Date): string {
  return dayFormat.format(instant);
}

/** A well-formed `YYYY-MM-DD` that names a real day. */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}
