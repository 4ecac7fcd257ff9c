import fs from "node:fs";
import http from "node:http";
import zlib from "node:zlib";
import { beforeAll, describe, expect, inject, test } from "vitest";
import { baseURL, t, uniqueEmail } from "./browser";

// Status codes through the real server: request handler, root loader, error boundary.

/** A minimal cookie-keeping client for the running server. */
class Client {
  private cookies = new Map<string, string>();

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set("Cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(new URL(path, baseURL()), { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      if (/max-age=0/i.test(line)) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return response;
  }

  /** The CSRF token of the page's forms (and its cookie, kept by the client). */
  async csrf(path = "/login"): Promise<string> {
    const html = await (await this.request(path)).text();
    const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!token) throw new Error(`no CSRF field on ${path}`);
    return token;
  }

  post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
    return this.request(path, { method: "POST", body: new URLSearchParams(fields), headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers } });
  }
}

describe("GET /healthz", () => {
  test("is 200 with the database and the number of courses", async () => {
    const coursesDir = inject("coursesDir");
    const courses = fs.readdirSync(coursesDir, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith(".")).length;
    const response = await fetch(`${baseURL()}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok", db: "ok", courses });
  });
});

describe("error statuses", () => {
  let learner: Client;

  beforeAll(async () => {
    learner = new Client();
    const email = uniqueEmail("http");
    const response = await learner.post("/register", {
      csrf: await learner.csrf("/register"),
      fullName: "Http Learner",
      email,
      password: "a long enough password",
      institutionType: "other",
      language: "en",
    });
    expect(response.status).toBe(302);
  });

  test.each([
    ["/courses/no-such-course", "errors.course.unknown"],
    ["/courses/fixture-course/no-such-module", "errors.module.unknown"],
    ["/courses/fixture-course/basics/no-such-lesson", "errors.lesson.unknown"],
    ["/courses/fixture-course/timed/first-lesson", "errors.lesson.unknown"],
    ["/courses/no-such-course/glossary", "errors.course.unknown"],
    ["/no/such/page", null],
  ])("%s is a 404 page, never a 500", async (path, detail) => {
    const response = await learner.request(path);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain(`<html lang="en"`);
    expect(html).toContain(t("en", "errors.status.404.title"));
    if (detail) expect(html).toContain(t("en", detail));
  });

  test("the data request of a client-side navigation to unknown content is a 404 too", async () => {
    const response = await learner.request("/courses/no-such-course.data");
    expect(response.status).toBe(404);
  });

  test("a form without the CSRF token is a 403 page", async () => {
    const response = await learner.post("/courses/fixture-course/basics/first-lesson", { intent: "complete" });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain(t("en", "errors.form.csrf"));
    const lesson = await (await learner.request("/courses/fixture-course/basics/first-lesson")).text();
    expect(lesson).toContain(t("en", "lesson.markComplete"));
  });

  test.each([
    ["another site's Origin", "https://evil.example", "en", "en"],
    ["Origin: null", "null", "en", "en"],
    ["a malformed Origin", "not a url", "en", "en"],
    ["another site's Origin, in Serbian", "https://evil.example", "sr-Latn,sr;q=0.9", "sr-Latn"],
  ] as const)("a form posted with %s is a 403 page saying so in the user's language, not a 500", async (_name, origin, acceptLanguage, language) => {
    const client = new Client();
    const csrf = await client.csrf();
    const response = await client.post("/login", { csrf, email: "learner@trag.test", password: "learner-demo-2026" }, { Origin: origin, "Accept-Language": acceptLanguage });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain(t(language, "errors.form.crossSite"));
    expect(response.headers.getSetCookie().some((c) => c.startsWith("trag_session="))).toBe(false);
  });

  test("a form posted with this site's own Origin is accepted", async () => {
    const client = new Client();
    const csrf = await client.csrf();
    const response = await client.post("/login", { csrf, email: "learner@trag.test", password: "learner-demo-2026" }, { Origin: new URL(baseURL()).origin });
    expect(response.status).toBe(302);
  });

  test("a locked account's 429 carries Retry-After to the client", async () => {
    const client = new Client();
    const email = uniqueEmail("locked");
    let response: Response | undefined;
    for (let i = 0; i < 11; i++) response = await client.post("/login", { csrf: await client.csrf(), email, password: `guess ${i}` });
    expect(response!.status).toBe(429);
    expect(Number(response!.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await response!.text()).toContain(t("en", "errors.login.tooMany"));
  });

  test("an oversized form is a 413 page", async () => {
    const client = new Client();
    const csrf = await client.csrf();
    const response = await client.post("/login", { csrf, email: "a@example.test", password: "x".repeat(70 * 1024) });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain(t("en", "errors.status.413.title"));
  });

  test("a wrong password is answered without saying which part was wrong", async () => {
    const client = new Client();
    const response = await client.post("/login", { csrf: await client.csrf(), email: "learner@trag.test", password: "not the demo password" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(t("en", "errors.login.incorrect"));
  });
});

describe("<html lang>", () => {
  test.each([
    ["en", "en"],
    ["sr-Latn,en;q=0.5", "sr-Latn"],
    ["sr-Cyrl-RS", "sr-Cyrl"],
  ] as const)("Accept-Language %s renders lang=%s with that language's strings", async (header, language) => {
    const response = await fetch(`${baseURL()}/courses`, { headers: { "Accept-Language": header } });
    const html = await response.text();
    expect(html).toContain(`<html lang="${language}"`);
    expect(html).toContain(`<h1>${t(language, "catalogue.title")}</h1>`);
  });
});

describe("scripts and stylesheets", () => {
  /** The raw response, as node:http gives it (fetch would decode the body). */
  function rawGet(path: string, acceptEncoding: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      http
        .get(new URL(path, baseURL()), { headers: { "accept-encoding": acceptEncoding } }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        })
        .on("error", reject);
    });
  }

  test("are sent compressed at build time, brotli or gzip as the client accepts, with the same content", async () => {
    const page = await (await fetch(new URL("/login", baseURL()))).text();
    const script = /<script type="module"[^>]*>[^<]*import\("([^"]+entry\.client[^"]+\.js)"\)/.exec(page)?.[1] ?? /"(\/assets\/entry\.client-[^"]+\.js)"/.exec(page)?.[1];
    expect(script).toMatch(/^\/assets\/entry\.client-.+\.js$/);
    const plain = await rawGet(script!, "identity");
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["cache-control"]).toContain("immutable");

    const br = await rawGet(script!, "gzip, deflate, br");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-type"]).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(zlib.brotliDecompressSync(br.body).equals(plain.body)).toBe(true);

    const gzip = await rawGet(script!, "gzip");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(gzip.body.length);
    expect(gzip.body.length).toBeLessThan(plain.body.length);
  });

  test("an unknown asset is a 404", async () => {
    expect((await rawGet("/assets/no-such-file.js", "br")).status).toBe(404);
  });

  test("the public folder's files are served from their paths, and only those", async () => {
    const favicon = await rawGet("/favicon.svg", "identity");
    expect(favicon.status).toBe(200);
    expect(favicon.headers["content-type"]).toBe("image/svg+xml");
    expect(favicon.body.toString("utf8")).toContain("<svg");
    expect((await rawGet("/favicon.png", "identity")).status).toBe(404);
  });
});
