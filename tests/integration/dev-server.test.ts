/**
 * `npm run dev` (scripts/dev.js) serves through the same Express app as production (createApp in
 * scripts/serve.js), so its loaders get the same load context: a lesson page sends its body once
 * (the htmlFragments map), and every response has the security headers with a nonce that the
 * page's scripts carry (cspNonce). One page only: Vite's first transform of the server is slow.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, test } from "vitest";
import { freePort } from "../../scripts/free-port";

const LESSON_FILE = "tests/fixtures/courses/fixture-course/01-basics/01-first-lesson.en.md";
const LESSON = "/courses/fixture-course/basics/first-lesson";
const SENTENCE = "Investigators record each online trace with care";

let child: ChildProcess;
let baseURL: string;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trag-dev-"));

beforeAll(async () => {
  const port = await freePort();
  baseURL = `http://localhost:${port}`;
  child = spawn(process.execPath, ["scripts/dev.js"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_ENV: "development", PORT: String(port), PUBLIC_URL: baseURL, DATA_DIR: dataDir, COURSES_DIR: path.resolve("tests/fixtures/courses"), TRAG_DEMO: "1" },
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      if (output.includes("Trag is ready on")) resolve();
    });
    child.stderr!.on("data", (chunk) => (output += chunk));
    child.once("exit", (code, signal) => reject(new Error(`scripts/dev.js exited (${code ?? signal}) before it was ready:\n${output}`)));
  });
}, 120_000);

afterAll(async () => {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The demo learner's cookies, signed in through the login form. */
async function logIn(): Promise<string> {
  const form = await fetch(`${baseURL}/login`);
  const cookies = form.headers.getSetCookie().map((line) => line.split(";")[0]);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? "";
  const login = await fetch(`${baseURL}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies.join("; ") },
    body: new URLSearchParams({ csrf, email: "learner@trag.test", password: "learner-demo-2026" }),
  });
  expect(login.status).toBe(302);
  return [...cookies, ...login.headers.getSetCookie().map((line) => line.split(";")[0])].join("; ");
}

test("a lesson page in development gets production's load context and headers", async () => {
  const response = await fetch(`${baseURL}${LESSON}`, { headers: { Cookie: await logIn() } });
  expect(response.status).toBe(200);
  const html = await response.text();
  // htmlFragments: the body is in the page once, not again in the loader data.
  const inSource = fs.readFileSync(LESSON_FILE, "utf8").split(SENTENCE).length - 1;
  expect(html.split(SENTENCE).length - 1).toBe(inSource);
  // cspNonce: the policy's nonce is on every script, Vite's HMR preamble included.
  const nonce = /'nonce-([^']+)'/.exec(response.headers.get("Content-Security-Policy") ?? "")?.[1];
  expect(nonce).toBeTruthy();
  const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((match) => match[1]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
  expect(response.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
  expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
  expect(response.headers.get("Cache-Control")).toBe("private, no-store");
}, 120_000);

test("development runs the mail work as a serving process does (the reminder job has run)", async () => {
  const database = new Database(path.join(dataDir, "trag.sqlite"), { readonly: true });
  try {
    const lease = () => database.prepare("SELECT started_at AS startedAt FROM job_leases WHERE name = 'reminders'").get() as { startedAt: number | null } | undefined;
    await expect.poll(() => lease()?.startedAt ?? null, { timeout: 30_000 }).not.toBeNull();
  } finally {
    database.close();
  }
}, 60_000);
