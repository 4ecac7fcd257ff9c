import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Learner } from "../lib/client";
import { runLoad, type LoadSummary } from "../lib/load";
import { cpuSeconds, spawnServer } from "../lib/server";
import { freePort, log, median, round } from "../lib/util";
import { warmUp, type BenchContext } from "./context";

export const CONNECTIONS = 32;

/** The course's longest English lesson: the most markdown to render and the most HTML to send. */
export function pickLesson(context: BenchContext) {
  const all = context.course.modules.flatMap((module) => module.lessons.map((lesson) => ({ module, lesson })));
  const { module, lesson } = all.reduce((a, b) => (b.lesson.versions.en.words > a.lesson.versions.en.words ? b : a));
  return { moduleId: module.id, lessonId: lesson.id, words: lesson.versions.en.words, path: `/courses/${context.course.id}/${module.id}/${lesson.id}` };
}

/** GETs `path` with each learner's cookies in turn, 32 connections, for the mode's duration. */
export async function hammer(context: BenchContext, url: string, path: string, learners: Learner[] | null, seconds: number, compressed = false) {
  let next = 0;
  let wrong = 0;
  const headers: Record<string, string> = compressed ? { "Accept-Encoding": context.acceptEncoding } : {};
  const run = await runLoad({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    hardLimitMs: (seconds + 30) * 1000,
    requests: [
      {
        method: "GET",
        path,
        headers,
        setupRequest: (request) => {
          if (!learners) return request;
          const learner = learners[next++ % learners.length];
          return { ...request, headers: { ...headers, Cookie: learner.cookie } };
        },
        onResponse: (status) => {
          if (status !== 200) wrong++;
        },
      },
    ],
  });
  return { ...run.summary, wrong };
}

export async function lessonScenario(context: BenchContext, learners: Learner[]) {
  const lesson = pickLesson(context);
  log(`lesson page ${lesson.path} (${lesson.words} words), ${learners.length} learners, ${CONNECTIONS} connections`);
  // The exact bytes a learner gets, for the static baseline.
  const sample = await fetch(context.base + lesson.path, { headers: { Cookie: learners[0].cookie } });
  const html = Buffer.from(await sample.arrayBuffer());
  if (sample.status !== 200 || !html.includes("lesson-title")) throw new Error(`the lesson page answered ${sample.status}`);
  const staticDir = path.join(context.tmpDir, "static");
  fs.mkdirSync(staticDir, { recursive: true });
  fs.writeFileSync(path.join(staticDir, "lesson.html"), html);

  await warmUp(context, (seconds) => hammer(context, context.base, lesson.path, learners, seconds));
  const cpuBefore = cpuSeconds(context.serverPid);
  const loadavg = os.loadavg()[0];
  const runs = [];
  for (let i = 0; i < context.mode.runs; i++) runs.push(await hammer(context, context.base, lesson.path, learners, context.mode.seconds));
  const responses = runs.reduce((sum, run) => sum + run.responses, 0);
  const cpuMsPerRequest = round(((cpuSeconds(context.serverPid) - cpuBefore) * 1000) / Math.max(1, responses), 2);
  const app = {
    rps: median(runs.map((run) => run.rps)) ?? 0,
    p50_ms: median(runs.map((run) => run.p50_ms ?? 0)),
    p99_ms: median(runs.map((run) => run.p99_ms ?? 0)),
    max_ms: Math.max(...runs.map((run) => run.max_ms ?? 0)),
    wrong: runs.reduce((sum, run) => sum + run.wrong, 0),
  };
  // The same with the Accept-Encoding a browser sends: compression (brotli, preferred by the compression middleware) on top.
  const appCompressed = await hammer(context, context.base, lesson.path, learners, context.mode.seconds, true);
  log(`  app compressed: ${appCompressed.rps} req/s, p99 ${appCompressed.p99_ms} ms`);
  log(
    `  app (median of ${runs.length} runs): ${app.rps} req/s, p50 ${app.p50_ms} ms, p99 ${app.p99_ms} ms [runs: ${runs.map((run) => `${run.rps} req/s, p99 ${run.p99_ms} ms`).join("; ")}], unexpected ${app.wrong}, server CPU ${cpuMsPerRequest} ms/request, load average ${loadavg.toFixed(2)} before`,
  );

  const baseline = async (name: string, script: string, urlPath: string) => {
    const port = await freePort();
    const server = await spawnServer({
      name,
      script,
      port,
      env: { STATIC_DIR: staticDir, WORKERS: String(context.workers), NODE_ENV: "production" },
      logFile: path.join(context.tmpDir, `${name}.log`),
      readyPath: urlPath,
      expectWorkers: context.workers,
    });
    try {
      await warmUp(context, (seconds) => hammer(context, server.url, urlPath, null, seconds));
      const result = await hammer(context, server.url, urlPath, null, context.mode.seconds);
      log(`  ${name}: ${result.rps} req/s, p50 ${result.p50_ms} ms, p99 ${result.p99_ms} ms`);
      const compressed = name === "static" ? await hammer(context, server.url, urlPath, null, context.mode.seconds, true) : null;
      if (compressed) log(`  ${name} compressed: ${compressed.rps} req/s, p99 ${compressed.p99_ms} ms`);
      return { ...result, compressed };
    } finally {
      await server.stop();
    }
  };
  const staticFile = await baseline("static", "bench/baselines/static.ts", "/lesson.html");
  const hello = await baseline("hello", "bench/baselines/hello.ts", "/");

  const ratio = (a: number, b: number) => (b > 0 ? round(a / b, 3) : null);
  return {
    rps: app.rps,
    p50_ms: app.p50_ms,
    p99_ms: app.p99_ms,
    max_ms: app.max_ms,
    static_rps: staticFile.rps,
    hello_rps: hello.rps,
    ratio_to_static: ratio(app.rps, staticFile.rps),
    ratio_to_hello: ratio(app.rps, hello.rps),
    /** With a browser's Accept-Encoding (the figures above are without: the bytes as they are). */
    compressed: {
      accept_encoding: context.acceptEncoding,
      rps: appCompressed.rps,
      p50_ms: appCompressed.p50_ms,
      p99_ms: appCompressed.p99_ms,
      static_rps: staticFile.compressed?.rps ?? null,
      static_p99_ms: staticFile.compressed?.p99_ms ?? null,
      ratio_to_static: ratio(appCompressed.rps, staticFile.compressed?.rps ?? 0),
    },
    connections: CONNECTIONS,
    path: lesson.path,
    html_bytes: html.length,
    learners: learners.length,
    unexpected_responses: app.wrong,
    /** Server CPU time (all processes, user + system) per response in the measured window: independent of how busy the machine was. */
    server_cpu_ms_per_request: cpuMsPerRequest,
    loadavg_1m_before: round(loadavg, 2),
    runs: runs.length,
    detail: { app: runs as LoadSummary[], static: staticFile as LoadSummary, hello: hello as LoadSummary },
  };
}
