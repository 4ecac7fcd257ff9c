// @ts-check
// Building the app when its sources changed since the last build: scripts/start.js and
// scripts/reminders.js both run over the build.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { BUILD } from "./serve.js";

// What the build reads: a change to any of them after the last build means building again.
const SOURCES = ["app", "db", "public", "package.json", "vite.config.ts", "remix.config.js", "scripts/precompress-assets.ts"];

/**
 * @param {string} entry
 * @returns {number}
 */
function newestChange(entry) {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

/** Builds when there is no build or the sources changed after it. */
export function buildIfNeeded() {
  const built = fs.existsSync(BUILD) ? fs.statSync(BUILD).mtimeMs : 0;
  if (built > Math.max(...SOURCES.map(newestChange))) return;
  console.log("Building the app…");
  const result = spawnSync("npx", ["remix", "vite:build"], { stdio: "inherit" });
  if (result.status !== 0) {
    console.error("The build failed.");
    process.exit(1);
  }
}

