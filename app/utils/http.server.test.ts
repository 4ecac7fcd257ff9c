import { describe, expect, test } from "vitest";
import { invariantResponse, safeRedirect } from "./http.server";

describe("safeRedirect", () => {
  test.each([
    ["/courses", "/courses"],
    ["/courses/x?y=1#z", "/courses/x?y=1#z"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example/", "/"],
    ["javascript:alert(1)", "/"],
    ["/\t/evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["/\r\n/evil.example", "/"],
    ["/courses\u0000", "/"],
    ["/courses/a%09b", "/courses/a%09b"],
    ["courses", "/"],
    ["", "/"],
    [null, "/"],
    [undefined, "/"],
  ])("%j → %j", (to, expected) => {
    expect(safeRedirect(to)).toBe(expected);
  });

  test("uses the given fallback", () => {
    expect(safeRedirect("//x", "/my-learning")).toBe("/my-learning");
  });
});

describe("invariantResponse", () => {
  test("throws a plain-text response with the message key and status", async () => {
    let thrown: unknown;
    try {
      invariantResponse(false, "errors.lesson.unknown", 404);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Response);
    const response = thrown as Response;
    expect(response.status).toBe(404);
    expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(await response.text()).toBe("errors.lesson.unknown");
  });

  test("does nothing when the condition holds and defaults to 400", () => {
    expect(() => invariantResponse(1, "x")).not.toThrow();
    try {
      invariantResponse(0, "x");
    } catch (error) {
      expect((error as Response).status).toBe(400);
    }
  });
});
