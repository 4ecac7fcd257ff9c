/**
 * Trag's mail work in child processes (tests/helpers/mail-job-child.ts, run by vite-node with the
 * test's environment: its DATA_DIR, and SMTP_URL when the test set one).
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export type ChildRun = {
  child: ChildProcess;
  /** Resolves when the process has exited: its report (null when it was killed or failed) and how it ended. */
  done: Promise<{ report: any; code: number | null; signal: NodeJS.Signals | null; output: string }>;
};

/** Starts `what` in a new process; with `startAt` (epoch ms) it waits until then before starting the work. */
export function runMailChild(what: "jobs" | "deliver", options: { startAt?: number } = {}): ChildRun {
  const child = spawn(process.execPath, [path.resolve("node_modules/vite-node/vite-node.mjs"), "--config", "vitest.config.ts", "tests/helpers/mail-job-child.ts", what], {
    env: { ...process.env, ...(options.startAt ? { MAIL_CHILD_START_AT: String(options.startAt) } : {}) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const done = new Promise<{ report: any; code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) => {
    child.once("exit", (code, signal) => {
      const last = output.trim().split("\n").at(-1) ?? "";
      let report: unknown = null;
      try {
        report = code === 0 ? JSON.parse(last) : null;
      } catch {
        report = null;
      }
      resolve({ report, code, signal, output });
    });
  });
  return { child, done };
}

/** Kills the process with SIGKILL (no chance to record anything) and waits until it is gone. */
export async function killNow(run: ChildRun): Promise<void> {
  if (run.child.exitCode !== null || run.child.signalCode !== null) return;
  run.child.kill("SIGKILL");
  await run.done;
}
