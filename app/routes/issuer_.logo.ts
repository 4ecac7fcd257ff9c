import { getEnv } from "~/utils/env.server";

/**
 * The issuer's logo (ISSUER_LOGO), for the verification page and the issuer profile. An SVG could
 * carry script when opened on its own, hence a policy that lets nothing run.
 */
export function loader() {
  const { logo } = getEnv().ISSUER;
  if (!logo) return new Response("errors.status.404.title", { status: 404 });
  return new Response(new Uint8Array(logo.bytes), {
    headers: {
      "Content-Type": logo.type === "png" ? "image/png" : "image/svg+xml",
      "Cache-Control": "public, max-age=3600",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
      "X-Content-Type-Options": "nosniff",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
