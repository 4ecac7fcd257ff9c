import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { z } from "zod";
import { forgetEnv } from "./env.server";
import { CSRF_FIELD, getCsrfToken, MAX_FORM_BYTES, readForm, validateForm } from "./forms.server";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trag-forms-"));
beforeAll(() => {
  // The CSRF cookie is signed with SESSION_SECRET; set here so nothing is written outside the temp folder.
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("SESSION_SECRET", "a-test-secret-that-is-long-enough-0123456789");
  vi.stubEnv("PUBLIC_URL", "http://localhost:3000");
  // The unit project shares modules between test files (vitest.config.ts): an earlier file may have cached getEnv().
  forgetEnv();
});
afterAll(() => {
  vi.unstubAllEnvs();
  forgetEnv();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function csrfPair() {
  const { token, setCookie } = await getCsrfToken(new Request("http://localhost:3000/"));
  return { token, cookie: setCookie!.split(";")[0] };
}

function formRequest(body: string, headers: Record<string, string>) {
  return new Request("http://localhost:3000/x", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers }, body });
}

async function statusOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return { status: error.status, body: await error.text() };
    throw error;
  }
  return { status: 200, body: "" };
}

describe("getCsrfToken", () => {
  test("issues a random token in a signed, HttpOnly cookie, and reads it back", async () => {
    const first = await csrfPair();
    const other = await csrfPair();
    expect(first.token).not.toBe(other.token);
    expect(first.token.length).toBeGreaterThanOrEqual(32);
    const again = await getCsrfToken(new Request("http://localhost:3000/", { headers: { Cookie: first.cookie } }));
    expect(again).toEqual({ token: first.token, setCookie: null });
  });

  test("a cookie with a forged signature is not accepted", async () => {
    const { cookie } = await csrfPair();
    const forged = cookie.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    const result = await getCsrfToken(new Request("http://localhost:3000/", { headers: { Cookie: forged } }));
    expect(result.setCookie).not.toBeNull();
  });
});

describe("readForm", () => {
  test("returns the form when the token matches the cookie", async () => {
    const { token, cookie } = await csrfPair();
    const form = await readForm(formRequest(`${CSRF_FIELD}=${token}&name=Ana`, { Cookie: cookie }));
    expect(form.get("name")).toBe("Ana");
  });

  test("403 when the token is missing, wrong, or belongs to another cookie", async () => {
    const mine = await csrfPair();
    const theirs = await csrfPair();
    expect(await statusOf(readForm(formRequest("name=Ana", { Cookie: mine.cookie })))).toEqual({ status: 403, body: "errors.form.csrf" });
    expect((await statusOf(readForm(formRequest(`csrf=nope&name=Ana`, { Cookie: mine.cookie })))).status).toBe(403);
    expect((await statusOf(readForm(formRequest(`csrf=${theirs.token}`, { Cookie: mine.cookie })))).status).toBe(403);
    expect((await statusOf(readForm(formRequest(`csrf=${mine.token}`, {})))).status).toBe(403);
  });

  test("413 when the declared or the actual size is over the limit", async () => {
    const { token, cookie } = await csrfPair();
    expect(await statusOf(readForm(formRequest(`csrf=${token}`, { Cookie: cookie, "Content-Length": String(MAX_FORM_BYTES + 1) })))).toEqual({ status: 413, body: "errors.form.tooLarge" });
    expect((await statusOf(readForm(formRequest(`csrf=${token}&x=${"a".repeat(MAX_FORM_BYTES)}`, { Cookie: cookie })))).status).toBe(413);
    expect((await statusOf(readForm(formRequest(`csrf=${token}&x=${"a".repeat(200)}`, { Cookie: cookie }), 100))).status).toBe(413);
  });
});

describe("validateForm", () => {
  const schema = z.object({ name: z.string().min(1, "errors.field.required"), password: z.string().min(10, "errors.password.short"), age: z.coerce.number().int("errors.age") });

  test("returns typed data when valid", () => {
    const form = new FormData();
    form.set("name", "Ana");
    form.set("password", "long enough!");
    form.set("age", "40");
    expect(validateForm(form, schema)).toEqual({ ok: true, data: { name: "Ana", password: "long enough!", age: 40 } });
  });

  test("returns the first message per field and the values without passwords or the CSRF token", () => {
    const form = new FormData();
    form.set("name", "");
    form.set("password", "short");
    form.set("age", "4.5");
    form.set("csrf", "token");
    form.set("newPassword", "secret");
    expect(validateForm(form, schema)).toEqual({
      ok: false,
      errors: { name: "errors.field.required", password: "errors.password.short", age: "errors.age" },
      values: { name: "", age: "4.5" },
    });
  });

  test("ignores uploaded files", () => {
    const form = new FormData();
    form.set("name", new Blob(["x"]), "x.txt");
    const result = validateForm(form, schema);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.values).not.toHaveProperty("name");
  });
});
