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
    // What the browser follows after resolving, not the string as given.
    ["/./\\evil.example", "/"],
    ["/.//evil.example", "/"],
    ["/a/..//evil.example", "/"],
    ["/a/../\\evil.example", "/"],
    ["/%2e/%2e%2e//evil.example", "/"],
    ["/..//evil.example", "/"],
    ["/courses/../my-learning", "/my-learning"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/%5C%5Cevil.example", "/%5C%5Cevil.example"],
    ["/\u0085/evil.example", "/%C2%85/evil.example"],
    ["/курсеви?q=ћ#ж", "/%D0%BA%D1%83%D1%80%D1%81%D0%B5%D0%B2%D0%B8?q=%D1%9B#%D0%B6"],
    ["courses", "/"],
    ["", "/"],
    [null, "/"],
    [undefined, "/"],
  ])("%j → %j", (to, expected) => {
    expect(safeRedirect(to)).toBe(expected);
  });

  test("every accepted target stays on the site's origin and fits in a header", () => {
    const origin = "http://localhost:3000";
    for (const to of ["/./\\x", "/.//x", "/a/../\\x", "/\\/x", "/Ћ", "/%00", "/a?b=//c", "/#//x", "/..%2f..%2f/x"]) {
      const result = safeRedirect(to, "/", origin);
      expect(new URL(result, origin).origin).toBe(origin);
      expect(() => new Headers({ Location: result })).not.toThrow();
    }
  });

  test("refuses a target longer than any path of the site", () => {
    expect(safeRedirect(`/${"a".repeat(3000)}`)).toBe("/");
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
