import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { performance } from "node:perf_hooks";
import { createCookie } from "@remix-run/node";
import Database from "better-sqlite3";
import { decode } from "turbo-stream";
import type { Course, Module } from "~/content/loader.server";
import { databaseFile } from "~/utils/db.server";
import { readOrCreateSecret } from "~/utils/secrets.server";
import { largeSeedDir, seedLarge } from "../../scripts/seed-large";
import { login } from "../lib/client";
import { countRows, seedLearners } from "../lib/seed";
import { appPath, cpuSeconds, MemoryMonitor, spawnServer } from "../lib/server";
import { freePort, log, percentile, round, sleep } from "../lib/util";
import { LARGE_SEED_LEARNERS, statisticsQueries } from "./statistics";

/**
 * The Judicial Academy's exam (issue 12): `learners` learners, already signed in, open the same
 * quiz and press Start at moments spread evenly over `startWindowS`; each then answers a question
 * every 15–30 s (uniformly at random) until `answeringS` after their start, and finishes. The
 * server runs on a copy of the `npm run seed:large` database (its 50,000 learners' two years of
 * activity, so every answer updates summaries of realistic size) with the exam's learners added;
 * a reviewer's dashboard loader is timed every `dashboardEveryS` while the exam runs. The load
 * generator is this process, on the same machine.
 *
 * What a learner's browser sends, per step (a form posted, then, after a redirect, the page's data
 * fetched as Remix's single fetch does: GET <path>.data, root and route loaders):
 * - start: POST the quiz overview's form (intent=start) → 302 to the attempt; GET its data;
 * - answer: the question form as the page's script posts it (POST <path>.data?index, intent=save,
 *   the attempt's revision, background=1) → 200, the reply carrying the page's new data: one request;
 * - finish: POST intent=finish → 302 to the review; GET the review's data.
 * An error is any other status, a refused answer, or a request that failed or took over 30 s.
 */
export const EXAM_SIZES = {
  full: { learners: 10_000, seedLearners: LARGE_SEED_LEARNERS.full, startWindowS: 120, answeringS: 600, gapS: [15, 30] as const, dashboardEveryS: 30, sockets: 256 },
  /** A shorter exam on the same database for comparing two builds' CPU an answer (`EXAM_SIZE=probe npm run bench -- --only exam_10k`; bench/changes.md 26). */
  probe: { learners: 600, seedLearners: 50_000, startWindowS: 30, answeringS: 60, gapS: [3, 6] as const, dashboardEveryS: 10, sockets: 256 },
  smoke: { learners: 30, seedLearners: LARGE_SEED_LEARNERS.smoke, startWindowS: 2, answeringS: 5, gapS: [1, 2] as const, dashboardEveryS: 1, sockets: 16 },
};

const ATTEMPT_ROUTE = "routes/courses.$courseId.$moduleId.quiz.$attemptId._index";
const REVIEW_ROUTE = "routes/courses.$courseId.$moduleId.quiz.$attemptId.review";
const REQUEST_TIMEOUT_MS = 30_000;

type Reply = { status: number; location: string | null; body: string; ms: number; retried?: boolean };

/** Undoes the response's Content-Encoding (the requests accept compression as a browser's do). */
function decompress(body: Buffer, encoding: string | undefined): Buffer {
  if (encoding === "br") return zlib.brotliDecompressSync(body);
  if (encoding === "gzip") return zlib.gunzipSync(body);
  if (encoding === "deflate") return zlib.inflateSync(body);
  return body;
}

/**
 * One HTTP request over a shared keep-alive pool (a browser's connection, reused between steps).
 * A request on a reused connection that the server closed as idle meanwhile (its keep-alive timeout
 * ran out as the request left) is sent once more on a new one, as browsers do; `retried` says so.
 */
function send(agent: http.Agent, base: string, acceptEncoding: string, method: "GET" | "POST", target: string, cookie: string, form?: URLSearchParams): Promise<Reply> {
  const started = performance.now();
  const url = new URL(target, base);
  const body = form?.toString();
  return sendOnce(agent, url, acceptEncoding, method, cookie, body, started).catch((error: NodeJS.ErrnoException & { reusedSocket?: boolean }) => {
    if (!error.reusedSocket || error.code !== "ECONNRESET") throw error;
    return sendOnce(agent, url, acceptEncoding, method, cookie, body, started).then((reply) => ({ ...reply, retried: true }));
  });
}

