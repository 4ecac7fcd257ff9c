import { describe, expect, test } from "vitest";
import { formatJoinCode, generateJoinCode, normalizeJoinCode } from "./join-code";

describe("join codes", () => {
  test("are 8 unambiguous symbols, shown in two groups of four", () => {
    const code = generateJoinCode();
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/);
    expect(formatJoinCode("K7QM3XPT")).toBe("K7QM-3XPT");
  });

  test("forgive case, dashes, spaces and Cyrillic look-alikes, and refuse what cannot be a code", () => {
    expect(normalizeJoinCode(" k7qm-3xpt ")).toBe("K7QM3XPT");
    expect(normalizeJoinCode("К7QМ 3ХРТ")).toBe("K7QM3XPT");
    expect(normalizeJoinCode("K7QM3XP")).toBeNull();
    expect(normalizeJoinCode("K7QM3XP0")).toBeNull();
    expect(normalizeJoinCode("K7QM3XPT9")).toBeNull();
  });
});
