// @ts-check
// A serving process: plain JavaScript over the built app, so that the worker processes run on
// bare Node (no TypeScript loader, no esbuild service) and stay small. scripts/start.js has
// already validated the configuration, migrated the database and loaded the courses.
import cluster from "node:cluster";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath, pathToFileURL } from "node:url";

export const BUILD = path.resolve("build/server/index.js");
const CLIENT = path.resolve("build/client");

/** Pages are made per request: the fastest brotli level keeps compressing from costing more than rendering (bench/changes.md). */
export const COMPRESSION = { brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } } };

/** How long a stopping server lets requests in flight run before it cuts them off. */
export const SHUTDOWN_GRACE_MS = 25_000;

/** Serves the built app on `port` until SIGTERM or SIGINT. */
async function serve(port = Number(process.env.PORT ?? 3000)) {
  process.env.NODE_ENV = "production";
  // A signal can come while the app is still loading (a stop right after start): it is kept and
  // acted on once the server listens, instead of killing this process with the default action.
  let stopRequested = false;
  /** @type {() => void} */
  let stop = () => {
    stopRequested = true;
  };
  process.on("SIGTERM", () => stop());
  process.on("SIGINT", () => stop());
  /** @type {import("@remix-run/node").ServerBuild} */
  const build = await import(pathToFileURL(BUILD).href);
  const app = await createApp({ build, assets: await staticAssets() });
  const server = app.listen(port, () => {
    if (stopRequested) stop();
  });
  const entry = /** @type {{ startMailScheduler?: () => () => Promise<void>, closeVerifierPool?: () => Promise<void>, closeDatabase?: () => void }} */ (build.entry.module);
  // Reminders and email delivery (app/mail/scheduler.server.ts), started through the server entry.
  const stopMail = entry.startMailScheduler?.();
  let stopping = false;
  /**
   * Graceful shutdown: stop accepting connections, let the requests in flight finish (closing each
   * kept-alive connection once it is idle), stop the mail work and the credential verifier's
   * threads, close the database (SQLite
   * checkpoints its WAL into the file), exit 0. Requests still running after SHUTDOWN_GRACE_MS are
   * cut off. A second signal (a terminal's Ctrl-C reaches the primary and every worker) changes nothing.
   */
  stop = () => {
    if (stopping) return;
    stopping = true;
    server.close(async () => {
      await stopMail?.();
      await entry.closeVerifierPool?.();
      entry.closeDatabase?.();
      process.exit(0);
    });
    setInterval(() => server.closeIdleConnections(), 100).unref();
    setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
  };
}

/**
 * The Express app of both servers: this production worker, over the built app, and `npm run dev`
 * (scripts/dev.js), over Vite's dev server. The same middleware in the same order, the same load
 * context, the same headers and the same handling of a foreign Origin; only `assets` (the built
 * files, or Vite's middleware) and the build (a module, or a function that loads the current
 * sources through Vite on each request) differ.
 * @param {{ build: ServerBuild | (() => Promise<ServerBuild>), assets: import("express").RequestHandler, publicUrl?: string }} options
 */
