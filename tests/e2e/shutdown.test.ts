/**
 * Graceful shutdown (scripts/start.js and scripts/serve.js): the built app started as `npm start`
 * does, with two worker processes, gets SIGTERM while a request is in flight (its body not yet all
 * sent). The server stops accepting connections, the request still gets its whole answer, and the
 * processes exit 0 having closed the database (no WAL file left behind).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, test } from "vitest";
import { freePort } from "../../scripts/free-port";

const dataDirs: string[] = [];
afterAll(() => {
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function startServer() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trag-shutdown-"));
  dataDirs.push(dataDir);
  const port = await freePort();
  const child = spawn(process.execPath, ["scripts/start.js"], {
    cwd: inject("appDir"),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      PUBLIC_URL: `http://localhost:${port}`,
      DATA_DIR: dataDir,
      COURSES_DIR: inject("coursesDir"),
      TRAG_DEMO: "0",
      WEB_CONCURRENCY: "2",
    },
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      if (output.includes("Trag is ready on")) resolve();
    });
    child.stderr!.on("data", (chunk) => (output += chunk));
    void exited.then(() => reject(new Error(`the server exited before it was ready:\n${output}`)));
  });
  return { child, port, dataDir, exited, output: () => output };
}

/** Whether a new connection to the port is refused (nothing listens any more). */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

/**
 * A POST whose headers are sent and acknowledged (100 Continue: the server is handling it) while
 * its body is held back until `finish` is called.
 */
async function requestInFlight(port: number) {
  const body = "email=someone%40example.test&password=not-the-password";
  const request = http.request({
    port,
    host: "127.0.0.1",
    method: "POST",
    path: "/login",
    agent: new http.Agent({ keepAlive: true }),
    headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body), Expect: "100-continue" },
  });
  const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
    request.once("error", reject);
    request.once("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, text }));
      res.on("error", reject);
    });
  });
  const continued = new Promise<void>((resolve) => request.once("continue", () => resolve()));
  request.flushHeaders();
  await continued;
  return { finish: () => request.end(body), response };
}

async function until(condition: () => Promise<boolean>) {
  while (!(await condition())) await new Promise((resolve) => setImmediate(resolve));
}

describe("graceful shutdown", () => {
  for (const [name, signal] of [
    ["SIGTERM to the primary (as a service manager sends it)", (child: ChildProcess) => child.kill("SIGTERM")],
    ["SIGTERM to the whole process group (as Ctrl-C or kill -- -PGID send it)", (child: ChildProcess) => process.kill(-child.pid!, "SIGTERM")],
  ] as const) {
    test(`${name}: stops accepting, finishes the request in flight, closes the database, exits 0`, async () => {
      const server = await startServer();
      const inFlight = await requestInFlight(server.port);
      signal(server.child);
      await until(() => refused(server.port));
      inFlight.finish();
      const { status, text } = await inFlight.response;
      // The login form posted without its CSRF token: refused with a whole page, not cut off.
      expect(status).toBe(403);
      expect(text).toContain("</html>");
      const code = await server.exited;
      expect(code, server.output()).toBe(0);
      expect(fs.existsSync(path.join(server.dataDir, "trag.sqlite-wal"))).toBe(false);
    });
  }
});
