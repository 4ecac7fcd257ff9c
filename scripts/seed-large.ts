/**
 * `npm run seed:large -- --learners 50000 --seed 1 [--out DIR] [--force]`
 *
 * Writes a separate database (DIR/trag.sqlite, default data/large-<learners>-s<seed>) with two
 * years of synthetic activity on the real course for the statistics benchmark: learners across
 * institution types, districts, languages and groups; lesson progress; quiz attempts with every
 * answer (question difficulty varies, and a few questions are deliberately harder in one
 * language, so the item analysis has something to find); module and course completions and
 * certificates (a few revoked); then the statistics summaries, rebuilt from those rows.
 *
 * The same seed gives the same database. DIR/seed.json records what was made; when it matches
 * the arguments and the schema (the migrations, schemaVersion), the database is reused as it is.
 * Attempts carry the drawn questions but not a quiz machine's state: they are for statistics,
 * not for opening in the quiz pages.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DISTRICTS, INSTITUTION_TYPES, USER_LANGUAGES } from "~/accounts/constants";
import { loadCourses, type Course } from "~/content/loader.server";
import { rebuildLearnerStatistics } from "~/models/learner-statistics.server";
import type { Question } from "~/content/bank.schema";
import { drawAttempt } from "~/quiz/draw";
import { databaseFile, openDatabase } from "~/utils/db.server";

const DAY = 86_400_000;
/** The two years the activity spans: fixed, so that a seed always gives the same rows. */
export const LARGE_SEED_END = Date.parse("2026-12-01T00:00:00Z");
const START = LARGE_SEED_END - 730 * DAY;

/**
 * The latest migration's tag and a hash of every migration's SQL: a new migration, or one edited
 * before it is merged (a trigger counting something else), makes the seed file stale.
 */
export function schemaVersion(): string {
  const folder = path.resolve("db/migrations");
  const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta/_journal.json"), "utf8")) as { entries: { tag: string }[] };
  const hash = createHash("sha256");
  for (const file of fs
    .readdirSync(folder)
    .filter((f) => f.endsWith(".sql"))
    .sort())
    hash.update(file).update(fs.readFileSync(path.join(folder, file)));
  return `${journal.entries.at(-1)!.tag}-${hash.digest("hex").slice(0, 12)}`;
}

export function largeSeedDir(learners: number, seed: number) {
  return path.resolve(`data/large-${learners}-s${seed}`);
}

/** mulberry32: small, fast, and the same numbers for the same seed everywhere. */
function createRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pickWeighted<T>(random: () => number, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = random() * total;
  for (let i = 0; i < items.length; i++) if ((r -= weights[i]) < 0) return items[i];
  return items[items.length - 1];
}

const INSTITUTION_WEIGHTS = [30, 18, 25, 5, 9, 8, 5];
const LANGUAGE_WEIGHTS = [8, 62, 30];
const DISTRICT_WEIGHTS = DISTRICTS.map((d) =>
  d === "belgrade" ? 60 : ["south-backa", "nisava", "sumadija"].includes(d) ? 12 : ["kosovo", "pec", "prizren", "kosovska-mitrovica", "kosovo-pomoravlje"].includes(d) ? 0.3 : 4,
);

/** A response of the question's type, right or wrong, as the quiz stores it (answer.ts shapes). */
function response(question: Question, correct: boolean, random: () => number): unknown {
  switch (question.type) {
    case "single": {
      const options = question.options.filter((o) => o.correct === correct);
      return { type: "single", optionId: options[Math.floor(random() * options.length)].id };
    }
    case "multiple": {
      const right = question.options.filter((o) => o.correct).map((o) => o.id);
      const wrong = question.options.filter((o) => !o.correct).map((o) => o.id);
      return { type: "multiple", optionIds: correct ? right : [...right.slice(1), wrong[Math.floor(random() * wrong.length)]].filter(Boolean) };
    }
    case "truefalse":
      return { type: "truefalse", value: correct ? question.answer : !question.answer };
    case "matching": {
      const ids = question.pairs.map((p) => p.id);
      return { type: "matching", pairs: Object.fromEntries(ids.map((id, i) => [id, correct ? id : ids[(i + 1) % ids.length]])) };
    }
    case "ordering": {
      const ids = question.items.map((item) => item.id);
      return { type: "ordering", order: correct ? ids : [...ids.slice(1), ids[0]] };
    }
  }
}

