import os from "node:os";
import type { Module } from "~/content/loader.server";
import { cpuSeconds } from "../lib/server";
import { get, post, type Learner } from "../lib/client";
import { runLoad } from "../lib/load";
import { readQuestionForm, readRevision, type QuestionForm } from "../lib/quiz-form";
import { countRows } from "../lib/seed";
import { inBatches, log, median, round, sleep } from "../lib/util";
import { warmUp, type BenchContext } from "./context";

export const answerConnections = (context: BenchContext) => (context.mode.smoke ? 8 : 32);

export function quizModules(context: BenchContext): Module[] {
  return context.course.modules.filter((module) => module.bank);
}

export function quizPath(context: BenchContext, module: Module) {
  return `/courses/${context.course.id}/${module.id}/quiz`;
}

/** POST intent=start on the quiz overview, as its Start button does; returns the attempt's path. */
export async function startAttempt(context: BenchContext, module: Module, learner: Learner): Promise<string> {
  const started = await post(context.base, quizPath(context, module), learner.cookie, { csrf: learner.csrf, intent: "start" });
  if (started.status !== 302 || !started.location || !/\/quiz\/\d+$/.test(started.location)) throw new Error(`starting a quiz answered ${started.status}`);
  return started.location;
}

type AnsweringLearner = Learner & { attemptPath: string; questions: QuestionForm[]; revision: number; next: number };

/**
 * Starts an attempt for the learner and walks it with the Next button (navigation changes no
 * answer), reading each question's form, so that answers can be posted for any of its questions.
 */
async function prepareLearner(context: BenchContext, module: Module, learner: Learner): Promise<AnsweringLearner> {
  const attemptPath = await startAttempt(context, module, learner);
  const questions: QuestionForm[] = [];
  for (let step = 0; step < 50; step++) {
    const page = await get(context.base, attemptPath, learner.cookie);
    if (page.status !== 200) throw new Error(`attempt page answered ${page.status}`);
    const form = readQuestionForm(page.html);
    if (!form || questions.some((q) => q.questionId === form.questionId)) break;
    questions.push(form);
    const moved = await post(context.base, attemptPath, learner.cookie, { csrf: learner.csrf, intent: "next" });
    if (moved.status !== 302) throw new Error(`Next answered ${moved.status}`);
  }
  const page = await get(context.base, attemptPath, learner.cookie);
  const revision = readRevision(page.html);
  if (questions.length === 0 || revision === null) throw new Error("could not read the attempt's questions");
  return { ...learner, attemptPath, questions, revision, next: 0 };
}

/**
 * Answer submissions: each request is the question form's Save (intent=save) for a learner's
 * in-progress attempt, with the attempt's current revision, so each one is graded and stored in
 * its own transaction. A learner is used by one connection at a time (a pool), so revisions stay
 * in step; a learner whose request failed is resynchronised from its attempt page before reuse.
 */
