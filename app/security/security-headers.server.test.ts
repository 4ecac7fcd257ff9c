import { describe, expect, test } from "vitest";
import { createCspNonce, privateCacheControl, securityHeaders } from "./security-headers.server";

describe("securityHeaders", () => {
  test("the policy allows scripts from the site and with the nonce only, and no framing, plugins, base or foreign form targets", () => {
    const policy = securityHeaders({ nonce: "abc", publicUrl: "http://localhost:3000" })["Content-Security-Policy"];
    expect(policy).toContain("script-src 'self' 'nonce-abc'");
    for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'self'"]) expect(policy).toContain(directive);
    expect(policy).not.toContain("unsafe-inline");
  });

  test("in development (npm run dev) only inline styles are allowed besides: scripts keep the nonce rule", () => {
    const policy = securityHeaders({ nonce: "abc", publicUrl: "http://localhost:3000", development: true })["Content-Security-Policy"];
    expect(policy).toContain("style-src 'self' 'unsafe-inline'");
    expect(policy).toContain("script-src 'self' 'nonce-abc'");
    expect(policy.replace("style-src 'self' 'unsafe-inline'", "style-src 'self'")).toBe(securityHeaders({ nonce: "abc", publicUrl: "http://localhost:3000" })["Content-Security-Policy"]);
  });

  test("HSTS only when the public address is HTTPS", () => {
    expect(securityHeaders({ nonce: "n", publicUrl: "http://localhost:3000" })).not.toHaveProperty("Strict-Transport-Security");
    expect(securityHeaders({ nonce: "n", publicUrl: "https://trag.example.rs" })["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
  });

  test("nonces are fresh and long enough not to be guessed", () => {
    const nonces = new Set(Array.from({ length: 100 }, createCspNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

describe("privateCacheControl", () => {
  const signedIn = "trag_csrf=x; trag_session=abc";
  test("pages and page data of a request with a session cookie are private, no-store", () => {
    expect(privateCacheControl({ path: "/my-learning", contentType: "text/html; charset=utf-8", cookie: signedIn })).toBe("private, no-store");
    expect(privateCacheControl({ path: "/my-learning.data", contentType: "text/x-script", cookie: signedIn })).toBe("private, no-store");
  });

  test("anonymous pages, and other responses, keep the route's own", () => {
    expect(privateCacheControl({ path: "/courses", contentType: "text/html", cookie: "trag_csrf=x" })).toBeNull();
    expect(privateCacheControl({ path: "/courses", contentType: "text/html", cookie: undefined })).toBeNull();
    expect(privateCacheControl({ path: "/locales/en/common", contentType: "application/json", cookie: signedIn })).toBeNull();
    expect(privateCacheControl({ path: "/x", contentType: "text/html", cookie: "not_trag_session=1" })).toBeNull();
  });
});
