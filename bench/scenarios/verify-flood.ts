/**
 * The lesson page while the public verification page is flooded (issue 13): lesson-page p99 with
 * and without posters sending worst-case credentials to /verify. A worst-case credential is one of
 * ours (signed with the server's issuer key, so every check runs, canonicalisation included)
 * padded with results up to just under the value limit and then to just under the size limit.
 * Each poster posts back to back from its own loopback address (127.0.0.0/8), and moves to a new
 * address once that one is refused (429): every address uses its whole allowance, so the flood
 * runs at the rate limit of as many clients as it takes.
 */
import http from "node:http";
import os from "node:os";
import { buildCredential, signCredential } from "~/certificates/credential.server";
import { getIssuer } from "~/certificates/issuer.server";
import { MAX_CREDENTIAL_BYTES, MAX_CREDENTIAL_VALUES } from "~/certificates/verifier-pool.server";
import { absorbCookies, cookieHeader, type Learner, readCsrf } from "../lib/client";
import { log, median, percentile, round } from "../lib/util";
import { warmUp, type BenchContext } from "./context";
import { hammer, pickLesson } from "./lesson";

const POSTERS = 8;

async function worstCaseCredential(context: BenchContext): Promise<string> {
  const issuer = await getIssuer({ DATA_DIR: context.dataDir, PUBLIC_URL: context.base });
  const url = context.base;
  const signed = await signCredential(
    buildCredential({
      id: `${url}/verify/AAAA-BBBB-CCCC-DDDD-EEEE`,
      issuer: { id: issuer.id, name: issuer.name, url },
      name: "Certificate of completion: bench",
      validFrom: new Date("2026-03-01T10:00:00Z"),
      recipient: { email: "bench@example.test", salt: "bench-salt-bench-salt", name: "Bench Learner" },
      achievement: { id: `${url}/courses/bench/versions/1`, name: "Bench", description: "Bench.", criteria: "Bench.", achievementType: "Certificate" },
      score: { value: 85, name: "Final score" },
    }),
    issuer.key,
    issuer.documentLoader,
    new Date("2026-03-01T10:00:00Z"),
  );
  const count = (value: unknown): number => 1 + (typeof value === "object" && value !== null ? Object.values(value).reduce((sum: number, child) => sum + count(child), 0) : 0);
  const document = structuredClone(signed) as typeof signed & { credentialSubject: { result: object[] } };
  // Each result is 4 values: the object, its type list, the type and the value.
  const results = Math.floor((MAX_CREDENTIAL_VALUES - count(document)) / 4);
  const base = JSON.stringify(document).length;
  const room = Math.floor((MAX_CREDENTIAL_BYTES - 64 - base) / results) - `{"type":["Result"],"value":""},`.length;
  for (let i = 0; i < results; i++) document.credentialSubject.result.push({ type: ["Result"], value: `${i}`.padEnd(Math.max(1, room), "x") });
  const text = JSON.stringify(document);
  if (count(document) > MAX_CREDENTIAL_VALUES || Buffer.byteLength(text) > MAX_CREDENTIAL_BYTES) throw new Error("the worst-case credential is over the limits");
  return text;
}

type Flood = { stop: () => Promise<void>; statuses: Record<string, number>; latencies: number[] };

/** POSTERS loops posting `credential` to /verify until stopped. */
function startFlood(context: BenchContext, credential: string, form: { cookie: string; csrf: string }): Flood {
  const { port } = new URL(context.base);
  const body = new URLSearchParams({ csrf: form.csrf, intent: "credential", credential, email: "" }).toString();
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let stopped = false;
  let nextAddress = 0;
  const address = () => {
    nextAddress++;
    return `127.${10 + Math.floor(nextAddress / 65_000)}.${Math.floor(nextAddress / 250) % 250}.${(nextAddress % 250) + 2}`;
  };
  const postOnce = (localAddress: string) =>
    new Promise<number>((resolve) => {
      const started = performance.now();
      const request = http.request(
        {
          host: "127.0.0.1",
          port,
          path: "/verify",
          method: "POST",
          localAddress,
          agent: false,
          timeout: 30_000,
          headers: { Cookie: form.cookie, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) },
        },
        (response) => {
          response.resume();
          response.on("end", () => {
            latencies.push(performance.now() - started);
            resolve(response.statusCode ?? 0);
          });
        },
      );
      request.on("error", () => resolve(0));
      request.on("timeout", () => request.destroy());
      request.end(body);
    });
  const poster = async () => {
    let from = address();
    while (!stopped) {
      const status = await postOnce(from);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 429) from = address();
    }
  };
  const running = Array.from({ length: POSTERS }, poster);
  return {
    statuses,
    latencies,
    stop: async () => {
      stopped = true;
      await Promise.all(running);
    },
  };
}