type Args = { learners: number; seed: number; out: string; force: boolean };

function parseArgs(argv: string[]): Args {
  const args = { learners: 50_000, seed: 1, out: "", force: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--learners") args.learners = Number(argv[++i]);
    else if (arg === "--seed") args.seed = Number(argv[++i]);
    else if (arg === "--out") args.out = argv[++i];
    else if (arg === "--force") args.force = true;
    else throw new Error(`unknown argument ${arg} (use --learners N --seed S [--out DIR] [--force])`);
  }
  if (!Number.isSafeInteger(args.learners) || args.learners < 1) throw new Error("--learners must be a positive whole number");
  if (!Number.isSafeInteger(args.seed)) throw new Error("--seed must be a whole number");
  args.out ||= largeSeedDir(args.learners, args.seed);
  return args;
}

export type SeedReport = { learners: number; seed: number; schema: string; rows: Record<string, number>; seconds: number };

/** Makes the database unless DIR/seed.json says an identical one is there. Returns what it holds. */
export function seedLarge(args: Args, log: (line: string) => void = console.log): SeedReport {
  const marker = path.join(args.out, "seed.json");
  const schema = schemaVersion();
  if (!args.force && fs.existsSync(marker)) {
    const existing = JSON.parse(fs.readFileSync(marker, "utf8")) as SeedReport;
    if (existing.learners === args.learners && existing.seed === args.seed && existing.schema === schema && fs.existsSync(databaseFile(args.out))) {
      log(`reusing ${databaseFile(args.out)} (seed ${args.seed}, ${args.learners} learners, schema ${schema})`);
      return existing;
    }
  }
  fs.rmSync(args.out, { recursive: true, force: true });
  fs.mkdirSync(args.out, { recursive: true });
  const started = Date.now();
  const { courses, problems } = loadCourses(path.resolve(process.env.COURSES_DIR ?? "courses"));
  if (problems.length > 0 || courses.length === 0) throw new Error("the course content does not load");
  const course = courses.find((c) => c.id === "thb-technology") ?? courses[0];
  const db = openDatabase(databaseFile(args.out));
  const client = db.$client;
  client.pragma("journal_mode = OFF");
  client.pragma("synchronous = OFF");
  client.pragma("cache_size = -200000");
  const rows = generate(client, course, args, log);
  log("rebuilding the statistics summaries from the rows…");
  client.transaction(() => rebuildLearnerStatistics(db, [course]))();
  client.exec("analyze");
  client.pragma("journal_mode = WAL");
  client.close();
  const report: SeedReport = { learners: args.learners, seed: args.seed, schema, rows, seconds: Math.round((Date.now() - started) / 100) / 10 };
  fs.writeFileSync(marker, JSON.stringify(report, null, 2) + "\n");
  log(
    `wrote ${databaseFile(args.out)} in ${report.seconds} s: ${Object.entries(rows)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );
  return report;
}

function generate(client: ReturnType<typeof openDatabase>["$client"], course: Course, args: Args, log: (line: string) => void): Record<string, number> {
  const random = createRandom(args.seed);
  const counts: Record<string, number> = {
    users: 0,
    groups: 0,
    group_members: 0,
    lesson_progress: 0,
    quiz_attempts: 0,
    quiz_answers: 0,
    module_completions: 0,
    course_completions: 0,
    certificates: 0,
  };
  const insertUser = client.prepare(
    "insert into users (id, email, full_name, password_hash, role, institution_type, language, district, organisation, created_at) values (?, ?, ?, 'x', ?, ?, ?, ?, ?, ?)",
  );
  const insertGroup = client.prepare("insert into groups (id, name, join_code, created_by, created_at) values (?, ?, ?, ?, ?)");
  const insertTrainer = client.prepare("insert into group_trainers (group_id, user_id, added_at) values (?, ?, ?)");
  const insertMember = client.prepare("insert into group_members (group_id, user_id, joined_at) values (?, ?, ?)");
  const insertEnrolment = client.prepare("insert into enrolments (user_id, course_id, started_at, last_lesson_id, last_visited_at) values (?, ?, ?, ?, ?)");
  const insertLesson = client.prepare("insert into lesson_progress (user_id, course_id, lesson_id, completed_at) values (?, ?, ?, ?)");
  const insertAttempt = client.prepare(
    `insert into quiz_attempts (id, user_id, course_id, module_id, number, content_version, seed, question_ids, option_order, started_at, finished_at, status, score_percent, snapshot, revision, language)
     values (?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, ?, '{}', ?, ?)`,
  );
  const insertAnswer = client.prepare("insert into quiz_answers (attempt_id, question_id, response, score, answered_at) values (?, ?, ?, ?, ?)");
  const insertModule = client.prepare("insert into module_completions (user_id, course_id, module_id, completed_at) values (?, ?, ?, ?)");
  const insertCourse = client.prepare("insert into course_completions (user_id, course_id, course_version, completed_at, score_percent) values (?, ?, ?, ?, ?)");
  const insertCertificate = client.prepare(
    "insert into certificates (code, user_id, course_id, course_version, snapshot, recipient_salt, issued_at, revoked_at, revocation_reason) values (?, ?, ?, ?, '{}', ?, ?, ?, ?)",
  );

  // Each question's difficulty (log-odds); a few are much harder in one language (a translation problem to find).
  const questions = new Map<string, { question: Question; difficulty: number; harderIn: string | null }>();
  const quizModules = course.modules.filter((m) => m.bank);
  for (const module of quizModules) {
    module.bank!.questions.forEach((question, i) => {
      const harderIn = i === 2 ? "sr-Cyrl" : i === 5 && module === quizModules[1] ? "en" : i === 7 && module === quizModules[3] ? "sr-Latn" : null;
      questions.set(question.id, { question, difficulty: -1.6 + random() * 3, harderIn });
    });
  }

  const trainers = Math.max(1, Math.round(args.learners / 500));
  const groupCount = Math.max(1, Math.round(args.learners / 40));
  let attemptId = 0;
  client.transaction(() => {
    for (let i = 1; i <= trainers; i++) {
      insertUser.run(i, `trainer${i}@large.trag.test`, `Trainer ${i}`, "trainer", "other", "sr-Latn", "belgrade", null, START);
      counts.users++;
    }
    for (let g = 1; g <= groupCount; g++) {
      const trainer = 1 + Math.floor(random() * trainers);
      insertGroup.run(g, `Radionica ${g}`, `G${String(g).padStart(7, "0")}`, trainer, START + Math.floor(random() * 700) * DAY);
      insertTrainer.run(g, trainer, START);
      counts.groups++;
    }
  })();

  const lessons = course.modules.map((m) => m.lessons.map((l) => l.id));
  const batch = 2_000;
  for (let from = 0; from < args.learners; from += batch) {
    client.transaction(() => {
      for (let n = from; n < Math.min(args.learners, from + batch); n++) {
        const id = trainers + n + 1;
        const institution = pickWeighted(random, INSTITUTION_TYPES, INSTITUTION_WEIGHTS);
        const language = pickWeighted(random, USER_LANGUAGES, LANGUAGE_WEIGHTS);
        const district = random() < 0.15 ? null : pickWeighted(random, DISTRICTS, DISTRICT_WEIGHTS);
        // More people register in the second year, and fewer in summer.
        let registered = START + Math.floor(Math.pow(random(), 0.8) * 700 * DAY);
        const month = new Date(registered).getUTCMonth();
        if ((month === 6 || month === 7) && random() < 0.4) registered += 40 * DAY;
        registered = Math.min(registered, LARGE_SEED_END - DAY);
        insertUser.run(id, `learner${n + 1}@large.trag.test`, `Learner ${n + 1}`, "learner", institution, language, district, null, registered);
        counts.users++;
        if (random() < 0.6) {
          const group = 1 + Math.floor(random() * groupCount);
          insertMember.run(group, id, registered + DAY);
          counts.group_members++;
          // Some learners are in a second group (the next one).
          if (random() < 0.1 && groupCount > 1) {
            insertMember.run(1 + (group % groupCount), id, registered + 2 * DAY);
            counts.group_members++;
          }
        }
        if (random() > 0.93) continue; // registered, never started
        const ability = (random() + random() + random() - 1.5) * 1.6 + 0.6;
        let at = registered + Math.floor(random() * 5 * DAY) + 3_600_000;
        insertEnrolment.run(id, course.id, at, lessons[0][0], at);
        let completedAll = true;
        const bestScores: number[] = [];
        for (const [m, module] of course.modules.entries()) {
          if (m > 0 && random() > 0.985) {
            completedAll = false;
            break;
          }
          at += Math.floor(random() * 6 * DAY);
          for (const lessonId of lessons[m]) {
            if (at >= LARGE_SEED_END) break;
            at += Math.floor((5 + random() * 40) * 60_000);
            insertLesson.run(id, course.id, lessonId, at);
            counts.lesson_progress++;
          }
          if (!module.bank) continue;
          const settings = module.quizSettings;
          let passed = false;
          let best = 0;
          for (let number = 1; number <= settings.maxAttempts; number++) {
            // Learners retake to improve a pass as well as to pass.
            if (number > 1 && !(passed ? random() < 0.8 : random() < 0.97)) break;
            at += number === 1 ? Math.floor(random() * 2 * DAY) : Math.floor((settings.waitMinutes + 30 + random() * 3 * 1440) * 60_000);
            if (at >= LARGE_SEED_END) break;
            const seed = Math.floor(random() * 2 ** 31);
            const drawn = drawAttempt(module.bank, settings, seed).questionIds;
            attemptId++;
            let total = 0;
            const startedAt = at;
            const grow = (number - 1) * 0.5; // learners do better on a retake
            const answerRows: [string, string, number, number][] = [];
            for (const questionId of drawn) {
              const q = questions.get(questionId)!;
              const logit = ability + grow - q.difficulty - (q.harderIn === language ? 2.2 : 0);
              const correct = random() < 1 / (1 + Math.exp(-logit));
              at += Math.floor((15 + random() * 60) * 1000);
              answerRows.push([questionId, JSON.stringify(response(q.question, correct, random)), correct ? 1 : 0, at]);
              total += correct ? 1 : 0;
            }
            const score = Math.round((total / drawn.length) * 1000) / 10;
            const status = score >= settings.passMark ? "passed" : "failed";
            insertAttempt.run(attemptId, id, course.id, module.id, number, course.version, seed, JSON.stringify(drawn), startedAt, at, status, score, drawn.length + 1, language);
            for (const [questionId, responseJson, grade, answeredAt] of answerRows) insertAnswer.run(attemptId, questionId, responseJson, grade, answeredAt);
            counts.quiz_attempts++;
            counts.quiz_answers += answerRows.length;
            passed ||= status === "passed";
            best = Math.max(best, score);
          }
          if (!passed) {
            completedAll = false;
            if (random() < 0.2) break; // gave up; most go on to the next module
            continue;
          }
          bestScores.push(best);
          insertModule.run(id, course.id, module.id, at);
          counts.module_completions++;
        }
        if (completedAll && bestScores.length === course.modules.filter((m) => m.bank).length && at < LARGE_SEED_END) {
          const score = Math.round((bestScores.reduce((a, b) => a + b, 0) / bestScores.length) * 10) / 10;
          insertCourse.run(id, course.id, course.version, at, score);
          const revoked = random() < 0.01 ? at + 30 * DAY : null;
          insertCertificate.run(`L${String(id).padStart(19, "0")}`, id, course.id, course.version, "00".repeat(16), at, revoked, revoked ? "Synthetic revocation" : null);
          counts.course_completions++;
          counts.certificates++;
        }
      }
    })();
    if ((from / batch) % 5 === 0) log(`  ${Math.min(args.learners, from + batch)} learners, ${counts.quiz_attempts} attempts, ${counts.quiz_answers} answers`);
  }
  return counts;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    seedLarge(parseArgs(process.argv.slice(2)));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
