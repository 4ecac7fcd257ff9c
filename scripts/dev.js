// @ts-check
// `npm run dev`: one process serving the current sources through the same Express app as
// production (createApp in scripts/serve.js: headers, load context, foreign-Origin handling), with
// Vite's dev server as middleware for the browser's modules and hot updates, and the server build
// loaded through Vite on each request, so that an edit applies on the next one (decision 0024).
import http from "node:http";
import { createApp } from "./serve.js";
import { prepare } from "./run-prepare.js";

process.env.NODE_ENV = "development";
const settings = prepare();
process.env.PUBLIC_URL = settings.PUBLIC_URL;
const { createServer } = await import("vite");
// Vite's hot-update websocket shares the page's port, so that the policy's connect-src 'self' covers it.
const server = http.createServer();
const vite = await createServer({ server: { middlewareMode: true, hmr: { server } } });
const build = () => /** @type {Promise<import("@remix-run/node").ServerBuild>} */ (vite.ssrLoadModule("virtual:remix/server-build"));
server.on("request", await createApp({ build, assets: vite.middlewares, publicUrl: settings.PUBLIC_URL }));
server.listen(settings.PORT, () => console.log(`Trag is ready on http://localhost:${settings.PORT} (development; public URL ${settings.PUBLIC_URL})`));
// Reminders and email delivery, as each production serving process runs them. Started once, from the
// server build as first loaded: an edit to the mail code applies after a restart.
const stopMail = /** @type {{ startMailScheduler?: () => () => Promise<void> }} */ ((await build()).entry.module).startMailScheduler?.();

let stopping = false;
/** Stops serving, then the mail work, and closes Vite, the credential verifier's threads and the database. */
async function stop() {
  if (stopping) return;
  stopping = true;
  server.closeAllConnections();
  server.close();
  await stopMail?.();
  const entry = /** @type {{ closeVerifierPool?: () => Promise<void>, closeDatabase?: () => void }} */ ((await build()).entry.module);
  await entry.closeVerifierPool?.();
  entry.closeDatabase?.();
  await vite.close();
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
