/**
 * A worker that crashes is restarted with a growing delay, and one that keeps crashing stops Trag
 * with a message (scripts/start.js, scripts/worker-restarts.js): here every worker dies at start,
 * as with a broken build, in a copy of the built app whose server entry throws.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, inject, test } from "vitest";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

test("a build whose server throws at start stops Trag after a few spaced restarts, naming the cause, exit code 1", async () => {
  const app = fs.mkdtempSync(path.join(os.tmpdir(), "trag-broken-"));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trag-broken-data-"));
  dirs.push(app, dataDir);
  fs.cpSync(inject("appDir"), app, { recursive: true, verbatimSymlinks: true });
  // Written last, so the build is newer than its sources and start.js does not build again.
  fs.writeFileSync(path.join(app, "build/server/index.js"), 'throw new Error("the server entry is broken");\n');
  const child = spawn(process.execPath, ["scripts/start.js"], {
    cwd: app,
    stdio: ["ignore", "pipe", "pipe"],
    // No worker gets as far as listening, so the port is never opened.
    env: { ...process.env, NODE_ENV: "production", PORT: "39999", DATA_DIR: dataDir, COURSES_DIR: inject("coursesDir"), TRAG_DEMO: "0", WEB_CONCURRENCY: "2" },
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  expect(code, output).toBe(1);
  expect(output).toContain("the server entry is broken");
  expect(output).toContain("the 5th crash within a minute: Trag stops");
  // Restarted with waits that double (100, 200, 400 ms…), not at once over and over.
  const waits = [...output.matchAll(/starting another in (\d+) ms/g)].map((match) => Number(match[1]));
  expect(waits).toEqual([100, 200, 400, 800]);
  expect(output).not.toContain("Trag is ready");
});
