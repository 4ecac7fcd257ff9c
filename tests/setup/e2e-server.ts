/**
 * Global setup of the e2e project: builds the app once, starts it the way `npm start` does
 * (scripts/start.ts) on a free port with a throwaway data folder and demo accounts, waits until
 * /healthz answers, hands the base URL to the tests (`inject("baseURL")`) and stops it afterwards.
 *
 * E2E_COURSES_DIR chooses the course folder (default: tests/fixtures/courses).
 * E2E_SKIP_BUILD=1 reuses the existing build (scripts/start.ts still rebuilds when sources changed).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    coursesDir: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves when the server prints that it is ready; rejects with its output when it exits first. */
function waitUntilReady(child: ChildProcess, output: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    // Keep reading after it is ready, so that a full pipe never blocks the server.
    child.stdout?.on("data", (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.join("").includes("Trag is ready on")) resolve();
    });
    child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.once("exit", (code, signal) => reject(new Error(`The server exited (${code ?? signal}) before it was ready:\n${output.join("")}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    // The server runs in its own process group (npx → tsx → node): end the whole group, by its id.
    process.kill(-child.pid!, "SIGTERM");
  });
}

export default async function setup(project: TestProject) {
  if (process.env.E2E_SKIP_BUILD !== "1") {
    const build = spawnSync("npx", ["remix", "vite:build"], { encoding: "utf8", env: { ...process.env, NODE_ENV: "production" } });
    if (build.status !== 0) throw new Error(`npx remix vite:build failed:\n${build.stdout}\n${build.stderr}`);
  }

  const coursesDir = path.resolve(process.env.E2E_COURSES_DIR ?? "tests/fixtures/courses");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trag-e2e-"));
  const port = await freePort();
  const baseURL = `http://localhost:${port}`;
  const output: string[] = [];
  const child = spawn("npx", ["tsx", "scripts/start.ts"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), PUBLIC_URL: baseURL, DATA_DIR: dataDir, COURSES_DIR: coursesDir, TRAG_DEMO: "1" },
  });

  try {
    await waitUntilReady(child, output);
    const health = await fetch(`${baseURL}/healthz`);
    if (health.status !== 200) throw new Error(`GET /healthz answered ${health.status}: ${await health.text()}`);
  } catch (error) {
    await stop(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  project.provide("baseURL", baseURL);
  project.provide("coursesDir", coursesDir);

  return async () => {
    await stop(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
