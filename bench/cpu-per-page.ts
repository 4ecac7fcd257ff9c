// A/B measurements of the server's CPU time per lesson page: a fixed number of requests against a
// server started as `npm start` does, read from /proc, so that two settings can be compared in
// alternation on a machine whose other load comes and goes (bench/changes.md uses it).
//
//   npx tsx bench/cpu-per-page.ts [--workers 1] [--connections 16] [--runs 2] [--requests 2000] [--path /healthz]
//                                 [--node-args "--max-semi-space-size=32"] [--cpu-prof]
//
// Environment variables set for it (MALLOC_ARENA_MAX, say) reach the server. Needs a build.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { login } from "./lib/client";
import { runLoad } from "./lib/load";
import { seedLearners } from "./lib/seed";
import { cpuSeconds, MemoryMonitor, spawnServer } from "./lib/server";
import { freePort, inBatches } from "./lib/util";

const LESSON = "/courses/thb-technology/recruitment-online/case-recruited-through-social-media";

function options(argv: string[]) {
  const value = (name: string, fallback: string) => {
    const index = argv.indexOf(name);
    return index === -1 ? fallback : argv[index + 1];
  };
  return {
    workers: Number(value("--workers", "1")),
    connections: Number(value("--connections", "16")),
    runs: Number(value("--runs", "2")),
    requests: Number(value("--requests", "2000")),
    nodeArgs: value("--node-args", "").split(/\s+/).filter(Boolean),
    cpuProf: argv.includes("--cpu-prof"),
    /** Another path than the lesson's, e.g. /healthz for what any request costs. */
    path: value("--path", LESSON),
  };
}

const args = options(process.argv.slice(2));
if (!fs.existsSync("build/server/index.js")) throw new Error("no build: run npx remix vite:build first");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trag-cpu-"));
const users = await seedLearners(dataDir, 32);
const port = await freePort();
const profileDir = path.resolve("bench/.tmp/profiles");
const server = await spawnServer({
  name: "trag",
  script: "scripts/start.js",
  port,
  env: { NODE_ENV: "production", DATA_DIR: dataDir, TRAG_DEMO: "1", WEB_CONCURRENCY: String(args.workers), PUBLIC_URL: `http://127.0.0.1:${port}` },
  logFile: path.join(dataDir, "server.log"),
  nodeArgs: [...(args.cpuProf ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []), ...args.nodeArgs],
  readyPath: "/healthz",
  expectWorkers: args.workers,
});
const memory = new MemoryMonitor(server.pid).start();
try {
  const learners = await inBatches(users, 8, (user) => login(server.url, user));
  let next = 0;
  const request = { method: "GET" as const, path: args.path, setupRequest: (r: Record<string, unknown>) => ({ ...r, headers: { Cookie: learners[next++ % learners.length].cookie } }) };
  const load = (amount: number) => runLoad({ url: server.url, connections: args.connections, amount, hardLimitMs: 120_000, requests: [request] });
  await load(500); // warm-up: JIT, caches
  for (let run = 1; run <= args.runs; run++) {
    const before = cpuSeconds(server.pid);
    const { summary } = await load(args.requests);
    const ms = ((cpuSeconds(server.pid) - before) * 1000) / summary.responses;
    console.log(
      `run ${run}: ${ms.toFixed(2)} ms CPU per page, ${summary.rps} pages/s, p50 ${summary.p50_ms} ms, p99 ${summary.p99_ms} ms, statuses ${JSON.stringify(summary.statuses)}, load average ${os.loadavg()[0].toFixed(1)}`,
    );
  }
} finally {
  const peaks = memory.stop();
  console.log(`peak memory: ${peaks.max_pss_mb} MB PSS, ${peaks.peak_rss_mb} MB summed VmHWM (${peaks.processes.map((p) => `${p.role} ${p.peak_mb} MB`).join(", ")})`);
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