export async function quizAnswerScenario(context: BenchContext, learners: Learner[]) {
  const module = quizModules(context)[0];
  log(`quiz answers: ${learners.length} learners start ${module.id} and read their questions`);
  const prepared = await inBatches(learners, 8, (learner) => prepareLearner(context, module, learner));
  const types = new Map<string, number>();
  for (const learner of prepared) for (const q of learner.questions) types.set(q.type, (types.get(q.type) ?? 0) + 1);
  const pool = [...prepared];
  let saved = 0;
  let refused = 0;
  let refusals: Record<string, number> = {};
  let resyncing = 0;
  const resync = (learner: AnsweringLearner) => {
    resyncing++;
    void get(context.base, learner.attemptPath, learner.cookie)
      .then((page) => {
        const revision = readRevision(page.html);
        if (revision !== null) learner.revision = revision;
      })
      .catch(() => undefined)
      .finally(() => {
        resyncing--;
        pool.push(learner);
      });
  };
  const before = countRows(context.dataDir, "select count(*) from quiz_answers");
  const load = (seconds: number, hardLimitMs: number) =>
    runLoad({
      url: context.base,
      connections: answerConnections(context),
      duration: seconds,
      hardLimitMs,
      requests: [
        {
          method: "POST",
          path: "/",
          setupRequest: (request, ctx) => {
            const learner = pool.shift();
            if (!learner) throw new Error("the learner pool ran dry: more connections than free learners");
            ctx.learner = learner;
            const question = learner.questions[learner.next % learner.questions.length];
            const body = new URLSearchParams([["csrf", learner.csrf], ["intent", "save"], ["questionId", question.questionId], ["revision", String(learner.revision)], ...question.fields]);
            return {
              ...request,
              path: learner.attemptPath,
              headers: { Cookie: learner.cookie, "Content-Type": "application/x-www-form-urlencoded", "Accept-Encoding": context.acceptEncoding },
              body: body.toString(),
            };
          },
          onResponse: (status, body, ctx, headers) => {
            const learner = ctx.learner as AnsweringLearner;
            // Saved: a redirect back to the attempt. Anything else (a stale revision, an error) is counted and the learner resynchronised.
            if (status === 302 && String(headers.location ?? headers.Location ?? "").endsWith(learner.attemptPath)) {
              saved++;
              learner.revision++;
              learner.next++;
              pool.push(learner);
            } else {
              refused++;
              // The error page says why (class="error-detail"); a compressed body cannot be read here.
              const detail = /class="error-detail">([^<]*)</.exec(body)?.[1];
              const reason = `${status} ${detail ?? (headers["content-encoding"] ? `(${headers["content-encoding"]} body)` : body.slice(0, 60))}`;
              refusals[reason] = (refusals[reason] ?? 0) + 1;
              resync(learner);
            }
          },
        },
      ],
    });
  // A run ends with requests in flight whose answers may or may not have landed: resynchronise those learners.
  const recover = async () => {
    for (const learner of prepared.filter((l) => !pool.includes(l))) {
      const page = await get(context.base, learner.attemptPath, learner.cookie);
      const revision = readRevision(page.html);
      if (revision !== null) learner.revision = revision;
      if (!pool.includes(learner)) pool.push(learner);
    }
  };
  /** One load of `seconds`, then every learner back in the pool with its attempt's current revision. */
  const measure = async (seconds: number) => {
    saved = 0;
    refused = 0;
    const run = await load(seconds, (seconds + 30) * 1000);
    while (resyncing > 0) await sleep(50);
    await sleep(500); // let requests the server still holds land before reading revisions
    await recover();
    return { saved, refused, summary: run.summary };
  };
  await warmUp(context, measure);
  refusals = {};
  const counted = countRows(context.dataDir, "select count(*) from quiz_answers");
  const cpuBefore = cpuSeconds(context.serverPid);
  const loadavg = os.loadavg()[0];
  const runs = [];
  for (let i = 0; i < context.mode.runs; i++) runs.push(await measure(context.mode.seconds));
  const responses = runs.reduce((sum, run) => sum + run.summary.responses, 0);
  const cpuMsPerRequest = round(((cpuSeconds(context.serverPid) - cpuBefore) * 1000) / Math.max(1, responses), 2);
  const stored = countRows(context.dataDir, "select count(*) from quiz_answers") - counted;
  saved = runs.reduce((sum, run) => sum + run.saved, 0);
  refused = runs.reduce((sum, run) => sum + run.refused, 0);
  const savedPerSecond = runs.map((run) => round(run.saved / run.summary.duration_s, 1) ?? 0);
  const summary = {
    rps: median(savedPerSecond) ?? 0,
    p50_ms: median(runs.map((run) => run.summary.p50_ms ?? 0)),
    p99_ms: median(runs.map((run) => run.summary.p99_ms ?? 0)),
    max_ms: Math.max(...runs.map((run) => run.summary.max_ms ?? 0)),
  };
  log(
    `  ${summary.rps} answers/s, p50 ${summary.p50_ms} ms, p99 ${summary.p99_ms} ms (median of ${runs.length} runs: ${runs.map((run, i) => `${savedPerSecond[i]}/s p99 ${run.summary.p99_ms} ms`).join("; ")}); saved ${saved}, refused ${refused}, rows stored ${stored}; server CPU ${cpuMsPerRequest} ms/request, load average ${loadavg.toFixed(2)} before`,
  );
  return {
    rps: summary.rps,
    p99_ms: summary.p99_ms,
    p50_ms: summary.p50_ms,
    connections: answerConnections(context),
    learners: prepared.length,
    module: module.id,
    saved,
    refused,
    refusals,
    answer_rows_stored: stored,
    server_cpu_ms_per_request: cpuMsPerRequest,
    loadavg_1m_before: round(loadavg, 2),
    answer_rows_before: before,
    question_types: Object.fromEntries(types),
    max_ms: summary.max_ms,
    runs: runs.length,
    detail: runs.map((run) => run.summary),
  };
}
