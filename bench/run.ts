/**
 * `npm run bench`: builds the app, starts it in production mode on a fresh database with the
 * course loaded and a set of learners, runs each scenario and writes bench/results.json and
 * bench/results.md. See bench/README.md.
 *
 *   --smoke          2 s per scenario without warm-up, few learners, Lighthouse on the lesson page only (tests/e2e/bench-smoke.test.ts)
 *   --out DIR        where to write results.json and results.md (default bench/, or bench/.tmp/smoke with --smoke)
 *   --no-build       use the existing build
 *   --app-dir DIR    start the app from DIR, already built there (the e2e suite's copy; implies --no-build)
 *   --workers N      WEB_CONCURRENCY for the server (default: unset, scripts/start.js decides)
 *   --only a,b       run only these scenarios (lesson, quiz, exam, statistics, certificate, weight, lighthouse, trainer_grid, search, exam_10k, verify_flood);
 *                    the figures of the others are kept from the results.json in --out
 *   --cpu-prof       write the server's CPU profiles (node --cpu-prof) to bench/.tmp/profiles
 *   --node-args "…"  extra Node options for the server (its workers inherit them), e.g. heap limits
 *   --report-only    rewrite results.md from the results.json in --out (after editing bench/changes.md)
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { loadCourses } from "~/content/loader.server";
import { login, type Learner } from "./lib/client";
import { judge, writeResults, type Results } from "./lib/report";
import { seedLearners, seedTrainerGroup } from "./lib/seed";
import { appPath, MemoryMonitor, spawnServer, serveBuiltAppFrom, workerPids } from "./lib/server";
import { freePort, inBatches, log } from "./lib/util";
import { certificateScenario } from "./scenarios/certificate";
import type { BenchContext, Mode } from "./scenarios/context";
import { examStartScenario } from "./scenarios/exam";
import { exam10kScenario } from "./scenarios/exam-10k";
import { lessonScenario, pickLesson } from "./scenarios/lesson";
import { CHROME_PATH, lighthouseScenario } from "./scenarios/lighthouse";
import { pageWeightScenario } from "./scenarios/page-weight";
import { quizAnswerScenario, quizModules, startAttempt } from "./scenarios/quiz";
import { searchScenario } from "./scenarios/search";
import { statisticsScenario } from "./scenarios/statistics";
import { trainerGridScenario } from "./scenarios/trainer-grid";
import { verifyFloodScenario } from "./scenarios/verify-flood";

const ALL = ["weight", "certificate", "lesson", "quiz", "exam", "statistics", "lighthouse", "trainer_grid", "search", "exam_10k", "verify_flood"] as const;
type Scenario = (typeof ALL)[number];

function parseArgs(argv: string[]) {
  const args = { reportOnly: false, smoke: false, out: "", build: true, workers: null as number | null, only: new Set<Scenario>(ALL), cpuProf: false, nodeArgs: [] as string[] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--smoke") args.smoke = true;
    else if (arg === "--out") args.out = argv[++i];
    else if (arg === "--no-build") args.build = false;
    else if (arg === "--app-dir") {
      serveBuiltAppFrom(argv[++i]);
      args.build = false;
    } else if (arg === "--workers") args.workers = Number(argv[++i]);
    else if (arg === "--only") args.only = new Set(argv[++i].split(",") as Scenario[]);
    else if (arg === "--cpu-prof") args.cpuProf = true;
    else if (arg === "--report-only") args.reportOnly = true;
    else if (arg === "--node-args") args.nodeArgs = argv[++i].split(/\s+/).filter(Boolean);
    else throw new Error(`unknown argument ${arg}`);
  }
  args.out ||= args.smoke ? "bench/.tmp/smoke" : "bench";
  return args;
}

const SIZES = {
  full: { mode: { smoke: false, seconds: 10, warmupSeconds: 3, runs: 3 }, lesson: 64, quiz: 128, exam: 500, examWindow: 10, lighthouseRuns: 3, gridLearners: 500, search: 48 },
  smoke: { mode: { smoke: true, seconds: 2, warmupSeconds: 0, runs: 1 }, lesson: 8, quiz: 16, exam: 20, examWindow: 2, lighthouseRuns: 1, gridLearners: 20, search: 6 },
};

function git(...args: string[]) {
  return execFileSync("git", args, { encoding: "utf8" }).trim();
}

function machine() {
  let chromium: string | null = null;
  try {
    chromium = execFileSync(CHROME_PATH, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    chromium = null;
  }
  return {
    cpu_model: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
    kernel: os.release(),
    chromium,
  };
}

function build() {
  log("building the app (remix vite:build)…");
  const result = spawnSync("npx", ["remix", "vite:build"], { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error("the build failed");
  }
}

/** Where each scenario's figures go in results.json. */
const RESULT_KEYS: Record<Scenario, string> = {
  weight: "page_weight",
  certificate: "certificate_pdf",
  lesson: "lesson",
  quiz: "quiz_answer",
  exam: "exam_start",
  statistics: "statistics",
  lighthouse: "lighthouse",
  trainer_grid: "trainer_grid",
  search: "search",
  exam_10k: "exam_10k",
  verify_flood: "verify_flood",
};

