import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { baseURL, launchBrowser, logIn, newContext, open, registerLearner } from "./browser";

// The security headers of every response (scripts/serve.js, app/security/security-headers.server.ts),
// and the main pages of every role in a real browser under the Content-Security-Policy.

const LESSON = "/courses/fixture-course/basics/basics-case";

async function get(path: string, headers: Record<string, string> = {}) {
  return fetch(new URL(path, baseURL()), { headers, redirect: "manual" });
}

/** The nonce in a response's Content-Security-Policy. */
function nonceOf(response: Response): string {
  const nonce = /'nonce-([^']+)'/.exec(response.headers.get("Content-Security-Policy") ?? "")?.[1];
  if (!nonce) throw new Error(`no nonce in ${response.headers.get("Content-Security-Policy")}`);
  return nonce;
}

describe("headers", () => {
  test("a page has the policy, and every inline script carries this response's nonce", async () => {
    const response = await get("/courses");
    const policy = response.headers.get("Content-Security-Policy") ?? "";
    for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'self'"]) expect(policy).toContain(directive);
    expect(policy).not.toContain("unsafe-inline");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    // PUBLIC_URL is http://… in the tests: no HSTS (app/security/security-headers.server.test.ts covers https).
    expect(response.headers.get("Strict-Transport-Security")).toBeNull();
    const nonce = nonceOf(response);
    const scripts = [...(await response.text()).matchAll(/<script\b([^>]*)>/g)].map((match) => match[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
  });

  test("each response has its own nonce", async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) nonces.add(nonceOf(await get("/login")));
    expect(nonces.size).toBe(3);
  });

  test("scripts, page data, errors and resource routes have the headers too; a route's own CSP stays", async () => {
    const html = await (await get("/login")).text();
    const asset = /src="(\/assets\/[^"]+\.js)"|href="(\/assets\/[^"]+\.css)"/.exec(html);
    const paths = [asset?.[1] ?? asset?.[2] ?? "", "/courses.data", "/no-such-page", "/healthz", "/favicon.svg"];
    for (const path of paths) {
      const response = await get(path);
      expect(response.headers.get("X-Content-Type-Options"), path).toBe("nosniff");
      expect(response.headers.get("Content-Security-Policy"), path).toContain("frame-ancestors 'none'");
    }
    const image = await get("/courses/fixture-course/images/no-such-image.png");
    if (image.status === 200) expect(image.headers.get("Content-Security-Policy")).toBe("default-src 'none'; style-src 'unsafe-inline'");
  });

  test("a signed-in user's pages and page data are private, no-store; an anonymous page is not", async () => {
    expect((await get("/courses")).headers.get("Cache-Control") ?? "").not.toContain("no-store");
    const form = await get("/login");
    const cookies = form.headers.getSetCookie().map((line) => line.split(";")[0]);
    const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? "";
    const login = await fetch(new URL("/login", baseURL()), {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies.join("; ") },
      body: new URLSearchParams({ csrf, email: "learner@trag.test", password: "learner-demo-2026" }),
    });
    expect(login.status).toBe(302);
    const session = login.headers.getSetCookie().map((line) => line.split(";")[0]);
    const cookie = [...cookies, ...session].join("; ");
    for (const path of ["/my-learning", "/courses", "/courses.data", "/my-learning.data"]) {
      const response = await get(path, { Cookie: cookie });
      expect(response.status, path).toBe(200);
      expect(response.headers.get("Cache-Control"), path).toBe("private, no-store");
    }
  });
});

describe("no page logs a Content-Security-Policy violation", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Opens each path (waiting until React has hydrated, which needs every script) and returns the violations seen. */
  async function visit(paths: string[], signIn?: (page: Page) => Promise<void>): Promise<string[]> {
    const context = await newContext(browser);
    const violations: string[] = [];
    try {
      const page = await context.newPage();
      page.on("console", (message) => {
        if (/content security policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
      });
      page.on("pageerror", (error) => violations.push(`${page.url()}: ${error.message}`));
      // Reported by the browser to the page itself; this script is Playwright's, outside the policy.
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (event) => {
          const seen = ((window as unknown as { __csp?: string[] }).__csp ??= []);
          seen.push(`${event.violatedDirective} ${event.blockedURI}`);
        });
      });
      const collect = async () => {
        for (const seen of await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])) violations.push(`${page.url()}: ${seen}`);
      };
      if (signIn) await signIn(page);
      for (const path of paths) {
        await open(page, path);
        await collect();
      }
      // A client-side navigation: route modules and page data fetched by the running app.
      await open(page, paths[0]);
      const link = page.locator('header a[href="/courses"]').first();
      await link.click();
      await page.waitForURL((url) => url.pathname === "/courses");
      await page.locator("h1").waitFor();
      await collect();
    } finally {
      await context.close();
    }
    return violations;
  }

  test("anonymous: home, catalogue, login, verification, search", async () => {
    expect(await visit(["/", "/courses", "/login", "/verify", "/search?q=practice"])).toEqual([]);
  });

  test("a learner: My learning, a course, a lesson, the account", async () => {
    const paths = ["/my-learning", "/courses/fixture-course", LESSON, "/account"];
    expect(
      await visit(paths, async (page) => {
        await registerLearner(page);
      }),
    ).toEqual([]);
  });

  test("a trainer: groups and a new group", async () => {
    const paths = ["/trainer/groups", "/trainer/groups/new"];
    expect(await visit(paths, (page) => logIn(page, "trainer@trag.test", "trainer-demo-2026"))).toEqual([]);
  });

  test("a reviewer: the statistics", async () => {
    const paths = ["/statistics", "/statistics/groups"];
    expect(await visit(paths, (page) => logIn(page, "reviewer@trag.test", "reviewer-demo-2026"))).toEqual([]);
  });

  test("an admin: users, certificates, audit log, outbox", async () => {
    const paths = ["/admin/users", "/admin/certificates", "/admin/audit", "/admin/outbox"];
    expect(await visit(paths, (page) => logIn(page, "admin@trag.test", "admin-demo-2026"))).toEqual([]);
  });
});
