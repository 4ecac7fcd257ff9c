import cluster from "node:cluster";

/** Runs `serve` in WORKERS processes (node:cluster), like the app with WEB_CONCURRENCY; one process when WORKERS is 1. */
export function clustered(serve: () => void) {
  const workers = Math.max(1, Number(process.env.WORKERS ?? "1"));
  if (workers > 1 && cluster.isPrimary) {
    for (let i = 0; i < workers; i++) cluster.fork();
    const stop = () => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill("SIGTERM");
      setTimeout(() => process.exit(0), 500).unref();
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
    return;
  }
  serve();
}
