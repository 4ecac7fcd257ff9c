// @ts-check
import { spawnSync } from "node:child_process";

/**
 * Validates the configuration, migrates, loads the courses and seeds (scripts/prepare.ts, in a child
 * process, which prints what is wrong and exits non-zero), and returns the settings serving needs.
 * Both servers run it before serving: scripts/start.js and scripts/dev.js.
 * @returns {{ PORT: number, PUBLIC_URL: string, WEB_CONCURRENCY: number, TRUST_PROXY?: string }}
 */
export function prepare() {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/prepare.ts", "--settings-to-fd-3"], { stdio: ["inherit", "inherit", "inherit", "pipe"] });
  if (result.status !== 0) process.exit(result.status ?? 1);
  return JSON.parse(String(result.output[3]));
}