function sendOnce(agent: http.Agent, url: URL, acceptEncoding: string, method: "GET" | "POST", cookie: string, body: string | undefined, started: number): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method,
        agent,
        headers: {
          Cookie: cookie,
          "Accept-Encoding": acceptEncoding,
          ...(body === undefined ? {} : { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) }),
        },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            location: response.headers.location ?? null,
            body: decompress(Buffer.concat(chunks), response.headers["content-encoding"]).toString("utf8"),
            ms: performance.now() - started,
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`timeout after ${REQUEST_TIMEOUT_MS} ms`)));
    // Whether the request went out on a kept-alive connection, for the one retry above.
    request.on("error", (error) => reject(Object.assign(error, { reusedSocket: request.reusedSocket })));
    request.end(body);
  });
}

/** A single-fetch reply's body (turbo-stream encoded) as the browser decodes it. */
async function singleFetchValue<T>(reply: Reply): Promise<T> {
  return (await decode(new Blob([reply.body]).stream())).value as T;
}

type Question = { id: string; type: string; options?: { id: string }[]; lefts?: { id: string }[]; rights?: { id: string }[]; items?: { id: string }[] };
type AttemptData = { attempt: { id: number; revision: number }; questions: Question[] };

/** A complete, valid answer to a question as the page's data shows it, chosen at random (so scores vary). */
export function answerFields(question: Question, random: () => number): Array<[string, string]> {
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  switch (question.type) {
    case "single":
      return [["option", pick(question.options!).id]];
    case "multiple":
      return question.options!.filter((_, i) => i === 0 || random() < 0.4).map((o) => ["option", o.id]);
    case "truefalse":
      return [["value", random() < 0.5 ? "true" : "false"]];
    case "matching": {
      const rights = [...question.rights!].sort(() => random() - 0.5);
      return question.lefts!.map((left, i) => [`match.${left.id}`, rights[i % rights.length].id]);
    }
    case "ordering": {
      const positions = question.items!.map((_, i) => i + 1).sort(() => random() - 0.5);
      return question.items!.map((item, i) => [`position.${item.id}`, String(positions[i])]);
    }
    default:
      throw new Error(`unknown question type ${question.type}`);
  }
}

/**
 * Signed-in sessions for the exam's learners, written straight into the database (signing 10,000
 * learners in through the form would cost 10,000 argon2 verifications and trip the per-address
 * login limit; the exam starts after they have signed in). The cookie is signed with the data
 * folder's session secret and the CSRF token derived as app/utils/forms.server.ts derives it; the
 * first learner's token is checked against a page the server renders.
 */
async function signInDirectly(dataDir: string, userIds: number[]) {
  const cookie = createCookie("trag_session", { httpOnly: true, sameSite: "lax", path: "/", secrets: [readOrCreateSecret(dataDir, "session-secret")] });
  const hashKey = readOrCreateSecret(dataDir, "hash-key");
  const db = new Database(databaseFile(dataDir));
  const insert = db.prepare("insert into sessions (id, user_id, expires_at, user_agent, created_at, last_seen_at) values (?, ?, ?, ?, ?, ?)");
  const now = Date.now();
  const sessions = userIds.map((userId) => ({ userId, id: crypto.randomBytes(32).toString("base64url") }));
  db.transaction(() => {
    for (const s of sessions) insert.run(s.id, s.userId, now + 12 * 3600_000, "trag-bench exam_10k", now, now);
  })();
  db.close();
  return Promise.all(
    sessions.map(async (s) => ({
      userId: s.userId,
      cookie: (await cookie.serialize(s.id)).split(";")[0],
      csrf: crypto.createHmac("sha256", hashKey).update(`csrf-session\u0000${s.id}`).digest("base64url").slice(0, 32),
    })),
  );
}

