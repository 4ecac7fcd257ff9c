/**
 * The whole app in-process: Remix's request handler over a server build assembled from the same
 * route files the Vite plugin reads (its flat-routes convention and remix.config.js's ignore list),
 * so that a test gets what the browser would — rendered HTML with the error boundary, `.data`
 * (single fetch), file downloads — without building. Client assets are placeholders: pages render,
 * they do not hydrate.
 */
import path from "node:path";
import { UNSAFE_flatRoutes as flatRoutes } from "@remix-run/dev";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import remixOptions from "../../remix.config.js";
import { isForeignWrite } from "../../scripts/serve.js";

const APP_DIR = path.resolve("app");

export type AppRoute = { id: string; parentId?: string; path?: string; index?: boolean; file: string };

/** The app's routes as Remix's Vite plugin finds them (root first). */
export function listRoutes(): AppRoute[] {
  const manifest = flatRoutes(APP_DIR, remixOptions.ignoredRouteFiles ?? []) as Record<string, AppRoute>;
  return [{ id: "root", path: "", file: "root.tsx" }, ...Object.values(manifest).map((route) => ({ ...route, parentId: route.parentId ?? "root" }))];
}

let handler: ((request: Request, context?: Record<string, unknown>) => Promise<Response>) | undefined;

async function buildApp(): Promise<ServerBuild> {
  const routes = listRoutes();
  const modules = await Promise.all(routes.map((route) => import(/* @vite-ignore */ path.join(APP_DIR, route.file))));
  const entry = await import("~/entry.server");
  const serverRoutes: ServerBuild["routes"] = {};
  const assetRoutes: ServerBuild["assets"]["routes"] = {};
  routes.forEach((route, i) => {
    const module = modules[i];
    const { file: _file, ...shape } = route;
    serverRoutes[route.id] = { ...shape, module };
    assetRoutes[route.id] = {
      ...shape,
      module: `/assets/${route.id}.js`,
      hasAction: "action" in module,
      hasLoader: "loader" in module,
      hasClientAction: false,
      hasClientLoader: false,
      hasErrorBoundary: "ErrorBoundary" in module,
    };
  });
  return {
    mode: "production",
    entry: { module: entry },
    routes: serverRoutes,
    assets: { entry: { module: "/assets/entry.client.js", imports: [] }, routes: assetRoutes, url: "/assets/manifest.js", version: "test" },
    publicPath: "/",
    assetsBuildDirectory: "build/client",
    future: remixOptions.future as ServerBuild["future"],
    isSpaMode: false,
  } as ServerBuild;
}

/**
 * Answers `request` as the server does: scripts/serve.js's treatment of a write from another
 * Origin, and the same load context.
 */
export async function fetchApp(request: Request, clientAddress = "127.0.0.1"): Promise<Response> {
  handler ??= createRequestHandler(await buildApp(), "production");
  const url = new URL(request.url);
  const { headers } = request;
  if (isForeignWrite(request.method, headers.get("Origin"), headers.get("X-Forwarded-Host"), headers.get("Host") ?? url.host)) {
    const marked = new Headers(headers);
    marked.delete("Origin");
    marked.set("Sec-Fetch-Site", "cross-site");
    request = new Request(request, { headers: marked });
  }
  return handler(request, { clientAddress, htmlFragments: url.pathname.endsWith(".data") ? undefined : new Map() });
}
