/**
 * Crash test: learners answer quizzes and complete lessons against the real server (scripts/start.js,
 * its worker processes, a temporary DATA_DIR and the fixture course) while it is killed with SIGKILL
 * at a random moment; after each kill the database must hold everything the server acknowledged
 * (a 2xx or the form's redirect received): each started attempt, each saved answer, each finished
 * attempt and each completed lesson; no certificate may lack its course completion; and
 * `PRAGMA integrity_check` must say ok. Then the server starts again on the same files.
 *
 * `npm run crash-test -- --rounds 50` (builds the app when needed); tests/e2e/crash.test.ts runs a
 * few rounds in `npm test`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { freePort } from "./free-port";

const COURSE_ID = "fixture-course";
const MODULES = ["basics", "timed"] as const;

export type CrashOptions = {
  /** The folder of a built app (build/server/index.js there) whose scripts/start.js is run. */
  appDir: string;
  rounds: number;
  /** Concurrent learners per round. */
  learners?: number;
  /** The longest wait before the kill, in ms after the first acknowledged write (uniform from 0). */
  maxKillDelayMs?: number;
  log?: (line: string) => void;
};

export type RoundReport = { round: number; killedAfterMs: number; acknowledged: Record<Ack["kind"], number>; certificates: number; problems: string[] };

type Ack =
  { kind: "attempt"; attemptId: number } | { kind: "answer"; attemptId: number; questionId: string } | { kind: "finish"; attemptId: number } | { kind: "lesson"; userId: number; lessonId: string };

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitGone(pgid: number) {
  while (groupAlive(pgid)) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Starts `node scripts/start.js` in its own process group and resolves once it serves. */
function startServer(appDir: string, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["scripts/start.js"], { cwd: appDir, detached: true, stdio: ["ignore", "pipe", "pipe"], env });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.join("").includes("Trag is ready on")) resolve(child);
    });
    child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.once("exit", (code, signal) => reject(new Error(`the server exited (${code ?? signal}) before it was ready:\n${output.join("")}`)));
  });
}

/** A browser without JavaScript: cookies, the page's CSRF token, forms posted with redirects not followed. */
class Client {
  private readonly cookies = new Map<string, string>();
  constructor(private readonly baseURL: string) {}

  private absorb(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const value = pair!.slice(eq + 1);
      if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(pair!.slice(0, eq));
      else this.cookies.set(pair!.slice(0, eq), value);
    }
  }

  private headers(extra: Record<string, string> = {}) {
    return { ...extra, Cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ") };
  }

  /** The CSRF token of a page (and the cookies it sets). */
  async csrf(pathname: string): Promise<string> {
    const response = await fetch(this.baseURL + pathname, { headers: this.headers(), redirect: "manual" });
    this.absorb(response);
    const token = /name="csrf" value="([^"]+)"/.exec(await response.text())?.[1];
    if (!token) throw new Error(`no CSRF token on ${pathname} (${response.status})`);
    return token;
  }

  async post(pathname: string, fields: URLSearchParams, csrf: string): Promise<Response> {
    fields.set("csrf", csrf);
    const response = await fetch(this.baseURL + pathname, {
      method: "POST",
      headers: this.headers({ "Content-Type": "application/x-www-form-urlencoded", Origin: this.baseURL }),
      body: fields,
      redirect: "manual",
    });
    this.absorb(response);
    await response.arrayBuffer();
    return response;
  }
}

const acknowledged = (response: Response) => response.status >= 200 && response.status < 400;

