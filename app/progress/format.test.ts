import { describe, expect, test } from "vitest";
import { progressFormats } from "./format";
import { GRID_TIME_ZONE } from "./grid";

describe("progressFormats", () => {
  test("a date remembered per UTC hour is the day in Belgrade, across midnights and both clock changes", () => {
    const formats = progressFormats("sr-Latn");
    const fresh = new Intl.DateTimeFormat("sr-Latn", { dateStyle: "medium", timeZone: GRID_TIME_ZONE });
    const days = ["2026-03-28", "2026-03-29", "2026-03-30", "2026-10-24", "2026-10-25", "2026-10-26", "2026-12-31"];
    const moments = days.flatMap((day) => Array.from({ length: 24 * 12 }, (_, i) => Date.parse(`${day}T00:00:00Z`) + i * 5 * 60_000));
    // Once in order and once backwards, so that each hour's cached day is also read from its other end.
    for (const ms of [...moments, ...moments.reverse()]) expect(formats.date(ms)).toBe(fresh.format(ms));
  });

  test("percentages are remembered per value and read the same", () => {
    const formats = progressFormats("en");
    expect([formats.percent(62.5), formats.percent(100), formats.percent(62.5)]).toEqual(["62.5%", "100%", "62.5%"]);
  });
});
