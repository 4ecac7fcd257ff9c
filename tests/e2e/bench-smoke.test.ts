/**
 * `npm run bench` in its smoke mode (bench/run.ts --smoke): every scenario for a second or two,
 * Lighthouse on the lesson page only. It checks that the benchmark runs end to end and writes
 * results of the right shape, not that the figures meet their targets (bench/results.md does).
 * It starts its own servers from the app the e2e setup built; the e2e project's shared server is not used.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, test } from "vitest";

const out = fs.mkdtempSync(path.join(os.tmpdir(), "trag-bench-smoke-"));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

const positive = expect.any(Number);
function expectPositive(value: unknown, name: string) {
  expect(typeof value, name).toBe("number");
  expect(value as number, name).toBeGreaterThan(0);
}

/**
 * Runs the smoke benchmark without blocking this test worker: a worker whose event loop is blocked
 * for a minute (spawnSync did, on a busy machine) misses Vitest's own 60-second RPC deadline and the
 * run fails although every test passed.
 */
function runSmokeBench(): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // The app the e2e suite built (inject("appDir")): building it again would take a minute.
    const child = spawn("npx", ["tsx", "bench/run.ts", "--smoke", "--app-dir", inject("appDir"), "--out", out], { timeout: 400_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("npm run bench -- --smoke", () => {
  test("runs every scenario and writes results.json and results.md", { timeout: 420_000 }, async () => {
    const run = await runSmokeBench();
    expect(run.status, `bench/run.ts --smoke failed:\n${run.stdout}\n${run.stderr}`).toBe(0);

    const results = JSON.parse(fs.readFileSync(path.join(out, "results.json"), "utf8"));
    expect(results.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(new Date(results.date).toString()).not.toBe("Invalid Date");
    expect(results.mode).toBe("smoke");
    expect(results.errors).toEqual({});

    for (const key of ["rps", "p50_ms", "p99_ms", "static_rps", "hello_rps"]) expectPositive(results.lesson[key], `lesson.${key}`);
    expect(results.lesson.unexpected_responses).toBe(0);
    for (const key of ["rps", "p99_ms"]) expectPositive(results.quiz_answer[key], `quiz_answer.${key}`);
    expect(results.quiz_answer.answer_rows_stored).toBeGreaterThanOrEqual(results.quiz_answer.saved);
    expectPositive(results.exam_start.learners, "exam_start.learners");
    expectPositive(results.exam_start.p95_ms, "exam_start.p95_ms");
    expect(results.exam_start.errors).toEqual(expect.any(Number));
    expect(results.exam_start.attempts_created).toBe(results.exam_start.learners - results.exam_start.errors);
    expectPositive(results.statistics.dashboard_p95_ms, "statistics.dashboard_p95_ms");
    expectPositive(results.statistics.item_analysis_p95_ms, "statistics.item_analysis_p95_ms");
    expect(results.statistics.requests).toBe(20);
    expectPositive(results.statistics.rows.quiz_answers, "statistics.rows.quiz_answers");
    expectPositive(results.exam_10k.learners, "exam_10k.learners");
    expect(results.exam_10k.errors).toBe(0);
    for (const key of ["answers", "answer_p99_ms", "finish_p99_ms", "dashboard_p95_ms", "peak_pss_mb"]) expectPositive(results.exam_10k[key], `exam_10k.${key}`);
    expect(results.exam_10k.finished).toBe(results.exam_10k.learners);
    expect(results.exam_10k.attempts_finished_in_db).toBe(results.exam_10k.learners);
    expect(results.exam_10k.answer_rows_in_db).toBeGreaterThan(0);
    for (const key of ["ms", "bytes"]) expectPositive(results.certificate_pdf[key], `certificate_pdf.${key}`);
    // Two seconds of lesson load on a busy machine may see no response at all: the p99 is then null.
    for (const run of ["without_flood", "with_flood"]) expect(results.verify_flood[run]).toMatchObject({ responses: expect.any(Number), p99_ms: expect.toBeOneOf([expect.any(Number), null]) });
    expect(results.verify_flood.flood.credential_bytes).toBeLessThanOrEqual(32 * 1024);
    // Stopping the flood waits for each poster's request in flight: every poster got at least one answer; no 5xx but the pool's 503.
    const floodStatuses = results.verify_flood.flood.statuses as Record<string, number>;
    expect(Object.values(floodStatuses).reduce((sum, n) => sum + n, 0)).toBeGreaterThanOrEqual(results.verify_flood.flood.posters);
    expect(Object.keys(floodStatuses).filter((status) => Number(status) >= 500 && status !== "503")).toEqual([]);
    for (const key of ["lesson_js_gzip_kb", "quiz_js_gzip_kb", "lesson_css_gzip_kb"]) expectPositive(results.page_weight[key], `page_weight.${key}`);
    for (const key of ["performance", "accessibility", "best_practices"]) expectPositive(results.lighthouse.lesson[key], `lighthouse.lesson.${key}`);
    expect(results.lighthouse).toHaveProperty("quiz");
    expectPositive(results.peak_rss_mb, "peak_rss_mb");
    expectPositive(results.peak_pss_mb, "peak_pss_mb");
    expect(results.peak_pss_mb).toBeLessThanOrEqual(results.peak_rss_mb);
    expect(results.targets).toEqual(expect.arrayContaining([expect.objectContaining({ label: expect.any(String), target: expect.any(String) })]));
    expect(results.memory.processes).toEqual(expect.arrayContaining([expect.objectContaining({ peak_mb: positive })]));

    const markdown = fs.readFileSync(path.join(out, "results.md"), "utf8");
    expect(markdown).toContain(results.commit);
    expect(markdown).toContain(results.node);
    expect(markdown).toContain("## Targets");
  });
});
