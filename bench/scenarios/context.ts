import type { Course } from "~/content/loader.server";
import type { Learner } from "../lib/client";

export type Mode = {
  smoke: boolean;
  /** Seconds of measured load per throughput scenario. */
  seconds: number;
  /** Seconds of unrecorded load before it (JIT, caches, SQLite page cache); 0: none. */
  warmupSeconds: number;
  /** Measured runs of the lesson page and quiz answers; their figures are the medians (the machine is shared and noisy). */
  runs: number;
};

export type BenchContext = {
  mode: Mode;
  /** The app under test, on 127.0.0.1. */
  base: string;
  /** The server's pid (the cluster primary when there are workers). */
  serverPid: number;
  dataDir: string;
  tmpDir: string;
  workers: number;
  course: Course;
  /** Accept-Encoding sent with page requests, as a browser would. */
  acceptEncoding: string;
};

/** The mode's unrecorded load before a measured one (`load` for that many seconds), if the mode has any. */
export async function warmUp(context: BenchContext, load: (seconds: number) => Promise<unknown>) {
  if (context.mode.warmupSeconds > 0) await load(context.mode.warmupSeconds);
}

export type LearnerGroups = { lesson: Learner[]; quiz: Learner[]; exam: Learner[]; lighthouse: Learner };
