/**
 * Global setup of the e2e project: builds the app once, starts it the way `npm start` does
 * (`node scripts/start.js`) on a free port with a throwaway data folder and the demo accounts,
 * waits until /healthz answers, hands the base URL to the tests (`inject("baseURL")`) and stops
 * it afterwards.
 *
 * The build and the server run in a private copy of the app's sources (node_modules linked), so
 * that a build or an edit in the working tree while the tests run cannot swap the assets under
 * the running server.
 *
 * A real SMTP server on loopback (tests/helpers/smtp.ts) receives the server's email (SMTP_URL);
 * each message is written to a folder the tests read (`inject("mailbox")`, tests/e2e/mailbox.ts).
 *
 * E2E_COURSES_DIR chooses the course folder (default: tests/fixtures/courses).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startSmtpServer } from "../helpers/smtp";
import { freePort } from "../../scripts/free-port";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    coursesDir: string;
    /** The server's DATA_DIR: tests may read its SQLite file, or write fixtures the UI cannot make. */
    dataDir: string;
    /** The folder where the loopback SMTP server writes each message it receives. */
    mailbox: string;
    /** The built copy of the app the server runs from: tests may start another server there (tests/e2e/shutdown.test.ts). */
    appDir: string;
  }
}

/** What `remix vite:build` and scripts/start.js read. */
const APP_FILES = ["app", "db", "public", "scripts", "types", "package.json", "tsconfig.json", "vite.config.ts", "remix.config.js"];

function copyApp(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "trag-e2e-app-"));
  for (const entry of APP_FILES) {
    if (fs.existsSync(entry)) fs.cpSync(entry, path.join(root, entry), { recursive: true });
  }
  fs.symlinkSync(path.resolve("node_modules"), path.join(root, "node_modules"), "dir");
  return root;
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

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Ends the server's process group (the primary and its workers, started detached: the group id is the child's pid) and waits until all of it has exited. */
async function stop(child: ChildProcess): Promise<void> {
  const pgid = child.pid!;
  if (!groupAlive(pgid)) return;
  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once("exit", () => resolve()));
  process.kill(-pgid, "SIGTERM");
  await exited;
  // The primary can exit before its workers; poll until the group is gone.
  while (groupAlive(pgid)) await new Promise((resolve) => setTimeout(resolve, 50));
}

export default async function setup(project: TestProject) {
  const coursesDir = path.resolve(process.env.E2E_COURSES_DIR ?? "tests/fixtures/courses");
  const appDir = copyApp();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trag-e2e-data-"));
  const mailbox = fs.mkdtempSync(path.join(os.tmpdir(), "trag-e2e-mail-"));
  const smtp = await startSmtpServer({ directory: mailbox });
  const cleanUp = () => {
    void smtp.close();
    fs.rmSync(appDir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(mailbox, { recursive: true, force: true });
  };

  const build = spawnSync("npx", ["remix", "vite:build"], { cwd: appDir, encoding: "utf8", env: { ...process.env, NODE_ENV: "production" } });
  if (build.status !== 0) {
    cleanUp();
    throw new Error(`npx remix vite:build failed:\n${build.stdout}\n${build.stderr}`);
  }

  const port = await freePort();
  const baseURL = `http://localhost:${port}`;
  const output: string[] = [];
  const child = spawn(process.execPath, ["scripts/start.js"], {
    cwd: appDir,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), PUBLIC_URL: baseURL, DATA_DIR: dataDir, COURSES_DIR: coursesDir, TRAG_DEMO: "1", SMTP_URL: smtp.url },
  });

  try {
    await waitUntilReady(child, output);
    if (output.join("").includes("Building the app")) throw new Error("scripts/start.js rebuilt the app: the build was not up to date");
    const health = await fetch(`${baseURL}/healthz`);
    if (health.status !== 200) throw new Error(`GET /healthz answered ${health.status}: ${await health.text()}`);
  } catch (error) {
    await stop(child);
    cleanUp();
    throw error;
  }

  project.provide("baseURL", baseURL);
  project.provide("coursesDir", coursesDir);
  project.provide("dataDir", dataDir);
  project.provide("mailbox", mailbox);
  project.provide("appDir", appDir);

  return async () => {
    await stop(child);
    cleanUp();
  };
}