export async function createApp({ build, assets, publicUrl = process.env.PUBLIC_URL ?? "" }) {
  // Imported here, not at the top, so that scripts/start.js can read BUILD without loading the server.
  const [{ createRequestHandler }, { default: compression }, { default: express }, { default: onHeaders }] = await Promise.all([
    import("@remix-run/express"),
    import("compression"),
    import("express"),
    import("on-headers"),
  ]);
  const development = typeof build === "function";
  // app/entry.server.tsx re-exports these from app/security/security-headers.server.ts; Remix's type of the entry does not list them.
  const headersOf = (/** @type {ServerBuild} */ loaded) => /** @type {SecurityHeadersModule} */ (/** @type {unknown} */ (loaded.entry.module));
  /** @type {SecurityHeadersModule | undefined} */
  const builtHeaders = development ? undefined : headersOf(build);
  const app = express();
  app.disable("x-powered-by");
  // Behind a reverse proxy, the client's address (rate limits, audit log) comes from the
  // X-Forwarded-For of the proxies TRUST_PROXY names (validated by scripts/prepare.ts); without it
  // the header is ignored, since anyone could send it.
  if (process.env.TRUST_PROXY) app.set("trust proxy", trustProxy(process.env.TRUST_PROXY));
  // Security headers on every response (app/security/security-headers.server.ts): a fresh nonce
  // per response for the Content-Security-Policy, handed to the page's render in the load context.
  // They are set just before the headers are written, so that a route's own CSP (course images)
  // stays, and a signed-in user's page or page data is marked private, no-store whatever the route said.
  // In development the module is the current source's, through Vite (cached by Vite between edits).
  app.use((req, res, next) => {
    const withHeaders = (/** @type {SecurityHeadersModule} */ { createCspNonce, securityHeaders, privateCacheControl }) => {
      const nonce = createCspNonce();
      res.locals.cspNonce = nonce;
      onHeaders(res, () => {
        for (const [name, value] of Object.entries(securityHeaders({ nonce, publicUrl, development }))) if (!res.hasHeader(name)) res.setHeader(name, value);
        const cacheControl = privateCacheControl({ path: req.path, contentType: String(res.getHeader("Content-Type") ?? ""), cookie: req.headers.cookie });
        if (cacheControl) res.setHeader("Cache-Control", cacheControl);
      });
      next();
    };
    if (builtHeaders) withHeaders(builtHeaders);
    else /** @type {() => Promise<ServerBuild>} */ (build)().then((loaded) => withHeaders(headersOf(loaded)), next);
  });
  app.use(compression(COMPRESSION));
  app.use(assets);
  // The client's address, for rate limits (behind a reverse proxy, set TRUST_PROXY),
  // and for a document request (not /path.data) the map of HTML its render takes from the loaders
  // instead of their data (app/utils/html-fragments.ts).
  const getLoadContext = (/** @type {import("express").Request} */ req, /** @type {import("express").Response} */ res) => ({
    clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
    htmlFragments: req.path.endsWith(".data") ? undefined : new Map(),
    cspNonce: /** @type {string} */ (res.locals.cspNonce),
  });
  // Remix refuses a write whose Origin is not this host by throwing (a 500 without a message). The
  // app refuses cross-site writes itself, with a 403 in the user's language (readForm in
  // app/utils/forms.server.ts): such a request goes on without its Origin, marked cross-site.
  app.use((req, _res, next) => {
    const forwarded = req.headers["x-forwarded-host"];
    if (isForeignWrite(req.method, req.headers.origin, Array.isArray(forwarded) ? forwarded[0] : forwarded, req.headers.host)) {
      delete req.headers.origin;
      req.headers["sec-fetch-site"] = "cross-site";
    }
    next();
  });
  app.all("*", createRequestHandler({ build, mode: development ? "development" : "production", getLoadContext }));
  return app;
}

/** The built app's files: build/client/assets, precompressed, and the public folder's files by their known paths. */
async function staticAssets() {
  const [{ default: express }, { default: expressStaticGzip }] = await Promise.all([import("express"), import("express-static-gzip")]);
  const router = express.Router();
  // The build wrote .br and .gz beside each script and stylesheet (scripts/precompress-assets.ts):
  // they are sent as they are, and compression() leaves a response with a Content-Encoding alone.
  router.use("/assets", expressStaticGzip(path.join(CLIENT, "assets"), { enableBrotli: true, orderPreference: ["br", "gz"], serveStatic: { immutable: true, maxAge: "1y" } }));
  // The public folder's files (favicon…) sit beside /assets in build/client. Only their paths go to
  // the disk: express.static would otherwise look every page's path up there first, and a miss
  // costs a stat and an error object per request (~5 % of a lesson page's CPU).
  const publicFiles = new Set(
    fs
      .readdirSync(CLIENT, { recursive: true, encoding: "utf8" })
      .filter((file) => !file.startsWith("assets") && fs.statSync(path.join(CLIENT, file)).isFile())
      .map((file) => `/${file.split(path.sep).join("/")}`),
  );
  const servePublicFile = express.static(CLIENT, { maxAge: "1h", index: false });
  router.use((req, res, next) => (publicFiles.has(req.path) ? servePublicFile(req, res, next) : next()));
  return router;
}

/** @typedef {import("@remix-run/node").ServerBuild} ServerBuild */
/** @typedef {typeof import("../app/security/security-headers.server")} SecurityHeadersModule */

/**
 * TRUST_PROXY as Express's "trust proxy" setting: a number of proxies, or their addresses.
 * @param {string} value
 * @returns {number | string}
 */
export function trustProxy(value) {
  return /^\d+$/.test(value) ? Number(value) : value;
}

/**
 * A write (not GET or HEAD) whose Origin is not this host by Remix's own test (the forwarded Host,
 * else Host): Remix would throw on it, so it goes on without its Origin, marked cross-site.
 * Exported for tests/helpers/app.ts, which answers in-process requests the same way.
 * @param {string} method
 * @param {string | undefined | null} origin
 * @param {string | undefined | null} forwardedHost
 * @param {string | undefined | null} host
 */
export function isForeignWrite(method, origin, forwardedHost, host) {
  if (origin === undefined || origin === null || method === "GET" || method === "HEAD") return false;
  const expected = forwardedHost?.split(",")[0]?.trim() || host;
  try {
    return origin === "null" || new URL(origin).host !== expected;
  } catch {
    return true;
  }
}

// A cluster worker started with this file as its entry (scripts/start.js) serves.
if (cluster.isWorker && process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void serve();
