import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { ISSUER_KEY_FILE } from "~/certificates/issuer-key.server";
import { largeSeedDir, seedLarge } from "../../scripts/seed-large";
import { login } from "../lib/client";
import { appPath, spawnServer } from "../lib/server";
import { freePort, log, round } from "../lib/util";

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
  return [
    ...base,
    ...base.map((q, i) =>
      q
        .replace(/district=belgrade/, "district=south-backa")
        .replace(/group=3/, `group=${7 + i}`)
        .replace("2025-12&to=2026-11", "2025-11&to=2026-10"),
    ),
  ].map((q) => `${q}&course=${course.id}`);
}

/**
 * The queries of the item-analysis requests: each quiz of the course in turn, over every learner
 * (the running sums) and, every other request, narrowed to one group (counted from the raw rows).
 */
export function itemAnalysisQueries(course: { id: string; modules: { id: string; bank?: unknown }[] }, count = 20): string[] {
  const quizzes = course.modules.filter((m) => m.bank).map((m) => m.id);
  return Array.from({ length: count }, (_, i) => {
    const search = new URLSearchParams({ course: course.id, module: quizzes[i % quizzes.length] });
    if (i % 2 === 1) search.set("group", String(3 + i));
    return search.toString();
  });
}

/** p50, p95 (the 19th of 20) and the slowest of a list of times. */
function percentiles(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: round(sorted[Math.floor(sorted.length / 2)]), p95: round(sorted[Math.ceil(0.95 * sorted.length) - 1]), max: round(sorted.at(-1)!) };
}

/**
 * Learners in the seed:large database this scenario and exam_10k run on. The smoke run only checks that the
 * scenarios run end to end: 1,000 learners seed in half the CPU time of 2,000 (5 s against 10) and make 25
 * groups, enough for the queries above, which name groups up to 22.
 */
export const LARGE_SEED_LEARNERS = { full: 50_000, smoke: 1_000 };

/**
 * Seeds (or reuses) the large database, starts a server on it, and times 20 loader requests of the
 * dashboard (`?_data=`, the loader's JSON without the page) as a reviewer, one at a time, after
 * two untimed ones; then the same for the item-analysis page. p95 of 20 is the 19th fastest.
 */
export async function statisticsScenario(options: { smoke: boolean; coursesDir: string; tmpDir: string; course: { id: string; modules: { id: string; bank?: unknown }[] } }) {
  const learners = options.smoke ? LARGE_SEED_LEARNERS.smoke : LARGE_SEED_LEARNERS.full;
  const seed = 1;
  const dataDir = largeSeedDir(learners, seed);
  const report = seedLarge({ learners, seed, out: dataDir, force: false }, (line) => log(line));
  const port = await freePort();
  // The certificate issuer's key names the URL of the server that made it (another port on the last
  // run): the seed's server would refuse to start. No certificate is issued or verified here.
  fs.rmSync(path.join(dataDir, ISSUER_KEY_FILE), { force: true });
  const server = await spawnServer({
    name: "trag (large database)",
    script: "scripts/start.js",
    cwd: appPath(),
    port,
    env: { NODE_ENV: "production", DATA_DIR: dataDir, COURSES_DIR: options.coursesDir, TRAG_DEMO: "1", PUBLIC_URL: `http://127.0.0.1:${port}` },
    logFile: path.join(options.tmpDir, "server-large.log"),
    readyPath: "/healthz",
    expectWorkers: 0,
  });
  try {
    const reviewer = await login(server.url, { id: 0, email: "reviewer@trag.test", password: "reviewer-demo-2026" });
    const queries = statisticsQueries(options.course);
    const fetchOne = async (page: string, route: string, query: string) => {
      const started = performance.now();
      const response = await fetch(`${server.url}${page}?${query}&_data=${encodeURIComponent(route)}`, { headers: { Cookie: reviewer.cookie }, signal: AbortSignal.timeout(60_000) });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET ${page}?${query} answered ${response.status}`);
      return performance.now() - started;
    };
    const timeAll = async (page: string, route: string, list: string[]) => {
      for (const query of list.slice(0, 2)) await fetchOne(page, route, query);
      const times: number[] = [];
      for (const query of list) times.push(await fetchOne(page, route, query));
      return times;
    };
    const times = await timeAll("/statistics", "routes/statistics._index", queries);
    const dashboard = percentiles(times);
    const itemQueries = itemAnalysisQueries(options.course);
    const itemTimes = await timeAll("/statistics/items", "routes/statistics.items", itemQueries);
    const items = percentiles(itemTimes);
    return {
      dashboard_p95_ms: dashboard.p95,
      dashboard_p50_ms: dashboard.p50,
      dashboard_max_ms: dashboard.max,
      item_analysis_p95_ms: items.p95,
      item_analysis_p50_ms: items.p50,
      item_analysis_max_ms: items.max,
      requests: times.length,
      learners,
      seed,
      rows: report.rows,
      seed_seconds: report.seconds,
      loadavg_1m: round(os.loadavg()[0]),
      per_request_ms: times.map((t) => round(t)),
      queries,
      item_analysis_per_request_ms: itemTimes.map((t) => round(t)),
      item_analysis_queries: itemQueries,
    };
  } finally {
    await server.stop();
  }
}
