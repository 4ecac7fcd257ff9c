/**
 * Small-cell protection for every figure a reviewer sees (pages, charts, CSV, XLSX, PDF).
 *
 * A figure that describes between 1 and 4 learners is not shown: it becomes `null`, which every
 * view prints as "<5" (SUPPRESSED), and any share or rate built on it is hidden too. Zero is shown:
 * it describes no one. When the cells of a table add up to a total that is shown (learners by
 * institution type, district, language or month), one hidden cell could be recovered as the total
 * minus the others, so a second cell is hidden with it (complementary suppression): the smallest
 * other non-zero cell, or a zero cell when there is none.
 *
 * Pure functions, no database: the item analysis uses them as well.
 */

/** The smallest number of learners a shown figure may describe. */
export const MIN_LEARNERS = 5;

/** How a hidden figure is written everywhere. */
export const SUPPRESSED = "<5";

/** A figure after protection: the number, or null when it must not be shown. */
export type Protected = number | null;

/** True for a count of learners that may not be shown on its own (1–4). */
export function isSmall(count: number): boolean {
  return count > 0 && count < MIN_LEARNERS;
}

/** A count of learners, or null when it is 1–4. */
export function protectCount(count: number): Protected {
  return isSmall(count) ? null : count;
}

/**
 * A figure computed over a set of learners (a mean, a median, a time): shown only when the set
 * has at least MIN_LEARNERS people. An empty set has no figure either (null).
 */
export function protectStatistic(value: number | null, learners: number): Protected {
  return value === null || learners < MIN_LEARNERS ? null : value;
}

/**
 * numerator / denominator (0–1), or null when either count would be hidden or the denominator is
 * zero: with the denominator known, the share gives the numerator away.
 */
export function protectRate(numerator: number, denominator: number): Protected {
  if (denominator < MIN_LEARNERS || isSmall(numerator)) return null;
  return numerator / denominator;
}

/**
 * Cells that add up to `total` (a partition of the learners counted), protected together: small
 * cells are hidden and, when exactly one cell is hidden while the total is shown, a second one is
 * hidden with it so that the total minus the shown cells cannot reveal the first. Returns the
 * cells and the total as shown.
 */
export function protectPartition(cells: readonly number[], total = cells.reduce((sum, n) => sum + n, 0)): { cells: Protected[]; total: Protected } {
  const shownTotal = protectCount(total);
  const hidden = cells.map(isSmall);
  if (shownTotal !== null && hidden.filter(Boolean).length === 1) {
    const candidates = cells.map((count, index) => ({ count, index })).filter(({ index }) => !hidden[index]);
    const nonZero = candidates.filter(({ count }) => count > 0);
    const pick = (nonZero.length > 0 ? nonZero : candidates).sort((a, b) => a.count - b.count || a.index - b.index)[0];
    if (pick) hidden[pick.index] = true;
  }
  return { cells: cells.map((count, index) => (hidden[index] ? null : count)), total: shownTotal };
}

/** A protected figure as text for a file or a page: "<5" when hidden. */
export function formatProtected(value: Protected, format: (n: number) => string = String): string {
  return value === null ? SUPPRESSED : format(value);
}
