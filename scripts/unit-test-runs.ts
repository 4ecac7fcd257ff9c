import { spawnSync } from "node:child_process";

/**
 * The Vitest runs of `npm run test:unit`, `npm test` and scripts/test-node-versions.ts: the unit project, then the
 * integration project.
 *
 * The unit project runs without isolation: each worker imports the app's modules once for all its files instead of
 * once per file, which halves its CPU time (82 → 42 s on two workers, "collect" 27 → 13 s). That holds while no unit
 * test leaves global state behind: none mocks modules or timers, and the one that changes the environment restores
 * it and calls forgetEnv(). The integration files keep a process each: every one has a database of its own
 * (tests/setup/integration.ts). Vitest sets isolation for all the projects of one run, hence two runs.
 */
export const UNIT_TEST_RUNS = [
  ["run", "--project", "unit", "--no-isolate"],
  ["run", "--project", "integration"],
];

// `npm run test:unit`: both runs, stopping at the first that fails.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const args of UNIT_TEST_RUNS) {
    const result = spawnSync("npx", ["vitest", ...args, ...process.argv.slice(2)], { stdio: "inherit" });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}
