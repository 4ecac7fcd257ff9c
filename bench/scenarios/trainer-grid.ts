import { performance } from "node:perf_hooks";
import { get, login } from "../lib/client";
import { cpuSeconds } from "../lib/server";
import { percentile, round } from "../lib/util";
import { log } from "../lib/util";
import type { BenchContext } from "./context";

type Trainer = { id: number; email: string; password: string; groupId: number };

/**
 * Sequential GETs of `path` (one at a time, so each time is the server's time plus a loopback round trip),
 * and the server's CPU time per measured request (user + system of its processes), which the machine's
 * other load inflates much less than the times.
 */
async function time(context: BenchContext, path: string, cookie: string, requests: number, warmup: number) {
  const times: number[] = [];
  let bytes = 0;
  let cpuBefore = 0;
  for (let i = 0; i < warmup + requests; i++) {
    if (i === warmup) cpuBefore = cpuSeconds(context.serverPid);
    const start = performance.now();
    const response = await fetch(context.base + path, { headers: { Cookie: cookie, "Accept-Encoding": context.acceptEncoding }, signal: AbortSignal.timeout(30_000) });
    const body = await response.arrayBuffer();
    const elapsed = performance.now() - start;
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
    if (i >= warmup) times.push(elapsed);
    bytes = body.byteLength;
  }
  const cpuMs = round(((cpuSeconds(context.serverPid) - cpuBefore) * 1000) / requests);
  return { p50_ms: round(percentile(times, 50)), p95_ms: round(percentile(times, 95)), max_ms: round(Math.max(...times)), cpu_ms: cpuMs, requests, bytes };
}

/**
 * The trainer's progress grid of a group of 500 learners × 8 modules (bench/lib/seed.ts
 * seedTrainerGroup), page and exports, as the trainer signed in, one request at a time.
 */
export async function trainerGridScenario(context: BenchContext, trainer: Trainer, learners: number) {
  const session = await login(context.base, trainer);
  const grid = `/trainer/groups/${trainer.groupId}/progress`;
  const first = await get(context.base, grid, session.cookie);
  const rows = (first.html.match(/<th scope="row"/g) ?? []).length;
  if (first.status !== 200 || rows !== learners) throw new Error(`the grid answered ${first.status} with ${rows} rows, not ${learners}`);
  const requests = context.mode.smoke ? 5 : 40;
  const page = await time(context, grid, session.cookie, requests, context.mode.smoke ? 1 : 5);
  const filtered = await time(context, `${grid}?status=overdue&sort=progress&order=desc`, session.cookie, requests, 1);
  const csv = await time(context, `${grid}/export/csv`, session.cookie, context.mode.smoke ? 2 : 10, 1);
  const xlsx = await time(context, `${grid}/export/xlsx`, session.cookie, context.mode.smoke ? 2 : 10, 1);
  const modules = context.course.modules.length;
  log(`trainer grid (${learners} × ${modules}): page p95 ${page.p95_ms} ms (CPU ${page.cpu_ms} ms a page), filtered p95 ${filtered.p95_ms} ms, CSV p95 ${csv.p95_ms} ms, XLSX p95 ${xlsx.p95_ms} ms`);
  return { learners, modules, p50_ms: page.p50_ms, p95_ms: page.p95_ms, max_ms: page.max_ms, cpu_ms: page.cpu_ms, requests, html_bytes: page.bytes, filtered, csv, xlsx };
}
