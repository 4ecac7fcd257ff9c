import os from "node:os";
import { databaseFile, openDatabase } from "~/utils/db.server";
import type { Learner } from "../lib/client";
import { runLoad } from "../lib/load";
import { cpuSeconds } from "../lib/server";
import { log, median, percentile, round } from "../lib/util";
import { warmUp, type BenchContext } from "./context";

export const CONNECTIONS = 32;
const LANGUAGES = ["en", "sr-Latn", "sr-Cyrl"] as const;

/**
 * What people type, per page language: single words in any case, with and without diacritics, in
 * the other script, inflected; phrases; prefixes; questions; words the course does not have (the
 * page then looks for the closest glossary terms); hostile input.
 */
const QUERIES: Record<(typeof LANGUAGES)[number], string[]> = {
  en: [
    "trafficking",
    "preservation orders",
    "what did it say about preservation orders?",
    '"human beings"',
    "recruit*",
    "sextortion",
    "victim identification",
    "non-punishment",
    "electronic evidence",
    "lover boy",
    "scam compounds",
    "Palermo protocol",
    "labour exploitation online",
    "cryptocurrency",
    "sextrotion",
    'NEAR( " ^ -',
    "evidence",
    "social media advertising",
  ],
  "sr-Latn": [
    "trgovina",
    "trgovine ljudima",
    "krivicni zakonik",
    "krivični",
    '"trgovina ljudima"',
    "vrbov*",
    "šta je posebno osetljiv svedok?",
    "zrtva",
    "digitalni dokazi",
    "društvene mreže",
    "кривични законик",
    "eksploatacija rada",
    "tuzilastvo",
    "kriptovalute",
    "seksualna iznuda",
    "nekaznjavanje",
    "xyzzy",
    "oglasi za posao",
  ],
  "sr-Cyrl": [
    "трговина",
    "трговина људима",
    "кривични законик",
    "krivicni",
    '"трговина људима"',
    "врбов*",
    "жртве",
    "дигитални докази",
    "друштвене мреже",
    "експлоатација",
    "тужилаштво",
    "сексуална изнуда",
    "oglasi",
    "заштита сведока",
    "одузимање имовине",
    "палермо протокол",
    "ћирилица",
    "zrtve trgovine",
  ],
};

/**
 * Searches over the whole course in the three languages: learners (a third per language, set in
 * their profiles) send the queries above in turn over 32 connections. The server's own time per
 * query comes from the page's Server-Timing header (the search route's loader); the latency seen
 * by the client (queueing and rendering included) is recorded beside it.
 */
export async function searchScenario(context: BenchContext, learners: Learner[]) {
  // openDatabase registers the functions the statistics triggers on users call (belgrade_month).
  const db = openDatabase(databaseFile(context.dataDir)).$client;
  const setLanguage = db.prepare("UPDATE users SET language = ? WHERE id = ?");
  const byLanguage = LANGUAGES.map((language, i) => {
    const group = learners.filter((_, j) => j % LANGUAGES.length === i);
    for (const learner of group) setLanguage.run(language, learner.id);
    return { language, learners: group, queries: QUERIES[language] };
  });
  db.close();
  const requests = byLanguage.flatMap(({ learners: group, queries }) => queries.map((q, i) => ({ q, cookie: group[i % group.length].cookie })));
  log(`search: ${requests.length} queries in ${LANGUAGES.length} languages, ${learners.length} learners, ${CONNECTIONS} connections`);

  const hammer = async (seconds: number) => {
    let next = 0;
    let wrong = 0;
    const server: number[] = [];
    const cpu: number[] = [];
    const run = await runLoad({
      url: context.base,
      connections: CONNECTIONS,
      duration: seconds,
      hardLimitMs: (seconds + 30) * 1000,
      requests: [
        {
          method: "GET",
          path: "/search",
          setupRequest: (request) => {
            const { q, cookie } = requests[next++ % requests.length];
            return { ...request, path: `/search?${new URLSearchParams({ q })}`, headers: { Cookie: cookie, "Accept-Encoding": context.acceptEncoding } };
          },
          onResponse: (status, _body, _context, headers) => {
            if (status !== 200) wrong++;
            const timing = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === "server-timing")?.[1];
            const ms = /search;dur=([\d.]+)/.exec(String(timing ?? ""));
            const cpuMs = /search-cpu;dur=([\d.]+)/.exec(String(timing ?? ""));
            if (ms && cpuMs) {
              server.push(Number(ms[1]));
              cpu.push(Number(cpuMs[1]));
            } else wrong++;
          },
        },
      ],
    });
    return { ...run.summary, wrong, server, cpu };
  };

  await warmUp(context, hammer);
  const cpuBefore = cpuSeconds(context.serverPid);
  const loadavg = os.loadavg()[0];
  const runs = [];
  for (let i = 0; i < context.mode.runs; i++) runs.push(await hammer(context.mode.seconds));
  const responses = runs.reduce((sum, run) => sum + run.responses, 0);
  const server = runs.flatMap((run) => run.server);
  const cpu = runs.flatMap((run) => run.cpu);
  const result = {
    /** The search route's loader time (Server-Timing), all measured runs together. */
    p95_ms: round(percentile(server, 95), 2),
    p50_ms: round(percentile(server, 50), 2),
    p99_ms: round(percentile(server, 99), 2),
    max_ms: round(percentile(server, 100), 2),
    /** The search's CPU time (the serving process's, from Server-Timing search-cpu): what the machine's other load does not inflate. */
    cpu_p50_ms: round(percentile(cpu, 50), 2),
    cpu_p95_ms: round(percentile(cpu, 95), 2),
    /** As the client saw it (median of the runs): queueing behind 31 other connections and rendering the page included. */
    client_p50_ms: median(runs.map((run) => run.p50_ms ?? 0)),
    client_p95_ms: median(runs.map((run) => run.p95_ms ?? 0)),
    client_p99_ms: median(runs.map((run) => run.p99_ms ?? 0)),
    rps: median(runs.map((run) => run.rps)),
    server_cpu_ms_per_request: round(((cpuSeconds(context.serverPid) - cpuBefore) * 1000) / Math.max(1, responses), 2),
    unexpected_responses: runs.reduce((sum, run) => sum + run.wrong, 0),
    queries: requests.length,
    languages: [...LANGUAGES],
    connections: CONNECTIONS,
    learners: learners.length,
    responses,
    runs: runs.length,
    loadavg_1m_before: round(loadavg, 2),
  };
  log(
    `  search: server p50 ${result.p50_ms} ms, p95 ${result.p95_ms} ms, p99 ${result.p99_ms} ms; CPU p50 ${result.cpu_p50_ms} ms, p95 ${result.cpu_p95_ms} ms; client p95 ${result.client_p95_ms} ms; ${result.rps} req/s; CPU ${result.server_cpu_ms_per_request} ms/request; unexpected ${result.unexpected_responses}`,
  );
  return result;
}
