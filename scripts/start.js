// @ts-check
// `npm start`: builds when the sources changed, prepares (scripts/prepare.ts, in a child process),
// then serves with WEB_CONCURRENCY worker processes (scripts/serve.js) sharing the port.
// Plain JavaScript on bare Node, so that this primary process, which only supervises, stays small.
import cluster from "node:cluster";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildIfNeeded } from "./build-if-needed.js";
import { prepare } from "./run-prepare.js";
import { afterCrash } from "./worker-restarts.js";

/**
 * V8 flags for the workers. Without a heap limit V8 lets an old generation grow to four times what
 * survives a collection; a limit far above the ~70 MB the app keeps alive lowers that factor, which
 * halves the workers' memory under load at no measured cost in throughput (bench/changes.md). The
 * workers also get this process's own Node flags; an operator's own --max-old-space-size (there or
 * in NODE_OPTIONS) wins.
 */
const ownFlags = [process.env.NODE_OPTIONS ?? "", ...process.execArgv].join(" ");
const WORKER_FLAGS = [...process.execArgv, ...(ownFlags.includes("--max-old-space-size") ? [] : ["--max-old-space-size=512"])];

/**
 * glibc gives every thread that allocates its own malloc arena, and memory freed in one is not
 * reused by another: two arenas keep the workers ~20 MB smaller each (bench/changes.md). An
 * operator's own MALLOC_ARENA_MAX wins; other C libraries ignore it.
 */
const WORKER_ENV = { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "2" };

buildIfNeeded();
const settings = prepare();
process.env.NODE_ENV = "production";
process.env.PORT = String(settings.PORT);
process.env.PUBLIC_URL = settings.PUBLIC_URL;
// Validated (app/utils/env.server.ts) and normalised: the workers read it in scripts/serve.js.
if (settings.TRUST_PROXY) process.env.TRUST_PROXY = settings.TRUST_PROXY;
// Advanced serialization: the verifications the workers hand to this process carry dates.
cluster.setupPrimary({ exec: path.resolve("scripts/serve.js"), execArgv: WORKER_FLAGS, serialization: "advanced" });
// One credential verifier for the whole server, in a thread of this process (app/certificates/verifier-pool.server.ts):
// the built pool module alone, not the app.
const { verifyForServingProcesses } = await import(pathToFileURL(path.resolve("build/server/verifier-pool.js")).href);
verifyForServingProcesses();
console.log(`Starting ${settings.WEB_CONCURRENCY} worker process(es) (WEB_CONCURRENCY=${process.env.WEB_CONCURRENCY || "unset: one per core"})`);
let stopping = false;
let stoppedCleanly = true;
/** @type {number[]} */
let crashes = [];
for (let i = 0; i < settings.WEB_CONCURRENCY; i++) cluster.fork(WORKER_ENV);
// Ready when every worker listens (not the first one only: a stop sent on this message must find them all serving).
let listening = 0;
cluster.on("listening", () => {
  if (++listening === settings.WEB_CONCURRENCY) console.log(`Trag is ready on http://localhost:${settings.PORT} (public URL ${settings.PUBLIC_URL})`);
});
cluster.on("exit", (worker, code, signal) => {
  if (stopping) {
    if (code !== 0) stoppedCleanly = false;
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(stoppedCleanly ? 0 : 1);
    return;
  }
  const next = afterCrash(crashes, Date.now());
  crashes = next.crashes;
  if (next.giveUp) {
    console.error(`Worker ${worker.process.pid} stopped (${signal ?? code}), the ${crashes.length}th crash within a minute: Trag stops. The cause is the worker's error above.`);
    stoppedCleanly = false;
    stop();
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(1);
    return;
  }
  console.error(`Worker ${worker.process.pid} stopped (${signal ?? code}); starting another in ${next.delayMs} ms`);
  setTimeout(() => {
    if (!stopping) cluster.fork(WORKER_ENV);
  }, next.delayMs);
});
/** Each worker stops gracefully (scripts/serve.js); this process exits when they all have. */
const stop = () => {
  if (stopping) return;
  stopping = true;
  for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
