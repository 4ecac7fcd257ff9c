import type { Learner } from "../lib/client";
import { runLoad } from "../lib/load";
import { countRows } from "../lib/seed";
import { percentile, round } from "../lib/util";
import { log } from "../lib/util";
import type { BenchContext } from "./context";
import { quizModules, quizPath } from "./quiz";

/**
 * The start of an exam session: every learner presses Start on the same quiz within the window
 * (POST intent=start) and follows the redirect to the first question (GET of the attempt page).
 * autocannon paces it: one connection per learner-per-second, each allowed 2 requests a second,
 * so a burst of learners arrives at the top of every second, as a class told "start now" does.
 */
export async function examStartScenario(context: BenchContext, learners: Learner[], windowSeconds: number) {
  const module = quizModules(context)[1] ?? quizModules(context)[0];
  const overview = quizPath(context, module);
  const perSecond = Math.ceil(learners.length / windowSeconds);
  const used = perSecond * windowSeconds <= learners.length ? learners.slice(0, perSecond * windowSeconds) : learners.slice(0, perSecond * Math.floor(learners.length / perSecond));
  log(`exam start: ${used.length} learners start ${module.id} within ${windowSeconds} s (${perSecond} a second)`);
  const queue = [...used];
  const perLearner = new Map<Learner, { post?: number; page?: number; ok: boolean }>();
  let last: { learner: Learner; step: "post" | "page" } | null = null;
  const before = countRows(context.dataDir, "select count(*) from quiz_attempts where module_id = ?", module.id);
  const run = await runLoad({
    url: context.base,
    connections: perSecond,
    overallRate: perSecond * 2,
    amount: used.length * 2,
    hardLimitMs: (windowSeconds + 40) * 1000,
    requests: [
      {
        method: "POST",
        path: overview,
        setupRequest: (request, ctx) => {
          const learner = queue.shift();
          if (!learner) return undefined;
          ctx.learner = learner;
          perLearner.set(learner, { ok: false });
          const body = new URLSearchParams({ csrf: learner.csrf, intent: "start" }).toString();
          return { ...request, headers: { Cookie: learner.cookie, "Content-Type": "application/x-www-form-urlencoded", "Accept-Encoding": context.acceptEncoding }, body };
        },
        onResponse: (status, _body, ctx, headers) => {
          const learner = ctx.learner as Learner;
          const location = String(headers.location ?? headers.Location ?? "");
          ctx.location = status === 302 && /\/quiz\/\d+$/.test(location) ? location : null;
          last = { learner, step: "post" };
        },
      },
      {
        method: "GET",
        setupRequest: (request, ctx) => {
          const learner = ctx.learner as Learner;
          return { ...request, path: (ctx.location as string | null) ?? overview, headers: { Cookie: learner.cookie, "Accept-Encoding": context.acceptEncoding } };
        },
        onResponse: (status, _body, ctx) => {
          const learner = ctx.learner as Learner;
          const entry = perLearner.get(learner)!;
          entry.ok = status === 200 && Boolean(ctx.location);
          last = { learner, step: "page" };
        },
      },
    ],
    onLatency: (ms) => {
      if (!last) return;
      const entry = perLearner.get(last.learner)!;
      entry[last.step] = ms;
      last = null;
    },
  });
  const entries = [...perLearner.values()];
  const complete = entries.filter((e) => e.ok && e.post !== undefined && e.page !== undefined);
  const errors = used.length - complete.length;
  const created = countRows(context.dataDir, "select count(*) from quiz_attempts where module_id = ?", module.id) - before;
  const posts = entries.flatMap((e) => (e.post === undefined ? [] : [e.post]));
  const pages = entries.flatMap((e) => (e.page === undefined ? [] : [e.page]));
  const both = complete.map((e) => e.post! + e.page!);
  const result = {
    learners: used.length,
    errors,
    /** Press Start until the first question has arrived: the start transaction and the page it redirects to. */
    p95_ms: round(percentile(both, 95), 1),
    p50_ms: round(percentile(both, 50), 1),
    max_ms: round(percentile(both, 100), 1),
    start_post_p95_ms: round(percentile(posts, 95), 1),
    first_page_p95_ms: round(percentile(pages, 95), 1),
    window_s: windowSeconds,
    elapsed_s: run.summary.duration_s,
    attempts_created: created,
    module: module.id,
    socket_errors: run.summary.errors,
    timeouts: run.summary.timeouts,
    statuses: run.summary.statuses,
  };
  log(`  errors ${errors}, p95 ${result.p95_ms} ms (start ${result.start_post_p95_ms} ms, page ${result.first_page_p95_ms} ms), ${created} attempts stored in ${result.elapsed_s} s`);
  return result;
}