export async function runCrashTest(options: CrashOptions): Promise<RoundReport[]> {
  const log = options.log ?? (() => {});
  const learners = options.learners ?? 8;
  const maxKillDelayMs = options.maxKillDelayMs ?? 2500;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trag-crash-"));
  const coursesDir = path.resolve(options.appDir, "tests/fixtures/courses");
  // The app's modules read these when first used: the driver reads the server's database and course.
  process.env.DATA_DIR = dataDir;
  process.env.COURSES_DIR = fs.existsSync(coursesDir) ? coursesDir : path.resolve("tests/fixtures/courses");
  const port = await freePort();
  const baseURL = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    PUBLIC_URL: baseURL,
    DATA_DIR: dataDir,
    COURSES_DIR: process.env.COURSES_DIR,
    TRAG_DEMO: "0",
    WEB_CONCURRENCY: "2",
  };

  const [{ createUser }, { findCourse, findModule }, { findQuestion }, { findAttempt }, { closeDatabase }, { answerFields, toSearchParams }] = await Promise.all([
    import("~/models/users.server"),
    import("~/content/courses.server"),
    import("~/content/bank.schema"),
    import("~/models/quiz-attempts.server"),
    import("~/utils/db.server"),
    import("../tests/helpers/quiz-answers"),
  ]);

  let server = await startServer(options.appDir, env);
  const reports: RoundReport[] = [];
  try {
    const course = findCourse(COURSE_ID);
    if (!course) throw new Error(`${COURSE_ID} is not in ${process.env.COURSES_DIR}`);
    for (let round = 1; round <= options.rounds; round++) {
      const acks: Ack[] = [];
      let firstAck: () => void = () => {};
      const acknowledgedOnce = new Promise<void>((resolve) => (firstAck = resolve));
      const record = (ack: Ack) => {
        acks.push(ack);
        firstAck();
      };
      // Fresh learners each round, written by the driver while the server runs (both use the file).
      const users = await Promise.all(
        Array.from({ length: learners }, async (_, i) => {
          const email = `crash-${round}-${i}-${process.pid}@example.test`;
          const password = `crash password ${round} ${i}`;
          const { id } = await createUser({ email, password, fullName: `Crash Learner ${round}.${i}`, role: "learner", institutionType: "police", language: "en" });
          return { id, email, password };
        }),
      );
      const clients = await Promise.all(
        users.map(async (user) => {
          const client = new Client(baseURL);
          const login = await client.post("/login", new URLSearchParams({ email: user.email, password: user.password }), await client.csrf("/login"));
          if (login.status !== 302) throw new Error(`login of ${user.email}: ${login.status}`);
          return { client, user };
        }),
      );

      /** One learner: both quizzes answered right and finished, and every lesson (half of them lessons first), until the server goes. */
      const learn = async ({ client, user }: (typeof clients)[number], index: number) => {
        const csrf = await client.csrf("/my-learning");
        const quizzes = async () => {
          for (const moduleId of MODULES) {
            const module = findModule(course, moduleId)!;
            const base = `/courses/${COURSE_ID}/${moduleId}/quiz`;
            const started = await client.post(`${base}?index`, new URLSearchParams({ intent: "start" }), csrf);
            const attemptId = Number(/\/quiz\/(\d+)$/.exec(started.headers.get("Location") ?? "")?.[1]);
            if (!acknowledged(started) || !attemptId) throw new Error(`starting ${moduleId}: ${started.status}`);
            record({ kind: "attempt", attemptId });
            const immediate = module.quizSettings.mode === "immediate";
            const questionIds = findAttempt(attemptId)!.questionIds;
            for (const questionId of questionIds) {
              const attempt = findAttempt(attemptId)!;
              const fields = toSearchParams(answerFields(findQuestion(module.bank!, questionId)!, attempt, true));
              fields.set("intent", immediate ? "check" : "save");
              fields.set("questionId", questionId);
              fields.set("revision", String(attempt.revision));
              const answered = await client.post(`${base}/${attemptId}?index`, fields, csrf);
              if (!acknowledged(answered)) throw new Error(`answering ${questionId}: ${answered.status}`);
              record({ kind: "answer", attemptId, questionId });
              if (immediate) await client.post(`${base}/${attemptId}?index`, new URLSearchParams({ intent: "next" }), csrf);
            }
            const revision = findAttempt(attemptId)!.revision;
            const finished = await client.post(`${base}/${attemptId}?index`, new URLSearchParams({ intent: "finish", revision: String(revision) }), csrf);
            if (!acknowledged(finished)) throw new Error(`finishing ${moduleId}: ${finished.status}`);
            record({ kind: "finish", attemptId });
          }
        };
        const lessons = async () => {
          for (const module of course.modules) {
            for (const lesson of module.lessons) {
              const done = await client.post(`/courses/${COURSE_ID}/${module.id}/${lesson.id}`, new URLSearchParams({ intent: "complete" }), csrf);
              if (!acknowledged(done)) throw new Error(`completing ${lesson.id}: ${done.status}`);
              record({ kind: "lesson", userId: user.id, lessonId: lesson.id });
            }
          }
        };
        if (index % 2 === 0) {
          await quizzes();
          await lessons();
        } else {
          await lessons();
          await quizzes();
        }
      };

      // The kill comes at a random moment after the first acknowledgement (so that every round has something to check).
      const killedAfterMs = Math.floor(Math.random() * maxKillDelayMs);
      const work = Promise.allSettled(clients.map((client, index) => learn(client, index)));
      await Promise.race([work, acknowledgedOnce]);
      await Promise.race([work, new Promise((resolve) => setTimeout(resolve, killedAfterMs))]);
      process.kill(-server.pid!, "SIGKILL");
      await waitGone(server.pid!);
      const outcomes = await work;
      // Anything but a refused connection or a cut answer is the driver's own mistake.
      const unexpected = outcomes.flatMap((outcome) =>
        outcome.status === "rejected" &&
        !/fetch failed|terminated|other side closed|ECONNRESET|ECONNREFUSED|socket/i.test(
          String((outcome.reason as Error)?.stack ?? outcome.reason) + String((outcome.reason as Error & { cause?: unknown })?.cause ?? ""),
        )
          ? [String(outcome.reason)]
          : [],
      );

      const checked = checkDatabase(dataDir, acks);
      const problems = [...unexpected.map((reason) => `a learner stopped for another reason than the kill: ${reason}`), ...checked.problems];
      const counts = { attempt: 0, answer: 0, finish: 0, lesson: 0 } as Record<Ack["kind"], number>;
      for (const ack of acks) counts[ack.kind] += 1;
      reports.push({ round, killedAfterMs, acknowledged: counts, certificates: checked.certificates, problems });
      log(
        `round ${round}: killed ${killedAfterMs} ms after the first acknowledgement; acknowledged ${JSON.stringify(counts)}; ${checked.certificates} certificates in all; ${problems.length === 0 ? "all there" : problems.join("; ")}`,
      );
      server = await startServer(options.appDir, env);
      const health = await fetch(`${baseURL}/healthz`);
      if (health.status !== 200) reports.at(-1)!.problems.push(`after restarting, /healthz answered ${health.status}`);
    }
  } finally {
    if (groupAlive(server.pid!)) {
      process.kill(-server.pid!, "SIGTERM");
      await waitGone(server.pid!);
    }
    closeDatabase();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return reports;
}

