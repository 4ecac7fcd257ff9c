import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { formatProtected, isSmall, protectCount, protectPartition, protectRate, protectStatistic, SUPPRESSED } from "./suppression";

describe("single figures", () => {
  test("1–4 learners are hidden; 0 and 5 or more are shown", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 120].map(protectCount)).toEqual([0, null, null, null, null, 5, 6, 120]);
    expect(isSmall(4)).toBe(true);
    expect(isSmall(0)).toBe(false);
    expect(formatProtected(protectCount(4))).toBe("<5");
    expect(SUPPRESSED).toBe("<5");
  });

  test("a rate is hidden when its denominator is under 5 or its numerator is 1–4", () => {
    expect(protectRate(3, 4)).toBeNull();
    expect(protectRate(4, 50)).toBeNull();
    expect(protectRate(0, 50)).toBe(0);
    expect(protectRate(5, 10)).toBe(0.5);
    expect(protectRate(0, 0)).toBeNull();
  });

  test("a mean or median of fewer than 5 learners is hidden", () => {
    expect(protectStatistic(72.5, 4)).toBeNull();
    expect(protectStatistic(72.5, 5)).toBe(72.5);
    expect(protectStatistic(null, 10)).toBeNull();
  });
});

describe("cells of a total", () => {
  test("a cell of 4 is hidden with the smallest other non-zero cell, so the total minus the shown cells is the sum of two hidden ones", () => {
    const { cells, total } = protectPartition([4, 0, 12, 30, 7]);
    expect(total).toBe(53);
    expect(cells).toEqual([null, 0, 12, 30, null]);
  });

  test("a total given apart from its cells (more than their sum) is protected the same way", () => {
    expect(protectPartition([0, 4, 0], 20)).toEqual({ cells: [null, null, 0], total: 20 });
  });

  test("a small total hides everything it could give away", () => {
    expect(protectPartition([3, 1])).toEqual({ cells: [null, null], total: null });
  });

  test("two or more small cells need no complement", () => {
    expect(protectPartition([2, 3, 40, 50]).cells).toEqual([null, null, 40, 50]);
  });

  test("property: no hidden cell can be recovered as the total minus the shown cells", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 12 }), (counts) => {
        const { cells, total } = protectPartition(counts);
        cells.forEach((cell, index) => {
          if (cell !== null) expect(cell).toBe(counts[index]);
          if (isSmall(counts[index])) expect(cell).toBeNull();
        });
        if (total !== null) {
          // What a reader can work out: the total minus every shown cell. It must not equal one hidden cell alone.
          const hidden = cells.flatMap((cell, index) => (cell === null ? [counts[index]] : []));
          expect(hidden.length === 0 || hidden.length >= 2).toBe(true);
        } else {
          expect(isSmall(counts.reduce((a, b) => a + b, 0))).toBe(true);
        }
      }),
    );
  });
});
