// The app's Vite config with the Vite manifest kept (build/client/.vite/manifest.json),
// which the page-weight scenario reads. The emitted assets are the same as `npm run build`.
import { defineConfig, mergeConfig } from "vite";
import base from "../vite.config";

export default defineConfig((env) => mergeConfig(base(env), { build: { manifest: true } }));
