import { vitePlugin as remix } from "@remix-run/dev";
import path from "node:path";
import { defineConfig, type Plugin } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import remixOptions from "./remix.config.js";
import { precompressAssets } from "./scripts/precompress-assets";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/**
 * The credential verifier has two entries of its own beside build/server/index.js: its worker threads
 * load build/server/verifier-worker.js (app/certificates/verifier-pool.server.ts finds it there), only
 * the verifier's modules, not the whole app; and scripts/start.js, the primary process that runs the
 * pool for the serving processes, loads build/server/verifier-pool.js, the pool alone.
 */
function verifierEntries(): Plugin {
  return {
    name: "trag-verifier-entries",
    apply: "build",
    buildStart() {
      this.emitFile({ type: "chunk", id: path.resolve("app/certificates/verifier-worker.server.ts"), fileName: "verifier-worker.js" });
      this.emitFile({ type: "chunk", id: path.resolve("app/certificates/verifier-pool.server.ts"), fileName: "verifier-pool.js" });
    },
  };
}

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [remix(remixOptions), tsconfigPaths(), precompressAssets(), ...(isSsrBuild ? [verifierEntries()] : [])],
  // The browser's JavaScript: terser packs it ~5 % tighter than esbuild (bench/changes.md). The
  // server build stays unminified, so that its stack traces stay readable.
  // The Vite manifest (which files a route loads) is for the bench's page weights; Remix moves it out of the served folder, to build/.vite/.
  build: isSsrBuild ? {} : { minify: "terser" as const, target: "es2022", manifest: true },
  ssr: { external: ["better-sqlite3", "@node-rs/argon2"] },
  // Vite's dependency scan for the browser follows the routes into their .server modules (Remix
  // removes those only when it transforms a route): argon2's browser entry needs a WebAssembly
  // package that is not installed, and failing to bundle it left every page unhydrated in `npm run dev`.
  optimizeDeps: { exclude: ["@node-rs/argon2"] },
  server: { port: 3000 },
}));