/**
 * A run of some scenarios (--only) replaces their figures in the recorded results and keeps the
 * rest, with the run itself (commit, date, load, memory) listed under partial_runs.
 */
function mergeIntoRecorded(outDir: string, run: Results, only: Scenario[]): Results {
  const file = path.join(outDir, "results.json");
  if (!fs.existsSync(file)) return run;
  const recorded = JSON.parse(fs.readFileSync(file, "utf8")) as Results;
  for (const scenario of only) recorded[RESULT_KEYS[scenario]] = run[RESULT_KEYS[scenario]];
  const errors = { ...(recorded.errors ?? {}) };
  for (const scenario of only) delete errors[scenario];
  recorded.errors = { ...errors, ...run.errors };
  const { commit, date, finished, dirty, dirty_paths, loadavg_1m_start, loadavg_1m_end, peak_pss_mb, peak_rss_mb, workers } = run;
  recorded.partial_runs = [
    ...(recorded.partial_runs ?? []).filter((r: Results) => !only.every((s) => r.only.includes(s))),
    { only, commit, date, finished, dirty, dirty_paths, loadavg_1m_start, loadavg_1m_end, peak_pss_mb, peak_rss_mb, workers },
  ];
  return recorded;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.reportOnly) {
    const recorded = JSON.parse(fs.readFileSync(path.join(args.out, "results.json"), "utf8")) as Results;
    writeResults(args.out, recorded, path.resolve("bench/changes.md"));
    log(`rewrote ${path.join(args.out, "results.md")} from results.json`);
    return;
  }
  const size = args.smoke ? SIZES.smoke : SIZES.full;
  const mode: Mode = size.mode;
  const started = new Date();
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "trag-bench-"));
  const dataDir = path.join(tmpDir, "data");
  const errors: Record<string, string> = {};
  const results: Results = {
    commit: git("rev-parse", "HEAD"),
    date: started.toISOString(),
    mode: args.smoke ? "smoke" : "full",
    mode_detail: mode,
    node: process.version,
    machine: machine(),
    /** Other work on the machine skews every timing: the 1-minute load average when the run started and ended. */
    loadavg_1m_start: Math.round(os.loadavg()[0] * 100) / 100,
    autocannon_version: (createRequire(import.meta.url)("autocannon/package.json") as { version: string }).version,
    lighthouse_version: (createRequire(import.meta.url)("lighthouse/package.json") as { version: string }).version,
  };
  const dirtyPaths = git("status", "--porcelain", "--", "app", "db", "scripts", "courses").split("\n").filter(Boolean);
  results.dirty = dirtyPaths.length > 0;
  results.dirty_paths = dirtyPaths;

  if (args.build) build();
  else if (!fs.existsSync(appPath("build/server/index.js"))) throw new Error(`no build in ${appPath()}`);

  const attempt = async <T>(name: Scenario, work: () => Promise<T> | T): Promise<T | null> => {
    if (!args.only.has(name)) return null;
    try {
      return await work();
    } catch (error) {
      errors[name] = (error as Error).stack ?? String(error);
      log(`scenario ${name} failed: ${(error as Error).message}`);
      return null;
    }
  };

  const coursesDir = path.resolve(process.env.COURSES_DIR ?? "courses");
  const { courses, problems } = loadCourses(coursesDir);
  if (problems.length > 0 || courses.length === 0) throw new Error(`the course content in ${coursesDir} does not load`);
  const course = courses.find((c) => c.id === "thb-technology") ?? courses[0];

  // Learners only for the scenarios that run (logging each in costs an argon2 verification).
  const needs = (scenario: Scenario, count: number) => (args.only.has(scenario) ? count : 0);
  // One learner for the pages a browser or the page-weight scenario opens signed in.
  const pageLearner = args.only.has("lighthouse") || args.only.has("weight") ? 1 : 0;
  const total = needs("lesson", size.lesson) + needs("quiz", size.quiz) + needs("exam", size.exam) + pageLearner + needs("search", size.search) + needs("verify_flood", size.lesson);
  log(`seeding ${total} learners into a fresh database in ${dataDir}`);
  const users = await seedLearners(dataDir, total);
  const gridTrainer = args.only.has("trainer_grid") ? await seedTrainerGroup(dataDir, course, size.gridLearners) : null;

  const port = await freePort();
  const profileDir = path.resolve("bench/.tmp/profiles");
  if (args.cpuProf) fs.mkdirSync(profileDir, { recursive: true });
  const nodeArgs = [...(args.cpuProf ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []), ...args.nodeArgs];
  const env: NodeJS.ProcessEnv = { NODE_ENV: "production", DATA_DIR: dataDir, COURSES_DIR: coursesDir, TRAG_DEMO: "1", PUBLIC_URL: `http://127.0.0.1:${port}` };
  if (args.workers !== null) env.WEB_CONCURRENCY = String(args.workers);
  log("starting the server (scripts/start.js)…");
  const server = await spawnServer({
    name: "trag",
    script: "scripts/start.js",
    cwd: appPath(),
    port,
    env,
    logFile: path.join(tmpDir, "server.log"),
    nodeArgs,
    readyPath: "/healthz",
    expectWorkers: args.workers ?? 0,
  });
  const memory = new MemoryMonitor(server.pid).start();
  const workers = Math.max(1, workerPids(server.pid).length);
  results.workers = workers;
  results.web_concurrency = env.WEB_CONCURRENCY ?? null;
  results.server_node_args = nodeArgs;
  results.accept_encoding = process.env.BENCH_ACCEPT_ENCODING ?? "gzip, deflate, br";
  log(`server ${server.url}, pid ${server.pid}, ${workers} serving process(es)`);

  const context: BenchContext = { mode, base: server.url, serverPid: server.pid, dataDir, tmpDir, workers, course, acceptEncoding: results.accept_encoding };
  try {
    log(`logging ${users.length} learners in through POST /login…`);
    memory.mark("start");
    const learners: Learner[] = await inBatches(users, 8, (user) => login(server.url, user));
    memory.mark("logins");
    let offset = 0;
    const take = (n: number) => learners.slice(offset, (offset += n));
    const groups = {
      lesson: take(needs("lesson", size.lesson)),
      quiz: take(needs("quiz", size.quiz)),
      exam: take(needs("exam", size.exam)),
      lighthouse: take(pageLearner)[0],
      search: take(needs("search", size.search)),
      verifyFlood: take(needs("verify_flood", size.lesson)),
    };

    results.page_weight = await attempt("weight", () => pageWeightScenario(context, groups.lighthouse));
    results.certificate_pdf = await attempt("certificate", () => certificateScenario(context));
    memory.mark("certificate");
    results.lesson = await attempt("lesson", () => lessonScenario(context, groups.lesson));
    memory.mark("lesson");
    results.quiz_answer = await attempt("quiz", () => quizAnswerScenario(context, groups.quiz));
    memory.mark("quiz");
    results.exam_start = await attempt("exam", () => examStartScenario(context, groups.exam, size.examWindow));
    memory.mark("exam");
    results.statistics = await attempt("statistics", () => statisticsScenario({ smoke: args.smoke, coursesDir, tmpDir, course }));
    memory.mark("statistics");
    results.trainer_grid = await attempt("trainer_grid", () => trainerGridScenario(context, gridTrainer!, size.gridLearners));
    memory.mark("trainer_grid");
    results.search = await attempt("search", () => searchScenario(context, groups.search));
    memory.mark("search");
    results.verify_flood = await attempt("verify_flood", () => verifyFloodScenario(context, groups.verifyFlood));
    memory.mark("verify_flood");
    // Its own server on a copy of the large database; its memory is recorded in its figures.
    results.exam_10k = await attempt("exam_10k", () =>
      exam10kScenario({ smoke: args.smoke, coursesDir, tmpDir, course, module: quizModules(context)[1] ?? quizModules(context)[0], nodeArgs, acceptEncoding: context.acceptEncoding }),
    );
    results.lighthouse = await attempt("lighthouse", async () => {
      const lessonUrl = server.url + pickLesson(context).path;
      const pages: Record<string, { url: string; cookie: string }> = { lesson: { url: lessonUrl, cookie: groups.lighthouse.cookie } };
      if (!args.smoke) {
        const attemptPath = await startAttempt(context, quizModules(context)[0], groups.lighthouse);
        pages.quiz = { url: server.url + attemptPath, cookie: groups.lighthouse.cookie };
      }
      const scores = await lighthouseScenario(pages, size.lighthouseRuns);
      return { lesson: scores.lesson ?? null, quiz: scores.quiz ?? null };
    });
  } finally {
    memory.mark("lighthouse");
    const mem = memory.stop();
    await server.stop();
    results.peak_rss_mb = mem.peak_rss_mb;
    results.peak_pss_mb = mem.max_pss_mb;
    results.memory = mem;
  }
  results.errors = errors;
  results.finished = new Date().toISOString();
  results.loadavg_1m_end = Math.round(os.loadavg()[0] * 100) / 100;
  const written = args.only.size < ALL.length ? mergeIntoRecorded(args.out, results, [...args.only]) : results;
  written.targets = judge(written);
  writeResults(args.out, written, path.resolve("bench/changes.md"));
  log(`wrote ${path.join(args.out, "results.json")} and results.md`);
  for (const row of written.targets as ReturnType<typeof judge>) log(`  ${row.met === null ? "—  " : row.met ? "ok " : "MISS"} ${row.label}: ${row.value ?? "—"} (${row.target})`);
  if (!process.env.BENCH_KEEP_TMP) fs.rmSync(tmpDir, { recursive: true, force: true });
  else log(`kept ${tmpDir}`);
  if (Object.keys(errors).length > 0) {
    log(`failed scenarios: ${Object.keys(errors).join(", ")}`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
