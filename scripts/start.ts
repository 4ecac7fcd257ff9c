import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { fail, prepare } from "./prepare";

const BUILD = path.resolve("build/server/index.js");
const SOURCES = ["app", "public", "package.json", "vite.config.ts", "remix.config.js"];

function newestChange(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

/** Builds when there is no build or the sources changed after it. */
function buildIfNeeded() {
  const built = fs.existsSync(BUILD) ? fs.statSync(BUILD).mtimeMs : 0;
  if (built > Math.max(...SOURCES.map(newestChange))) return;
  console.log("Building the app…");
  const result = spawnSync("npx", ["remix", "vite:build"], { stdio: "inherit" });
  if (result.status !== 0) fail("The build failed.");
}

async function main() {
  buildIfNeeded();
  const env = await prepare();
  process.env.NODE_ENV = "production";
  const build = (await import(pathToFileURL(BUILD).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.use(compression());
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use(express.static("build/client", { maxAge: "1h" }));
  // The client's address, for rate limits (behind a reverse proxy, configure Express's "trust proxy").
  app.all("*", createRequestHandler({ build, mode: "production", getLoadContext: (req) => ({ clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown" }) }));
  const server = app.listen(env.PORT, () => console.log(`Trag is ready on http://localhost:${env.PORT} (public URL ${env.PUBLIC_URL})`));
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main();
