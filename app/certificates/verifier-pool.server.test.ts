import { describe, expect, test } from "vitest";
import { checkCredentialShape, MAX_CREDENTIAL_BYTES, MAX_CREDENTIAL_DEPTH, MAX_CREDENTIAL_VALUES } from "./verifier-pool.server";

describe("checkCredentialShape", () => {
  test("counts UTF-8 bytes, not characters", () => {
    expect(checkCredentialShape(JSON.stringify({ name: "a".repeat(MAX_CREDENTIAL_BYTES - 20) }))).toBe("ok");
    expect(checkCredentialShape(JSON.stringify({ name: "š".repeat(MAX_CREDENTIAL_BYTES / 2) }))).toBe("tooLarge");
  });

  test("counts every value: objects, arrays and what they hold", () => {
    // The object, the array and its numbers.
    const withNumbers = (n: number) => JSON.stringify({ list: Array.from({ length: n }, () => 0) });
    expect(checkCredentialShape(withNumbers(MAX_CREDENTIAL_VALUES - 2))).toBe("ok");
    expect(checkCredentialShape(withNumbers(MAX_CREDENTIAL_VALUES - 1))).toBe("tooComplex");
  });

  test("refuses deep nesting without overflowing the stack", () => {
    const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
    expect(checkCredentialShape(nested(MAX_CREDENTIAL_DEPTH + 1))).toBe("ok");
    expect(checkCredentialShape(nested(MAX_CREDENTIAL_DEPTH + 2))).toBe("tooComplex");
    expect(checkCredentialShape(nested(10_000))).toBe("tooComplex");
  });

  test("text that is not JSON is left to the verifier's report", () => {
    expect(checkCredentialShape("this is not JSON")).toBe("ok");
  });
});
