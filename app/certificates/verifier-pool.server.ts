/**
 * Verifying a credential someone presents costs CPU that they choose: JSON-LD canonicalisation
 * grows faster than the document. So it is bounded three ways (decision 0021): the credential's
 * size and number of values are checked here before anything else reads it; verification runs in
 * a worker thread, never on a serving thread, at a lower CPU priority; and at most
 * `threads + maxQueue` verifications wait or run, each for `timeoutMs`.
 *
 * Under `npm start` the primary process holds the one pool of the whole server, and the serving
 * processes hand their verifications to it (decision 0030): a flood of `/verify` then takes at most
 * one core's worth of low-priority CPU and one thread's memory, however many processes serve pages.
 */
import cluster from "node:cluster";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import type { VerifierTask } from "./verifier-worker.server";
import type { VerificationReport } from "./verifier.server";

/** Our credentials are under 3 KB and hold ~60 JSON values; the limits leave a wide margin. */
export const MAX_CREDENTIAL_BYTES = 32 * 1024;
export const MAX_CREDENTIAL_VALUES = 500;
export const MAX_CREDENTIAL_DEPTH = 32;

export type CredentialShape = "ok" | "tooLarge" | "tooComplex";

/**
 * Whether a presented credential is within the limits: its UTF-8 bytes, and, when it is JSON, how
 * many values (objects, arrays, strings, numbers…) it holds and how deep. Text that is not JSON is
 * "ok": the verifier reports that itself.
 */
export function checkCredentialShape(text: string): CredentialShape {
  if (Buffer.byteLength(text, "utf8") > MAX_CREDENTIAL_BYTES) return "tooLarge";
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return "ok";
  }
  // A stack, not recursion: deep nesting must not overflow ours.
  const stack: Array<[unknown, number]> = [[document, 0]];
  let values = 0;
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (++values > MAX_CREDENTIAL_VALUES || depth > MAX_CREDENTIAL_DEPTH) return "tooComplex";
    if (typeof value === "object" && value !== null) for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return "ok";
}

export type VerifierPoolOptions = {
  /** Worker threads of the pool. */
  threads: number;
  /** Verifications that may wait for a thread; more are refused at once. */
  maxQueue: number;
  /** From the moment it is handed over: a verification not done by then is abandoned and its thread ended. */
  timeoutMs: number;
  /** The worker's file; tests give one of their own. */
  filename?: string;
};

/**
 * One thread and a short queue: a worst-case credential costs 0.1–0.5 s of CPU, ours ~50 ms. The
 * timeout leaves room for starting the thread and for the lower priority under load.
 */
export const VERIFIER_POOL_DEFAULTS: VerifierPoolOptions = { threads: 1, maxQueue: 8, timeoutMs: 10_000 };

/** Verifier threads yield the CPU to the serving threads (Linux; ignored where it cannot be set). */
const NICE_INCREMENT = 10;

/**
 * A thread's heap: V8's defaults let it grow to ~95 MB more RSS over 20 worst-case credentials; these
 * keep it to ~35 MB, and a credential within the limits needs far less. Running out ends the thread
 * like a timeout does.
 */
const THREAD_HEAP = { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4 };

/** The verification could not be done: too many waiting ("busy") or not finished in time ("failed"). */
export class VerificationUnavailableError extends Error {
  constructor(readonly reason: "busy" | "failed") {
    super(`Credential verification unavailable: ${reason}`);
    this.name = "VerificationUnavailableError";
  }
}

let options = VERIFIER_POOL_DEFAULTS;
let pool: Piscina | undefined;
let inFlight = 0;

/**
 * The built server (build/server/index.js) has the worker beside it as its own entry
 * (vite.config.ts); from the sources (tests, `npm run dev`) the TypeScript file runs through tsx.
 */
