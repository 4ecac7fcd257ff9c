import { spawnSync } from "node:child_process";
import cluster from "node:cluster";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { getEnv } from "~/utils/env.server";
import { fail, prepare } from "./prepare";

const BUILD = path.resolve("build/server/index.js");
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
  if (cluster.isWorker) return serve();
  buildIfNeeded();
  await prepare();
  process.env.NODE_ENV = "production";
  const workers = workerCount();
  if (workers === 1) return serve();
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

/** One serving process: the whole server when WEB_CONCURRENCY is 1, else a cluster worker. */
async function serve() {
  process.env.NODE_ENV = "production";
  const env = getEnv();
  const build = (await import(pathToFileURL(BUILD).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.use(compression());
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use(express.static("build/client", { maxAge: "1h" }));
  // The client's address, for rate limits (behind a reverse proxy, configure Express's "trust proxy").
  app.all("*", createRequestHandler({ build, mode: "production", getLoadContext: (req) => ({ clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown" }) }));
  const server = app.listen(env.PORT, () => {
    if (cluster.isPrimary || cluster.worker?.id === 1) console.log(`Trag is ready on http://localhost:${env.PORT} (public URL ${env.PUBLIC_URL})`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main();
