// @ts-check
// Building the app when its sources changed since the last build: scripts/start.js and
// scripts/reminders.js both run over the build.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
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

/** Whether the build tools (devDependencies) are installed: not after `npm ci --omit=dev`. */
function canBuild() {
  try {
    createRequire(import.meta.url).resolve("@remix-run/dev/package.json");
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds when there is no build or the sources changed after it. A production install (without
 * the devDependencies) never builds: it serves the build it was given (`npm run build`), and
 * stops with a message when there is none.
 */
export function buildIfNeeded() {
  const built = fs.existsSync(BUILD) ? fs.statSync(BUILD).mtimeMs : 0;
  const upToDate = built > Math.max(...SOURCES.map(newestChange));
  if (!canBuild()) {
    if (!built) {
      console.error("There is no build (build/) and the build tools (the devDependencies) are not installed: run `npm ci && npm run build` first (docs/deploy.md).");
      process.exit(1);
    }
    if (!upToDate) console.warn("The sources changed after the build; serving the build as it is. Run `npm ci && npm run build` to include the changes (docs/deploy.md).");
    return;
  }
  if (upToDate) return;
  console.log("Building the app…");
  const result = spawnSync("npx", ["remix", "vite:build"], { stdio: "inherit" });
  if (result.status !== 0) {
    console.error("The build failed.");
    process.exit(1);
  }
}
