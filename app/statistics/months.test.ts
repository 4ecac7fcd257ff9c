import { describe, expect, test } from "vitest";
import { addMonths, monthOf, monthsBetween, monthStart, periodRange } from "./months";

describe("Belgrade months", () => {
  test("a month starts at midnight Belgrade time: 23:00 UTC in winter, 22:00 UTC in summer", () => {
    expect(new Date(monthStart("2026-01")).toISOString()).toBe("2025-12-31T23:00:00.000Z");
    expect(new Date(monthStart("2026-07")).toISOString()).toBe("2026-06-30T22:00:00.000Z");
    // Summer time begins on the last Sunday of March: April starts at 22:00 UTC, March at 23:00.
    expect(new Date(monthStart("2026-03")).toISOString()).toBe("2026-02-28T23:00:00.000Z");
    expect(new Date(monthStart("2026-04")).toISOString()).toBe("2026-03-31T22:00:00.000Z");
  });

  test("an instant near midnight UTC on the last day belongs to the next Belgrade month", () => {
    expect(monthOf(new Date("2026-01-31T22:59:59.999Z"))).toBe("2026-01");
    expect(monthOf(new Date("2026-01-31T23:00:00.000Z"))).toBe("2026-02");
    expect(monthOf(new Date("2026-06-30T21:59:59.999Z"))).toBe("2026-06");
    expect(monthOf(new Date("2026-06-30T22:00:00.000Z"))).toBe("2026-07");
    expect(monthOf(new Date("2026-12-31T23:30:00.000Z"))).toBe("2027-01");
  });

  test("months add across years and list inclusively", () => {
    expect(addMonths("2026-11", 3)).toBe("2027-02");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(monthsBetween("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(periodRange("2026-01", "2026-01")).toEqual({ start: Date.parse("2025-12-31T23:00:00Z"), end: Date.parse("2026-01-31T23:00:00Z") });
  });
});
