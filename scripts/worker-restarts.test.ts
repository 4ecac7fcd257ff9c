import { describe, expect, test } from "vitest";
import { afterCrash, CRASH_WINDOW_MS, MAX_CRASHES } from "./worker-restarts.js";

describe("restarting crashed workers", () => {
  test("each crash within the window doubles the wait, and the fifth gives up", () => {
    let crashes: number[] = [];
    const delays: number[] = [];
    for (let i = 0; i < MAX_CRASHES; i++) {
      const next = afterCrash(crashes, 1_000 + i * 500);
      crashes = next.crashes;
      delays.push(next.delayMs);
      expect(next.giveUp).toBe(i === MAX_CRASHES - 1);
    }
    expect(delays.slice(0, 4)).toEqual([100, 200, 400, 800]);
  });

  test("crashes older than the window are forgotten: a worker that dies once an hour is always restarted at once", () => {
    let crashes: number[] = [];
    for (let hour = 0; hour < 10; hour++) {
      const next = afterCrash(crashes, hour * 3_600_000);
      expect(next).toMatchObject({ giveUp: false, delayMs: 100 });
      crashes = next.crashes;
    }
    expect(afterCrash([0], CRASH_WINDOW_MS).crashes).toEqual([CRASH_WINDOW_MS]);
  });

  test("the wait never exceeds ten seconds", () => {
    expect(
      afterCrash(
        Array.from({ length: 20 }, (_, i) => i),
        30,
      ).delayMs,
    ).toBe(10_000);
  });
});
