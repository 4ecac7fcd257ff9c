import { spawnSync } from "node:child_process";
import fs from "node:fs";

/** `npm test`: ESLint and Prettier's check, then unit and integration tests (on this Node, then on Node 22 and 24), then end-to-end tests in Debian's Chromium (installed when missing). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!fs.existsSync(CHROMIUM)) {
  console.log(`${CHROMIUM} is missing: installing Debian's chromium package…`);
  const [apt, ...prefix] = process.getuid?.() === 0 ? ["apt-get"] : ["sudo", "apt-get"];
  run(apt, [...prefix, "update"]);
  run(apt, [...prefix, "install", "-y", "--no-install-recommends", "chromium"]);
}

run("npm", ["run", "lint"]);
run("npm", ["run", "format:check"]);
run("npx", ["vitest", "run", "--project", "unit", "--project", "integration"]);
// The same suites on the other current Node LTS lines (scripts/test-node-versions.ts; TRAG_NODE_VERSIONS="" skips them).
run("npx", ["tsx", "scripts/test-node-versions.ts"]);
// One e2e file at a time: they share one server and each drives its own browser.
run("npx", ["vitest", "run", "--project", "e2e", "--no-file-parallelism"], { ...process.env, CHROMIUM_PATH: CHROMIUM });
