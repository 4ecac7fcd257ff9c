import os from "node:os";
import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    // Vitest's default is one worker fewer than the cores: a single worker on a 2-core CI machine, where the
    // suites are CPU-bound and a second one shortens the run by about a fifth (measured 199 s → 157 s).
    maxWorkers: os.availableParallelism(),
    minWorkers: 1,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["app/**/*.test.ts", "tests/unit/**/*.test.ts", "db/**/*.test.ts", "scripts/**/*.test.ts"],
          setupFiles: ["tests/setup/fail-on-console-error.ts"],
          environment: "node",
          // As for integration: the Node 22 and 24 runs share the machine with the e2e suite, and a test that
          // renders PDFs or loads the whole course takes seconds there (the 5 s default failed once in CI).
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          setupFiles: ["tests/setup/fail-on-console-error.ts", "tests/setup/integration.ts"],
          environment: "node",
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/setup/e2e-server.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          environment: "node",
        },
      },
    ],
  },
});