/** What must hold in the killed server's files, read through a connection of their own (as a restart would). */
function checkDatabase(dataDir: string, acks: Ack[]): { problems: string[]; certificates: number } {
  const db = new Database(path.join(dataDir, "trag.sqlite"));
  try {
    const problems: string[] = [];
    const integrity = db.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") problems.push(`integrity_check: ${String(integrity)}`);
    const foreignKeys = db.pragma("foreign_key_check") as unknown[];
    if (foreignKeys.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(foreignKeys.slice(0, 5))}`);
    const attempt = db.prepare("SELECT status FROM quiz_attempts WHERE id = ?").pluck();
    const answer = db.prepare("SELECT 1 FROM quiz_answers WHERE attempt_id = ? AND question_id = ?").pluck();
    const lesson = db.prepare("SELECT 1 FROM lesson_progress WHERE user_id = ? AND course_id = ? AND lesson_id = ?").pluck();
    for (const ack of acks) {
      if (ack.kind === "attempt" && attempt.get(ack.attemptId) === undefined) problems.push(`attempt ${ack.attemptId} was acknowledged and is gone`);
      if (ack.kind === "answer" && answer.get(ack.attemptId, ack.questionId) === undefined) problems.push(`answer ${ack.attemptId}/${ack.questionId} was acknowledged and is gone`);
      if (ack.kind === "finish" && attempt.get(ack.attemptId) === "in-progress") problems.push(`attempt ${ack.attemptId} was acknowledged finished and is in progress`);
      if (ack.kind === "lesson" && lesson.get(ack.userId, COURSE_ID, ack.lessonId) === undefined) problems.push(`lesson ${ack.lessonId} of user ${ack.userId} was acknowledged and is gone`);
    }
    const orphans = db.prepare("SELECT c.code FROM certificates c LEFT JOIN course_completions cc ON cc.user_id = c.user_id AND cc.course_id = c.course_id WHERE cc.user_id IS NULL").pluck().all();
    if (orphans.length > 0) problems.push(`certificates without their completion: ${orphans.join(", ")}`);
    return { problems, certificates: db.prepare("SELECT count(*) FROM certificates").pluck().get() as number };
  } finally {
    db.close();
  }
}

// `npm run crash-test -- --rounds 50 [--learners 6]`: over this checkout's build (made when needed).
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const flag = (name: string, fallback: number) => {
    const index = process.argv.indexOf(`--${name}`);
    const value = index === -1 ? fallback : Number(process.argv[index + 1]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a positive whole number`);
    return value;
  };
  const { buildIfNeeded } = await import("./build-if-needed.js");
  buildIfNeeded();
  const reports = await runCrashTest({ appDir: process.cwd(), rounds: flag("rounds", 10), learners: flag("learners", 8), log: (line) => console.log(line) });
  const failed = reports.filter((report) => report.problems.length > 0);
  const totals = reports.reduce((sum, report) => sum + Object.values(report.acknowledged).reduce((a, b) => a + b, 0), 0);
  console.log(`${reports.length} rounds, ${totals} acknowledged writes checked, ${failed.length} round(s) with problems`);
  process.exit(failed.length === 0 ? 0 : 1);
}
