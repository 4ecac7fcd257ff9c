/**
 * Under `npm start` the serving processes hand credential verifications to the primary, which runs
 * the one verifier pool of the whole server (app/certificates/verifier-pool.server.ts, decision
 * 0030). Run in a real cluster (tests/fixtures/verifier-cluster.ts) with stand-in worker files.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";

const WORKERS = path.resolve("tests/fixtures/workers");

async function runCluster(workerFile: string, { outcomes, maxQueue }: { outcomes: number; maxQueue: number }) {
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "tests/fixtures/verifier-cluster.ts", path.join(WORKERS, workerFile), String(outcomes), String(maxQueue)], {
    timeout: 60_000,
  });
  const [primary, ...lines] = stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  return { primary: primary.primary as number, outcomes: lines };
}

test("both serving processes' verifications run in the primary's thread, and their dates arrive as dates", async () => {
  const { primary, outcomes } = await runCluster("answers-with-pid.mjs", { outcomes: 2, maxQueue: 1 });
  expect(outcomes).toHaveLength(2);
  for (const outcome of outcomes) {
    expect(outcome.pid).not.toBe(primary);
    expect(outcome.report).toMatchObject({ verified: true, pid: primary, nowIsDate: true });
  }
});

test("the pool's limit holds for the whole server: with one verification running, another process's is refused as busy", async () => {
  const { outcomes } = await runCluster("never-answers.mjs", { outcomes: 1, maxQueue: 0 });
  expect(outcomes).toEqual([expect.objectContaining({ worker: 2, unavailable: "busy" })]);
});
