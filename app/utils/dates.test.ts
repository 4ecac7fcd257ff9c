import { describe, expect, test } from "vitest";
import { createDateFormat } from "./dates";

const long = { dateStyle: "long", timeZone: "Europe/Belgrade" } as const;
const day = (month: number) => Date.UTC(2026, month, 6, 12);

describe("createDateFormat", () => {
  const latin = ["januara", "februara", "marta", "aprila", "maja", "juna", "jula", "avgusta", "septembra", "oktobra", "novembra", "decembra"];
  const cyrillic = ["јануара", "фебруара", "марта", "априла", "маја", "јуна", "јула", "августа", "септембра", "октобра", "новембра", "децембра"];

  test.each(latin.map((month, index) => [index, month]))("Serbian Latin puts month %i after a day in the genitive: 6. %s 2026.", (index, month) => {
    expect(createDateFormat("sr-Latn", long).format(day(index))).toBe(`6. ${month} 2026.`);
  });

  test.each(cyrillic.map((month, index) => [index, month]))("Serbian Cyrillic puts month %i after a day in the genitive: 6. %s 2026.", (index, month) => {
    expect(createDateFormat("sr-Cyrl", long).format(day(index))).toBe(`6. ${month} 2026.`);
  });

  test("a month without a day stays in the nominative", () => {
    const monthYear = { month: "long", year: "numeric", timeZone: "Europe/Belgrade" } as const;
    expect(createDateFormat("sr-Latn", monthYear).format(day(11))).toBe("decembar 2026.");
    expect(createDateFormat("sr-Cyrl", monthYear).format(day(11))).toBe("децембар 2026.");
  });

  test("with a time, the date part still takes the genitive; English is untouched", () => {
    const withTime = { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" } as const;
    expect(createDateFormat("sr-Cyrl", withTime).format(day(2))).toMatch(/^6\. марта 2026\.? 12:00$/);
    expect(createDateFormat("en", long).format(day(11))).toBe("6 December 2026");
    expect(createDateFormat("xx", long).format(day(11))).toBe("6 December 2026");
  });
});

test("without a time zone in the options, the day is Serbia's, not the server's", () => {
  // 23:30 UTC on 5 December is already 6 December in Belgrade (UTC+1).
  expect(createDateFormat("sr-Latn", { dateStyle: "long" }).format(Date.UTC(2026, 11, 5, 23, 30))).toBe("6. decembra 2026.");
  expect(createDateFormat("en", { dateStyle: "long", timeZone: "UTC" }).format(Date.UTC(2026, 11, 5, 23, 30))).toBe("5 December 2026");
});
