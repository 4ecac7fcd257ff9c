// @ts-check
/** Crashes within this window count together; the MAX_CRASHES-th stops Trag instead of restarting again. */
export const CRASH_WINDOW_MS = 60_000;
export const MAX_CRASHES = 5;
const FIRST_DELAY_MS = 100;
const LONGEST_DELAY_MS = 10_000;

/**
 * What to do after a worker crashed at `now`, given the earlier crash times: restart after a delay
 * that doubles with each crash in the window (no fork storm when every worker dies at start, for
 * example on a broken build), or give up once the same thing keeps happening.
 * @param {number[]} earlierCrashes
 * @param {number} now
 * @returns {{ crashes: number[], giveUp: boolean, delayMs: number }}
 */
export function afterCrash(earlierCrashes, now) {
  const crashes = [...earlierCrashes.filter((time) => now - time < CRASH_WINDOW_MS), now];
  return { crashes, giveUp: crashes.length >= MAX_CRASHES, delayMs: Math.min(FIRST_DELAY_MS * 2 ** (crashes.length - 1), LONGEST_DELAY_MS) };
}
