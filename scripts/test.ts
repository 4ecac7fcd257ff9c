import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { UNIT_TEST_RUNS } from "./unit-test-runs";

/** `npm test`: ESLint and Prettier's check, then unit and integration tests on this Node, then end-to-end tests in Debian's Chromium (installed when missing) while the unit and integration tests run on Node 22 and 24. */
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
for (const args of UNIT_TEST_RUNS) run("npx", ["vitest", ...args]);

// The same suites on the other current Node LTS lines (scripts/test-node-versions.ts; TRAG_NODE_VERSIONS="" skips them)
// run beside the e2e suite, which waits on a browser and a server much of the time: on a 2-core machine the two
// together take minutes less than one after the other. Their output goes to a file, printed when both are done.
const otherNodesLog = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "trag-node-versions-")), "output.log");
const otherNodesOutput = fs.openSync(otherNodesLog, "w");
const otherNodes = spawn("npx", ["tsx", "scripts/test-node-versions.ts"], { stdio: ["ignore", otherNodesOutput, otherNodesOutput] });
const otherNodesDone = new Promise<number>((resolve) => otherNodes.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0))));

// One e2e file at a time: they share one server and each drives its own browser.
const e2e = spawnSync("npx", ["vitest", "run", "--project", "e2e", "--no-file-parallelism"], { stdio: "inherit", env: { ...process.env, CHROMIUM_PATH: CHROMIUM } });
console.log("\nThe unit and integration suites on the other Node versions:");
const otherNodesStatus = await otherNodesDone;
fs.closeSync(otherNodesOutput);
process.stdout.write(fs.readFileSync(otherNodesLog));
if (otherNodesStatus !== 0) console.error(`The suites on the other Node versions failed (exit ${otherNodesStatus}).`);
process.exit(e2e.status !== 0 ? (e2e.status ?? 1) : otherNodesStatus);
