/**
 * Options for the Remix Vite plugin, kept beside vite.config.ts so that the Remix
 * settings read in one place (see docs/decisions/0001-remix-config-beside-vite.md).
 * @type {import("@remix-run/dev").VitePluginConfig}
 */
export default {
  ignoredRouteFiles: ["**/*.test.ts", "**/*.test.tsx", "**/.*"],
  serverModuleFormat: "esm",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
  },
};
