/**
 * A built app starts with production dependencies only, as a server set up by docs/deploy.md
 * (`npm ci && npm run build`, then `npm ci --omit=dev`, then `npm start`) or the Dockerfile does:
 * a copy of the built app (`inject("appDir")`) gets a node_modules without the devDependencies, and
 * `node scripts/start.js` must prepare (migrations, courses, demo accounts: the native argon2 and
 * better-sqlite3), serve the pages and their assets, take client addresses from a trusted proxy
 * (TRUST_PROXY), and exit 0 on SIGTERM; without a build it must say so rather than try to build.
 *
 * The node_modules is made without the network, in seconds: hard links of the suite's own
 * node_modules (`cp -al`), then `npm prune --omit=dev`. (`npm ci --omit=dev --offline` from the npm
 * cache took 4 minutes here, compiling better-sqlite3.) A hard-linked file is the same file in both
 * trees, so nothing may write into one in place: npm rewrites node_modules/.package-lock.json that
 * way, so the copy's link is removed first and npm writes a file of its own.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { freePort } from "../../scripts/free-port";

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
}

/** A copy of the built app (timestamps kept, so that it is not built again) with production dependencies only. */
function productionCopy(): string {
  const appDir = inject("appDir");
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "trag-production-"));
  temporary.push(copy);
  fs.cpSync(appDir, copy, { recursive: true, preserveTimestamps: true, filter: (source) => source !== path.join(appDir, "node_modules") });
  fs.copyFileSync("package-lock.json", path.join(copy, "package-lock.json"));
  const modules = fs.realpathSync(path.join(appDir, "node_modules"));
  try {
    run("cp", ["-al", modules, path.join(copy, "node_modules")], copy);
  } catch {
    // Another file system than the suite's node_modules: no hard links, a real copy.
    fs.rmSync(path.join(copy, "node_modules"), { recursive: true, force: true });
    run("cp", ["-a", modules, path.join(copy, "node_modules")], copy);
  }
  fs.rmSync(path.join(copy, "node_modules", ".package-lock.json"), { force: true });
  run("npm", ["prune", "--omit=dev", "--offline", "--ignore-scripts", "--no-audit", "--no-fund"], copy);
  return copy;
}

let copy: string;
let baseURL: string;
let output = "";
let exited: Promise<number | null>;
let primary: ReturnType<typeof spawn>;

beforeAll(async () => {
  copy = productionCopy();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trag-production-data-"));
  temporary.push(dataDir);
  const port = await freePort();
  baseURL = `http://localhost:${port}`;
  // Only what a service manager would set: nothing of the suite's environment (NODE_OPTIONS, NODE_PATH…).
  primary = spawn(process.execPath, ["scripts/start.js"], {
    cwd: copy,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      PORT: String(port),
      PUBLIC_URL: baseURL,
      DATA_DIR: dataDir,
      COURSES_DIR: inject("coursesDir"),
      TRAG_DEMO: "1",
      WEB_CONCURRENCY: "1",
      TRUST_PROXY: "loopback",
    },
  });
  exited = new Promise((resolve) => primary.once("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    primary.stdout!.on("data", (chunk) => {
      output += chunk;
      if (output.includes("Trag is ready on")) resolve();
    });
    primary.stderr!.on("data", (chunk) => (output += chunk));
    void exited.then(() => reject(new Error(`the server exited before it was ready:\n${output}`)));
  });
});

afterAll(() => {
  if (primary.exitCode === null && primary.signalCode === null) process.kill(-primary.pid!, "SIGKILL");
});

describe("a built app with production dependencies only", () => {
  test("has no devDependencies installed, and starts without building", () => {
    for (const dev of ["@remix-run/dev", "vite", "vitest", "typescript-eslint"]) expect(fs.existsSync(path.join(copy, "node_modules", dev)), dev).toBe(false);
    expect(output).not.toContain("Building the app");
    expect(output).toContain("Demo mode is on: created");
  });

  test("serves /healthz, the login page and its scripts and stylesheet", async () => {
    expect((await fetch(`${baseURL}/healthz`)).status).toBe(200);
    const login = await fetch(`${baseURL}/login`);
    expect(login.status).toBe(200);
    const html = await login.text();
    expect(html).toContain("<form");
    const assets = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]);
    expect(assets.some((asset) => asset.endsWith(".css")) && assets.some((asset) => asset.endsWith(".js")), html).toBe(true);
    for (const asset of assets) expect((await fetch(`${baseURL}${asset}`)).status, asset).toBe(200);
  });

  test("takes the client's address from the trusted proxy's X-Forwarded-For (TRUST_PROXY), for rate limits", async () => {
    const lookUp = (address: string) => fetch(`${baseURL}/verify/nope`, { headers: { "X-Forwarded-For": address } }).then((response) => response.status);
    // The public verification page allows 30 look-ups a minute per client (MAX_VERIFY_LOOKUPS).
    for (let i = 0; i < 30; i++) expect(await lookUp("203.0.113.7")).toBe(404);
    expect(await lookUp("203.0.113.7")).toBe(429);
    expect(await lookUp("203.0.113.8")).toBe(404);
  });

  test("exits 0 on SIGTERM", async () => {
    primary.kill("SIGTERM");
    expect(await exited, output).toBe(0);
  });

  test("without a build, stops with a message instead of trying to build", () => {
    fs.renameSync(path.join(copy, "build"), path.join(copy, "build-moved"));
    const result = spawnSync(process.execPath, ["scripts/start.js"], { cwd: copy, encoding: "utf8", env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production" } });
    expect(result.stderr.trim()).toBe("There is no build (build/) and the build tools (the devDependencies) are not installed: run `npm ci && npm run build` first (docs/deploy.md).");
    expect(result.status).toBe(1);
  });
});
