import autocannon, { type Options, type Result } from "autocannon";
import { percentile, round } from "./util";

export type LoadSummary = {
  /** Responses received in the measured window. */
  responses: number;
  duration_s: number;
  rps: number;
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
  max_ms: number | null;
  /** Socket errors and timeouts as autocannon counts them. */
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
};

export type LoadRun = { summary: LoadSummary; latencies: number[]; result: Result };

/**
 * Runs autocannon against 127.0.0.1 only, and keeps every response time (autocannon's own
 * histogram has no p95). `onLatency` sees each response right after the request's onResponse,
 * so a scenario can file it under what it just recorded. `hardLimitMs` stops the run whatever
 * autocannon's own bounds (duration or amount) say.
 */
export function runLoad(options: Options & { hardLimitMs: number; onLatency?: (ms: number, status: number) => void }): Promise<LoadRun> {
  const { hardLimitMs, onLatency, ...rest } = options;
  const url = new URL(rest.url);
  if (url.hostname !== "127.0.0.1") throw new Error(`load is only sent to 127.0.0.1, not ${url.hostname}`);
  if (!rest.duration && !rest.amount) throw new Error("a load run needs a duration or an amount");
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  return new Promise((resolve, reject) => {
    const instance = autocannon({ timeout: 10, ...rest }, (error, result) => {
      clearTimeout(guard);
      if (error) return reject(error);
      const duration = result.duration > 0 ? result.duration : 1;
      resolve({
        latencies,
        result,
        summary: {
          responses: latencies.length,
          duration_s: round(duration, 2) ?? 0,
          rps: round(latencies.length / duration, 1) ?? 0,
          p50_ms: round(percentile(latencies, 50), 2),
          p95_ms: round(percentile(latencies, 95), 2),
          p99_ms: round(percentile(latencies, 99), 2),
          max_ms: round(percentile(latencies, 100), 2),
          errors: result.errors,
          timeouts: result.timeouts,
          statuses,
        },
      });
    });
    const guard = setTimeout(() => instance.stop(), hardLimitMs);
    instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
      latencies.push(ms);
      statuses[status] = (statuses[status] ?? 0) + 1;
      onLatency?.(ms, status);
    });
  });
}
