/**
 * A few rounds of the crash test (scripts/crash-test.ts) in `npm test`: concurrent learners answer,
 * finish quizzes and complete lessons against a server started from the e2e build on a data folder
 * of its own, killed with SIGKILL at a random moment and started again; everything it acknowledged
 * must be in the database, no certificate without its completion, integrity_check ok. Many rounds:
 * `npm run crash-test -- --rounds 50`.
 */
import { expect, inject, test } from "vitest";
import { runCrashTest } from "../../scripts/crash-test";

test("after SIGKILL at a random moment, every acknowledged answer, finished attempt and lesson is there and the database is sound", async () => {
  const reports = await runCrashTest({ appDir: inject("appDir"), rounds: 2, learners: 6 });
  expect(reports.map((report) => report.problems)).toEqual([[], []]);
  // The rounds did write: a kill before anything was acknowledged would check nothing.
  expect(reports.reduce((sum, report) => sum + report.acknowledged.attempt, 0)).toBeGreaterThan(0);
}, 120_000);
