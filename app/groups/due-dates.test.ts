import { describe, expect, test } from "vitest";
import { dayOf, endOfDay, isDay } from "./due-dates";

describe("due dates", () => {
  test("end at the last millisecond of the day in Belgrade, in winter and in summer", () => {
    expect(endOfDay("2026-01-15").toISOString()).toBe("2026-01-15T22:59:59.999Z");
    expect(endOfDay("2026-07-15").toISOString()).toBe("2026-07-15T21:59:59.999Z");
  });

  test("on the days the clocks change", () => {
    expect(endOfDay("2026-03-29").toISOString()).toBe("2026-03-29T21:59:59.999Z");
    expect(endOfDay("2026-10-25").toISOString()).toBe("2026-10-25T22:59:59.999Z");
    expect(endOfDay("2026-03-28").toISOString()).toBe("2026-03-28T22:59:59.999Z");
  });

  test("read back as the same day", () => {
    for (const day of ["2026-01-01", "2026-03-29", "2026-10-25", "2026-12-31", "2028-02-29"]) expect(dayOf(endOfDay(day))).toBe(day);
  });

  test("only real days are days", () => {
    expect(isDay("2026-02-28")).toBe(true);
    expect(isDay("2026-02-29")).toBe(false);
    expect(isDay("2026-2-3")).toBe(false);
    expect(isDay("")).toBe(false);
  });
});