type Recorder = { times: Record<string, number[]>; errors: Record<string, number>; statuses: Record<string, number>; retries: number };

function record(r: Recorder, step: string, reply: Reply, expected: number) {
  (r.times[step] ??= []).push(reply.ms);
  if (reply.retried) r.retries++;
  r.statuses[`${step} ${reply.status}`] = (r.statuses[`${step} ${reply.status}`] ?? 0) + 1;
  if (reply.status !== expected) {
    const detail = /class="error-detail">([^<]*)</.exec(reply.body)?.[1] ?? reply.body.slice(0, 60);
    const key = `${step}: ${reply.status} ${detail}`;
    r.errors[key] = (r.errors[key] ?? 0) + 1;
    return false;
  }
  return true;
}

function failure(r: Recorder, step: string, error: unknown) {
  const key = `${step}: ${(error as Error).message}`;
  r.errors[key] = (r.errors[key] ?? 0) + 1;
}

const stats = (values: number[] | undefined) => ({
  n: values?.length ?? 0,
  p50_ms: round(percentile(values ?? [], 50), 1),
  p95_ms: round(percentile(values ?? [], 95), 1),
  p99_ms: round(percentile(values ?? [], 99), 1),
  max_ms: round(percentile(values ?? [], 100), 1),
});

export async function exam10kScenario(options: { smoke: boolean; coursesDir: string; tmpDir: string; course: Course; module: Module; nodeArgs: string[]; acceptEncoding: string }) {
  const size = options.smoke ? EXAM_SIZES.smoke : process.env.EXAM_SIZE === "probe" ? EXAM_SIZES.probe : EXAM_SIZES.full;
  const { course, module } = options;
  const seed = 1;
  const source = largeSeedDir(size.seedLearners, seed);
  const seeded = seedLarge({ learners: size.seedLearners, seed, out: source, force: false }, (line) => log(line));
  const dataDir = path.join(options.tmpDir, "exam-data");
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  log(`exam_10k: copying the ${size.seedLearners}-learner database, adding ${size.learners} learners with signed-in sessions`);
  fs.copyFileSync(databaseFile(source), databaseFile(dataDir));
  const users = await seedLearners(dataDir, size.learners, "exam");
  const learners = await signInDirectly(
    dataDir,
    users.map((u) => u.id),
  );

  const port = await freePort();
  const server = await spawnServer({
    name: "trag (exam)",
    script: "scripts/start.js",
    cwd: appPath(),
    port,
    env: { NODE_ENV: "production", DATA_DIR: dataDir, COURSES_DIR: options.coursesDir, TRAG_DEMO: "1", PUBLIC_URL: `http://127.0.0.1:${port}` },
    logFile: path.join(options.tmpDir, "server-exam.log"),
    readyPath: "/healthz",
    expectWorkers: 0,
    // `npm run bench -- --only exam_10k --cpu-prof` profiles the exam's server too.
    nodeArgs: options.nodeArgs,
  });
  const memory = new MemoryMonitor(server.pid).start();
  const agent = new http.Agent({ keepAlive: true, maxSockets: size.sockets });
  const overview = `/courses/${course.id}/${module.id}/quiz`;
  try {
    const check = await send(agent, server.url, options.acceptEncoding, "GET", overview, learners[0].cookie);
    const shown = /<input[^>]*name="csrf"[^>]*value="([^"]*)"/.exec(check.body)?.[1];
    if (check.status !== 200 || shown !== learners[0].csrf) throw new Error(`the exam's sessions are not accepted (GET ${overview} answered ${check.status})`);
    const reviewer = await login(server.url, { id: 0, email: "reviewer@trag.test", password: "reviewer-demo-2026" });

    const r: Recorder = { times: {}, errors: {}, statuses: {}, retries: 0 };
    let finished = 0;
    let answered = 0;
    let state = 20261206;
    const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const gap = () => (size.gapS[0] + random() * (size.gapS[1] - size.gapS[0])) * 1000;
    /** The page's data as the browser refetches it after a redirect (Remix single fetch: GET <path>.data, turbo-stream encoded). */
    const dataOf = async <T>(target: string, route: string, cookie: string, step: string): Promise<T | null> => {
      const reply = await send(agent, server.url, options.acceptEncoding, "GET", `${target}.data`, cookie);
      if (!record(r, step, reply, 200)) return null;
      const data = (await singleFetchValue<Record<string, { data?: T }>>(reply))[route]?.data;
      if (!data) {
        failure(r, step, new Error(`no data for ${route}`));
        return null;
      }
      return data;
    };
    const t0 = performance.now();
    const at = (ms: number) => sleep(Math.max(0, t0 + ms - performance.now()));

    const takeExam = async (learner: (typeof learners)[number], index: number) => {
      const startAt = (index / size.learners) * size.startWindowS * 1000;
      const finishAt = startAt + size.answeringS * 1000;
      await at(startAt);
      let attemptPath: string;
      let data: AttemptData;
      try {
        const started = await send(agent, server.url, options.acceptEncoding, "POST", overview, learner.cookie, new URLSearchParams({ csrf: learner.csrf, intent: "start" }));
        if (!record(r, "start", started, 302) || !started.location || !/\/quiz\/\d+$/.test(started.location)) return;
        attemptPath = started.location;
        const page = await dataOf<AttemptData>(attemptPath, ATTEMPT_ROUTE, learner.cookie, "start_data");
        if (!page) return;
        data = page;
      } catch (error) {
        failure(r, "start", error);
        return;
      }
      let revision = data.attempt.revision;
      for (let n = 0; ; n++) {
        const next = performance.now() - t0 + gap();
        if (next >= finishAt) break;
        await at(next);
        const question = data.questions[n % data.questions.length];
        try {
          const saved = await send(
            agent,
            server.url,
            options.acceptEncoding,
            "POST",
            `${attemptPath}.data?index`,
            learner.cookie,
            new URLSearchParams([["csrf", learner.csrf], ["background", "1"], ["intent", "save"], ["questionId", question.id], ["revision", String(revision)], ...answerFields(question, random)]),
          );
          if (!record(r, "answer", saved, 200)) continue;
          const reply = await singleFetchValue<{ data?: { pageData?: AttemptData } }>(saved);
          if (!reply.data?.pageData) {
            failure(r, "answer", new Error("the reply has no page data"));
            continue;
          }
          answered++;
          revision = reply.data.pageData.attempt.revision;
        } catch (error) {
          failure(r, "answer", error);
        }
      }
      await at(finishAt);
      try {
        const done = await send(
          agent,
          server.url,
          options.acceptEncoding,
          "POST",
          attemptPath,
          learner.cookie,
          new URLSearchParams({ csrf: learner.csrf, intent: "finish", revision: String(revision) }),
        );
        if (!record(r, "finish", done, 302) || !done.location?.endsWith("/review")) return;
        finished++;
        await dataOf(done.location, REVIEW_ROUTE, learner.cookie, "review_data");
      } catch (error) {
        failure(r, "finish", error);
      }
    };

    // The reviewer's dashboard, timed while the exam runs (from the first minute of answering on).
    const dashboard: number[] = [];
    const queries = statisticsQueries(course);
    let running = true;
    const reviewerLoop = (async () => {
      await at(Math.min(size.startWindowS, size.gapS[1] * 2) * 1000);
      for (let i = 0; running; i++) {
        try {
          const reply = await send(agent, server.url, options.acceptEncoding, "GET", `/statistics?${queries[i % queries.length]}&_data=routes%2Fstatistics._index`, reviewer.cookie);
          if (record(r, "dashboard", reply, 200)) dashboard.push(reply.ms);
        } catch (error) {
          failure(r, "dashboard", error);
        }
        await at((Math.min(size.startWindowS, size.gapS[1] * 2) + (i + 1) * size.dashboardEveryS) * 1000);
      }
    })();
    const loads: number[] = [];
    const loadTimer = setInterval(() => loads.push(os.loadavg()[0]), 10_000);
    const cpuBefore = cpuSeconds(server.pid);
    const ownBefore = process.cpuUsage();
    log(`exam_10k: ${size.learners} learners start ${module.id} over ${size.startWindowS} s, answer every ${size.gapS.join("–")} s for ${size.answeringS} s, then finish`);
    const progress = setInterval(
      () =>
        log(
          `  ${round((performance.now() - t0) / 1000, 0)} s: ${answered} answers, ${finished} finished, ${Object.values(r.errors).reduce((a, b) => a + b, 0)} errors, load ${os.loadavg()[0].toFixed(1)}`,
        ),
      60_000,
    );
    await Promise.all(learners.map((learner, i) => takeExam(learner, i)));
    running = false;
    await reviewerLoop;
    clearInterval(progress);
    clearInterval(loadTimer);
    const elapsed = (performance.now() - t0) / 1000;
    const serverCpu = cpuSeconds(server.pid) - cpuBefore;
    const own = process.cpuUsage(ownBefore);
    const mem = memory.stop();
    await server.stop();
    const attempts = countRows(
      dataDir,
      "select count(*) from quiz_attempts a join users u on u.id = a.user_id where u.email like 'exam%@bench.trag.test' and a.module_id = ? and a.status <> 'in-progress'",
      module.id,
    );
    const answerRows = countRows(
      dataDir,
      "select count(*) from quiz_answers q join quiz_attempts a on a.id = q.attempt_id join users u on u.id = a.user_id where u.email like 'exam%@bench.trag.test'",
    );
    const errors = Object.values(r.errors).reduce((a, b) => a + b, 0);
    const sortedDashboard = [...dashboard].sort((a, b) => a - b);
    const result = {
      learners: size.learners,
      start_window_s: size.startWindowS,
      answering_s: size.answeringS,
      answer_gap_s: size.gapS,
      module: module.id,
      database_learners: seeded.learners + size.learners,
      errors,
      error_reasons: r.errors,
      statuses: r.statuses,
      /** Requests sent again on a new connection after the server had closed the kept-alive one (see send). */
      retries: r.retries,
      answers: answered,
      answers_per_s: round(answered / Math.max(1, elapsed - size.startWindowS / 2), 1),
      finished,
      attempts_finished_in_db: attempts,
      answer_rows_in_db: answerRows,
      answer_p50_ms: stats(r.times.answer).p50_ms,
      answer_p99_ms: stats(r.times.answer).p99_ms,
      answer_max_ms: stats(r.times.answer).max_ms,
      finish_p50_ms: stats(r.times.finish).p50_ms,
      finish_p99_ms: stats(r.times.finish).p99_ms,
      finish_max_ms: stats(r.times.finish).max_ms,
      dashboard_p95_ms: round(sortedDashboard[Math.ceil(0.95 * sortedDashboard.length) - 1], 1),
      dashboard_max_ms: round(sortedDashboard.at(-1), 1),
      dashboard_requests: dashboard.length,
      dashboard_per_request_ms: dashboard.map((ms) => round(ms, 1)),
      steps: Object.fromEntries(Object.entries(r.times).map(([step, values]) => [step, stats(values)])),
      peak_pss_mb: mem.max_pss_mb,
      peak_rss_mb: mem.peak_rss_mb,
      memory: mem.processes,
      elapsed_s: round(elapsed, 1),
      server_cpu_s: round(serverCpu, 1),
      load_generator_cpu_s: round((own.user + own.system) / 1e6, 1),
      sockets: size.sockets,
      loadavg_1m: { max: round(Math.max(...loads, 0), 2), mean: round(loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length), 2), samples: loads.length },
    };
    log(
      `  errors ${errors}, ${answered} answers (${result.answers_per_s}/s), answer p99 ${result.answer_p99_ms} ms, finish p99 ${result.finish_p99_ms} ms, dashboard p95 ${result.dashboard_p95_ms} ms, PSS ${mem.max_pss_mb} MB, server CPU ${result.server_cpu_s} s, load generator ${result.load_generator_cpu_s} s, load ${result.loadavg_1m.mean} (max ${result.loadavg_1m.max})`,
    );
    return result;
  } finally {
    agent.destroy();
    memory.stop();
    await server.stop();
  }
}
