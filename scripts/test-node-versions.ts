/**
 * The unit and integration suites on other Node lines (default: the current LTS lines 22 and 24),
 * as `npm test` runs them after the suites on the Node that runs npm.
 *
 * For each version: the official Node build comes from the npm registry (the `node-<platform>-<arch>`
 * package holds `bin/node` and the C headers), the app's sources are copied to a temporary folder
 * with a hard-linked copy of node_modules, better-sqlite3 is compiled there against that version's
 * headers (no prebuilt binary is downloaded), and Vitest runs under that `node`.
 *
 *   npx tsx scripts/test-node-versions.ts [22 24 …]    (or TRAG_NODE_VERSIONS="22 24")
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { UNIT_TEST_RUNS } from "./unit-test-runs";

const SOURCES = [
  ".dependency-cruiser.cjs",
  "app",
  "bench",
  "courses",
  "db",
  "patches",
  "public",
  "scripts",
  "tests",
  "types",
  "package.json",
  "tsconfig.json",
  "vite.config.ts",
  "vitest.config.ts",
  "remix.config.js",
];

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${result.status ?? result.signal})`);
}

/** Unpacks the registry's Node build of `major` into `dir` and returns its folder (bin/, include/). */
function fetchNode(major: string, dir: string): string {
  const name = `node-${process.platform}-${process.arch}@${major}`;
  const tarball = execFileSync("npm", ["pack", name, "--silent", "--pack-destination", dir], { encoding: "utf8" }).trim().split("\n").at(-1)!;
  run("tar", ["xzf", path.join(dir, tarball), "-C", dir]);
  return path.join(dir, "package");
}

function testOn(major: string, root: string) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `trag-node${major}-`));
  try {
    const node = fetchNode(major, work);
    const app = path.join(work, "app");
    fs.mkdirSync(app);
    for (const entry of SOURCES) if (fs.existsSync(path.join(root, entry))) fs.cpSync(path.join(root, entry), path.join(app, entry), { recursive: true });
    // The course originality test reads ../shared beside the app.
    const shared = path.resolve(root, "../shared");
    if (fs.existsSync(shared)) fs.symlinkSync(shared, path.join(work, "shared"), "dir");
    // Hard links are quick and share no writes that matter, except the native module, which is rebuilt in a copy of its own.
    run("cp", ["-al", path.join(root, "node_modules"), path.join(app, "node_modules")]);
    const sqlite = path.join(app, "node_modules/better-sqlite3");
    fs.rmSync(sqlite, { recursive: true });
    fs.cpSync(path.join(root, "node_modules/better-sqlite3"), sqlite, { recursive: true, filter: (source) => !source.includes(`${path.sep}build${path.sep}`) && !source.endsWith(`${path.sep}build`) });
    const env = { ...process.env, PATH: `${path.join(node, "bin")}${path.delimiter}${process.env.PATH}` };
    const version = execFileSync(path.join(node, "bin/node"), ["--version"], { encoding: "utf8" }).trim();
    console.log(`\n— Node ${version}: compiling better-sqlite3 against its headers…`);
    // npm (its script runs under the `node` first on PATH) runs better-sqlite3's install script with its own node-gyp.
    // -O1 halves the compile (SQLite's amalgamation at -O3 takes 75 s of CPU, at -O1 36 s) and JOBS=2 compiles
    // SQLite and the addon side by side: this build only serves the tests, which do not measure speed.
    const buildEnv = { ...env, CFLAGS: "-O1", CXXFLAGS: "-O1", JOBS: "2" };
    run("npm", ["rebuild", "better-sqlite3", "--build-from-source", `--nodedir=${node}`, "--foreground-scripts"], { cwd: app, env: buildEnv });
    console.log(`— Node ${version}: unit and integration suites`);
    for (const args of UNIT_TEST_RUNS) run(path.join(node, "bin/node"), ["node_modules/vitest/vitest.mjs", ...args], { cwd: app, env });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const versions = process.argv.slice(2).length > 0 ? process.argv.slice(2) : (process.env.TRAG_NODE_VERSIONS ?? "22 24").split(/\s+/).filter(Boolean);
const root = path.resolve(import.meta.dirname, "..");
for (const major of versions) testOn(major, root);
