import { spawnSync } from "node:child_process";
import cluster from "node:cluster";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { getEnv } from "~/utils/env.server";
import { fail } from "./fail";
import { BUILD, serve } from "./serve.js";

const SOURCES = ["app", "public", "package.json", "vite.config.ts", "remix.config.js"];

function newestChange(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

/** Builds when there is no build or the sources changed after it. */
function buildIfNeeded() {
  const built = fs.existsSync(BUILD) ? fs.statSync(BUILD).mtimeMs : 0;
  if (built > Math.max(...SOURCES.map(newestChange))) return;
  console.log("Building the app…");
  const result = spawnSync("npx", ["remix", "vite:build"], { stdio: "inherit" });
  if (result.status !== 0) fail("The build failed.");
}

/**
 * How many processes serve requests: WEB_CONCURRENCY, else one per core. They share the port
 * (node:cluster) and the SQLite file (WAL mode lets several processes read and write it).
 */
function workerCount(): number {
  const raw = process.env.WEB_CONCURRENCY;
  if (raw === undefined || raw === "") return os.availableParallelism();
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1) fail(`Invalid configuration:\n  WEB_CONCURRENCY: must be a whole number of processes, 1 or more (got "${raw}")`);
  return count;
}

async function main() {
  buildIfNeeded();
  const prepared = spawnSync(process.execPath, ["--import", "tsx", "scripts/prepare.ts"], { stdio: "inherit" });
  if (prepared.status !== 0) process.exit(prepared.status ?? 1);
  const env = getEnv();
  process.env.NODE_ENV = "production";
  process.env.PORT = String(env.PORT);
  process.env.PUBLIC_URL = env.PUBLIC_URL;
  const workers = workerCount();
  if (workers === 1) return serve(env.PORT);
  // Workers run the plain-JavaScript server on bare Node: without tsx each one is much smaller.
  // (Capping their heap saves memory but costs throughput; see bench/changes.md.)
  cluster.setupPrimary({ exec: path.resolve("scripts/serve.js"), execArgv: [] });
  console.log(`Starting ${workers} worker processes (WEB_CONCURRENCY=${process.env.WEB_CONCURRENCY ?? "unset: one per core"})`);
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`Worker ${worker.process.pid} stopped (${signal ?? code}); starting another`);
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main();
