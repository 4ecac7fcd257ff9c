import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { largeSeedDir, seedLarge } from "../../scripts/seed-large";
import { login } from "../lib/client";
import { appPath, spawnServer } from "../lib/server";
import { freePort, log, round } from "../lib/util";

const LARGE_PUBLIC_URL = "http://bench.trag.invalid";

/** The queries of the 20 timed requests: periods, modules, institutions, districts and groups in turn. */
export function statisticsQueries(course: { id: string; modules: { id: string }[] }): string[] {
  const modules = course.modules.map((m) => m.id);
  const base = [
    "from=2025-12&to=2026-11",
    "from=2024-12&to=2026-11",
    "from=2026-06&to=2026-06",
    "from=2025-01&to=2025-12&institution=police",
    "from=2025-12&to=2026-11&district=belgrade",
    "from=2025-12&to=2026-11&district=none",
    `from=2025-12&to=2026-11&module=${modules[0]}`,
    `from=2024-12&to=2026-11&module=${modules[3]}&institution=court`,
    "from=2025-12&to=2026-11&group=3",
    "from=2025-06&to=2026-05&institution=prosecution&district=nisava",
  ];
  return [...base, ...base.map((q, i) => q.replace(/district=belgrade/, "district=south-backa").replace(/group=3/, `group=${7 + i}`).replace("2025-12&to=2026-11", "2025-11&to=2026-10"))].map(
    (q) => `${q}&course=${course.id}`,
  );
}

/**
 * Seeds (or reuses) the large database, starts a server on it, and times 20 loader requests of the
 * dashboard (`?_data=`, the loader's JSON without the page) as a reviewer, one at a time, after
 * two untimed ones. p95 of 20 is the 19th fastest.
 */
export async function statisticsScenario(options: { smoke: boolean; coursesDir: string; tmpDir: string; course: { id: string; modules: { id: string }[] } }) {
  const learners = options.smoke ? 2_000 : 50_000;
  const seed = 1;
  const dataDir = largeSeedDir(learners, seed);
  const report = seedLarge({ learners, seed, out: dataDir, force: false }, (line) => log(line));
  // Seed folders written before the public URL below was fixed hold a key bound to another URL, which
  // the server refuses to use: the bench's own throwaway key is made again.
  const issuerKey = path.join(dataDir, "issuer-key.json");
  if (fs.existsSync(issuerKey) && !fs.readFileSync(issuerKey, "utf8").includes(LARGE_PUBLIC_URL)) fs.rmSync(issuerKey);
  const port = await freePort();
  const server = await spawnServer({
    name: "trag (large database)",
    script: "scripts/start.js",
    cwd: appPath(),
    port,
    // The seed folder is reused from run to run, and its issuer key is bound to the public URL: one that does not change with the port.
    env: { NODE_ENV: "production", DATA_DIR: dataDir, COURSES_DIR: options.coursesDir, TRAG_DEMO: "1", PUBLIC_URL: LARGE_PUBLIC_URL },
    logFile: path.join(options.tmpDir, "server-large.log"),
    readyPath: "/healthz",
    expectWorkers: 0,
  });
  try {
    const reviewer = await login(server.url, { id: 0, email: "reviewer@trag.test", password: "reviewer-demo-2026" });
    const queries = statisticsQueries(options.course);
    const fetchOne = async (query: string) => {
      const started = performance.now();
      const response = await fetch(`${server.url}/statistics?${query}&_data=routes%2Fstatistics._index`, { headers: { Cookie: reviewer.cookie }, signal: AbortSignal.timeout(60_000) });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET /statistics?${query} answered ${response.status}`);
      return performance.now() - started;
    };
    for (const query of queries.slice(0, 2)) await fetchOne(query);
    const times: number[] = [];
    for (const query of queries) times.push(await fetchOne(query));
    const sorted = [...times].sort((a, b) => a - b);
    return {
      dashboard_p95_ms: round(sorted[Math.ceil(0.95 * sorted.length) - 1]),
      dashboard_p50_ms: round(sorted[Math.floor(sorted.length / 2)]),
      dashboard_max_ms: round(sorted.at(-1)!),
      requests: times.length,
      learners,
      seed,
      rows: report.rows,
      seed_seconds: report.seconds,
      loadavg_1m: round(os.loadavg()[0]),
      per_request_ms: times.map((t) => round(t)),
      queries,
    };
  } finally {
    await server.stop();
  }
}
