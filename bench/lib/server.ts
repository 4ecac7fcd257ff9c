import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { sleep } from "./util";

export type Spawned = {
  name: string;
  pid: number;
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
};

/** The folder the app is built in and started from: this checkout, or (--app-dir) a copy already built, such as the e2e suite's. */
let appDir = process.cwd();
export function serveBuiltAppFrom(dir: string) {
  appDir = path.resolve(dir);
}
export function appPath(...parts: string[]) {
  return path.join(appDir, ...parts);
}

/** Starts `node --import tsx <script>` (one process: no tsx wrapper) with its output in `logFile`. */
export async function spawnServer(options: {
  name: string;
  script: string;
  port: number;
  env: NodeJS.ProcessEnv;
  logFile: string;
  nodeArgs?: string[];
  readyPath: string;
  expectWorkers: number;
  readyTimeoutMs?: number;
  cwd?: string;
}): Promise<Spawned> {
  const log = fs.openSync(options.logFile, "a");
  const loader = options.script.endsWith(".ts") ? ["--import", "tsx"] : [];
  const child = spawn(process.execPath, [...loader, ...(options.nodeArgs ?? []), options.script], {
    env: { ...process.env, ...options.env, PORT: String(options.port) },
    stdio: ["ignore", log, log],
    cwd: options.cwd,
  });
  fs.closeSync(log);
  const url = `http://127.0.0.1:${options.port}`;
  let exited: number | null = null;
  child.on("exit", (code) => (exited = code ?? -1));
  const deadline = Date.now() + (options.readyTimeoutMs ?? 180_000);
  for (;;) {
    if (exited !== null) throw new Error(`${options.name} exited with ${exited} before it was ready; the end of ${options.logFile}:\n${fs.readFileSync(options.logFile, "utf8").slice(-2000)}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${options.name} was not ready in time; see ${options.logFile}`);
    }
    try {
      const response = await fetch(url + options.readyPath, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.ok && childPids(child.pid!).length >= (options.expectWorkers > 1 ? options.expectWorkers : 0)) break;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  const stop = async () => {
    if (exited !== null) return;
    const done = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => {
      for (const pid of [...childPids(child.pid!), child.pid!]) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    }, 15_000);
    await done;
    clearTimeout(timer);
  };
  return { name: options.name, pid: child.pid!, url, child, stop };
}

/** Direct children of a process (cluster workers), from /proc. */
export function childPids(pid: number): number[] {
  try {
    return fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((task) => fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim().split(/\s+/))
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** A process and all its descendants (workers, and what they started, such as tsx's esbuild service). */
export function processTree(pid: number): number[] {
  return [pid, ...childPids(pid).flatMap((child) => processTree(child))];
}

/** The cluster workers of a server started from scripts/start.js. */
export function workerPids(rootPid: number): number[] {
  return childPids(rootPid).filter((pid) => roleOf(pid, rootPid) === "worker");
}

function roleOf(pid: number, rootPid: number): string {
  if (pid === rootPid) return "primary";
  try {
    const command = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    if (command.some((part) => part.endsWith("serve.js"))) return "worker";
    return path.basename(command[0] ?? "child");
  } catch {
    return "child";
  }
}

function statusKb(pid: number, field: "VmHWM" | "VmRSS"): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Proportional set size: the process's resident pages, each shared page divided among the processes that map it. */
function pssKb(pid: number): number | null {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * Polls VmHWM (the kernel's own peak RSS) of a server and its workers. The peak reported is the
 * sum over processes of each one's VmHWM, an upper bound of the peak of the sum; the largest
 * sum of VmRSS seen at one poll is kept beside it, and the largest sum of PSS (pages the processes
 * share, such as Node's own ~38 MB binary, counted once rather than once per process).
 */
export class MemoryMonitor {
  private readonly peaks = new Map<number, number>();
  private readonly roles = new Map<number, string>();
  private maxConcurrentKb = 0;
  private maxPssKb = 0;
  private timer: NodeJS.Timeout | undefined;
  constructor(private readonly rootPid: number) {}

  start(intervalMs = 250) {
    this.poll();
    this.timer = setInterval(() => this.poll(), intervalMs);
    return this;
  }

  poll() {
    let concurrent = 0;
    let pss = 0;
    for (const pid of processTree(this.rootPid)) {
      if (!this.roles.has(pid)) this.roles.set(pid, roleOf(pid, this.rootPid));
      const hwm = statusKb(pid, "VmHWM");
      if (hwm !== null) this.peaks.set(pid, Math.max(hwm, this.peaks.get(pid) ?? 0));
      concurrent += statusKb(pid, "VmRSS") ?? 0;
      pss += pssKb(pid) ?? 0;
    }
    this.maxConcurrentKb = Math.max(this.maxConcurrentKb, concurrent);
    this.maxPssKb = Math.max(this.maxPssKb, pss);
  }

  private readonly timeline: Array<{ after: string; rss_mb: number; peak_so_far_mb: number }> = [];

  /** Notes the RSS now and the peak so far, to see which scenario raised it. */
  mark(after: string) {
    this.poll();
    let rss = 0;
    for (const pid of processTree(this.rootPid)) rss += statusKb(pid, "VmRSS") ?? 0;
    const peak = [...this.peaks.values()].reduce((a, b) => a + b, 0);
    this.timeline.push({ after, rss_mb: Math.round(rss / 102.4) / 10, peak_so_far_mb: Math.round(peak / 102.4) / 10 });
  }

  stop() {
    this.poll();
    clearInterval(this.timer);
    const perProcessMb = [...this.peaks.entries()].map(([pid, kb]) => ({ pid, role: this.roles.get(pid) ?? "child", peak_mb: Math.round(kb / 102.4) / 10 }));
    const sumKb = [...this.peaks.values()].reduce((a, b) => a + b, 0);
    return {
      peak_rss_mb: Math.round(sumKb / 102.4) / 10,
      max_concurrent_rss_mb: Math.round(this.maxConcurrentKb / 102.4) / 10,
      max_pss_mb: Math.round(this.maxPssKb / 102.4) / 10,
      processes: perProcessMb,
      timeline: this.timeline,
    };
  }
}

/** CPU seconds (user + system) used so far by a server and its workers, from /proc/<pid>/stat. */
export function cpuSeconds(rootPid: number): number {
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of processTree(rootPid)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      total += (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      // gone
    }
  }
  return total;
}