function workerFile(): { filename: string; execArgv?: string[] } {
  if (options.filename) return { filename: options.filename };
  if (import.meta.url.endsWith(".ts")) return { filename: fileURLToPath(new URL("./verifier-worker.server.ts", import.meta.url)), execArgv: ["--import", "tsx"] };
  return { filename: fileURLToPath(new URL("./verifier-worker.js", import.meta.url)) };
}

/** Started on first use: a serving process that never verifies never starts a thread. */
function getPool(): Piscina {
  pool ??= new Piscina({
    ...workerFile(),
    minThreads: 0,
    maxThreads: options.threads,
    idleTimeout: 60_000,
    niceIncrement: NICE_INCREMENT,
    resourceLimits: THREAD_HEAP,
  });
  return pool;
}

/**
 * Runs one verification in a worker thread; throws VerificationUnavailableError when it cannot. A
 * serving process of `npm start` (a cluster worker) asks the primary's pool; anything else (tests,
 * `npm run dev`) has a pool of its own.
 */
export function runVerification(task: VerifierTask): Promise<VerificationReport> {
  return cluster.isWorker ? askPrimary(task) : verifyInPool(task);
}

async function verifyInPool(task: VerifierTask): Promise<VerificationReport> {
  if (inFlight >= options.threads + options.maxQueue) throw new VerificationUnavailableError("busy");
  inFlight++;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), options.timeoutMs);
  try {
    return (await getPool().run(task, { signal: abort.signal })) as VerificationReport;
  } catch (error) {
    // Aborted (its thread is terminated), or the thread died: either way no report.
    console.warn(`Credential verification did not complete: ${(error as Error).message}`);
    throw new VerificationUnavailableError("failed");
  } finally {
    clearTimeout(timer);
    inFlight--;
  }
}

/** A serving process's request to the primary, and the primary's answer (IPC with Node's advanced serialization: dates stay dates). */
type VerifyRequest = { type: "trag:verify"; id: number; task: VerifierTask };
type VerifyReply = { type: "trag:verified"; id: number; report?: VerificationReport; unavailable?: VerificationUnavailableError["reason"] };

const awaitingPrimary = new Map<number, (reply: VerifyReply) => void>();
let lastRequestId = 0;

function askPrimary(task: VerifierTask): Promise<VerificationReport> {
  if (lastRequestId === 0) {
    process.on("message", (reply: VerifyReply) => {
      if (reply?.type === "trag:verified") awaitingPrimary.get(reply.id)?.(reply);
    });
  }
  const id = ++lastRequestId;
  return new Promise((resolve, reject) => {
    awaitingPrimary.set(id, (reply) => {
      awaitingPrimary.delete(id);
      if (reply.report) resolve(reply.report);
      else reject(new VerificationUnavailableError(reply.unavailable ?? "failed"));
    });
    const request: VerifyRequest = { type: "trag:verify", id, task };
    process.send!(request, undefined, {}, (error) => {
      if (!error) return;
      awaitingPrimary.delete(id);
      reject(new VerificationUnavailableError("failed"));
    });
  });
}

/** In the cluster's primary (scripts/start.js): verifies what every serving process asks, in this process's one pool. */
export function verifyForServingProcesses(): void {
  cluster.on("message", (worker, message: VerifyRequest) => {
    if (message?.type !== "trag:verify") return;
    verifyInPool(message.task).then(
      (report) => reply({ type: "trag:verified", id: message.id, report }),
      (error: unknown) => reply({ type: "trag:verified", id: message.id, unavailable: error instanceof VerificationUnavailableError ? error.reason : "failed" }),
    );
    function reply(answer: VerifyReply) {
      if (worker.isConnected()) worker.send(answer);
    }
  });
}

/** Ends the worker threads (graceful shutdown, scripts/serve.js); a later verification starts them again. */
export async function closeVerifierPool(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.destroy();
}

/** Other limits or another worker file from the next verification on (tests). */
export async function configureVerifierPool(next: Partial<VerifierPoolOptions> = {}): Promise<void> {
  await closeVerifierPool();
  options = { ...VERIFIER_POOL_DEFAULTS, ...next };
}