export async function verifyFloodScenario(context: BenchContext, learners: Learner[]) {
  const lesson = pickLesson(context);
  const credential = await worstCaseCredential(context);
  // The anonymous CSRF token and its cookie, as the verification page hands them out.
  const page = await fetch(`${context.base}/verify`);
  const cookies = new Map<string, string>();
  absorbCookies(cookies, page);
  const form = { cookie: cookieHeader(cookies), csrf: readCsrf(await page.text()) };
  log(`verify flood: lesson page ${lesson.path} with and without ${POSTERS} posters of a ${Buffer.byteLength(credential)}-byte credential, ${learners.length} learners`);

  await warmUp(context, (seconds) => hammer(context, context.base, lesson.path, learners, seconds));
  const loadavg = os.loadavg()[0];
  const quiet: Awaited<ReturnType<typeof hammer>>[] = [];
  const flooded: Awaited<ReturnType<typeof hammer>>[] = [];
  let floodFigures: Flood | null = null;
  // Alternating, so that the machine's other load falls on both alike.
  for (let i = 0; i < context.mode.runs; i++) {
    quiet.push(await hammer(context, context.base, lesson.path, learners, context.mode.seconds));
    const flood = startFlood(context, credential, form);
    try {
      flooded.push(await hammer(context, context.base, lesson.path, learners, context.mode.seconds));
    } finally {
      await flood.stop();
    }
    if (floodFigures === null) floodFigures = flood;
    else {
      for (const [status, n] of Object.entries(flood.statuses)) floodFigures.statuses[status] = (floodFigures.statuses[status] ?? 0) + n;
      floodFigures.latencies.push(...flood.latencies);
    }
  }
  // A run without a single response (a short smoke run on a busy machine) has no percentiles: null, not 0.
  const medianOf = (values: Array<number | null>) => median(values.filter((value): value is number => value !== null));
  const summary = (runs: typeof quiet) => ({
    responses: runs.reduce((sum, run) => sum + run.responses, 0),
    rps: median(runs.map((run) => run.rps)),
    p50_ms: medianOf(runs.map((run) => run.p50_ms)),
    p99_ms: medianOf(runs.map((run) => run.p99_ms)),
    max_ms: runs.some((run) => run.max_ms !== null) ? Math.max(...runs.map((run) => run.max_ms ?? 0)) : null,
    unexpected_responses: runs.reduce((sum, run) => sum + run.wrong, 0),
    runs: runs.map((run) => ({ rps: run.rps, p99_ms: run.p99_ms })),
  });
  const without = summary(quiet);
  const withFlood = summary(flooded);
  const statuses = floodFigures?.statuses ?? {};
  log(
    `  without flood: p99 ${without.p99_ms} ms, ${without.rps} req/s; with flood: p99 ${withFlood.p99_ms} ms, ${withFlood.rps} req/s; /verify answers ${JSON.stringify(statuses)}; load average ${loadavg.toFixed(2)} before`,
  );
  return {
    path: lesson.path,
    learners: learners.length,
    runs: context.mode.runs,
    without_flood: without,
    with_flood: withFlood,
    lesson_p99_ms: without.p99_ms,
    lesson_p99_flooded_ms: withFlood.p99_ms,
    flood: {
      posters: POSTERS,
      credential_bytes: Buffer.byteLength(credential),
      statuses,
      p50_ms: round(median(floodFigures?.latencies ?? []), 1),
      p99_ms: round(percentile(floodFigures?.latencies ?? [], 99), 1),
    },
    loadavg_1m_before: round(loadavg, 2),
  };
}
