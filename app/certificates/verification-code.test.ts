import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { CODE_ALPHABET, CODE_BITS, CODE_LENGTH, VerificationCodeSchema, formatVerificationCode, generateVerificationCode, isWellFormedCode, normalizeVerificationCode } from "./verification-code";

const randomCode = () => generateVerificationCode(crypto.getRandomValues(new Uint8Array(16)));

describe("verification codes", () => {
  it("carry at least 80 random bits in an alphabet without look-alikes", () => {
    expect(CODE_BITS).toBeGreaterThanOrEqual(80);
    expect(CODE_ALPHABET).toHaveLength(new Set(CODE_ALPHABET).size);
    expect(CODE_ALPHABET).not.toMatch(/[01OILU]/);
    const code = randomCode();
    expect(code).toHaveLength(CODE_LENGTH);
    expect(isWellFormedCode(code)).toBe(true);
  });

  it("depend on every input byte and are deterministic", () => {
    const bytes = new Uint8Array(16).fill(7);
    const code = generateVerificationCode(bytes);
    expect(generateVerificationCode(bytes.slice())).toBe(code);
    for (let i = 0; i < 16; i++) {
      const changed = bytes.slice();
      changed[i] ^= 1;
      expect(generateVerificationCode(changed)).not.toBe(code);
    }
  });

  it("use every symbol of the alphabet", () => {
    const seen = new Set(Array.from({ length: 50 }, randomCode).join(""));
    expect([...seen].sort().join("")).toBe([...CODE_ALPHABET].sort().join(""));
  });

  it("refuse too few random bytes", () => {
    expect(() => generateVerificationCode(new Uint8Array(9))).toThrow(RangeError);
  });

  it("format in groups of four and normalize back", () => {
    const code = randomCode();
    const formatted = formatVerificationCode(code);
    expect(formatted).toMatch(/^([2-9A-Z]{4}-){4}[2-9A-Z]{4}$/);
    expect(normalizeVerificationCode(formatted)).toBe(code);
    expect(formatVerificationCode(formatted)).toBe(formatted);
  });

  it("ignore case, spaces and dashes when normalizing", () => {
    const code = "K7QM3XPT9HCD2RWFEV4A";
    for (const typed of ["k7qm-3xpt-9hcd-2rwf-ev4a", " K7QM 3XPT 9HCD 2RWF EV4A ", "k7QM–3xpt—9hcd 2rwf-ev4a", "K7QM3XPT9HCD2RWFEV4A"]) {
      expect(normalizeVerificationCode(typed)).toBe(code);
      expect(isWellFormedCode(typed)).toBe(true);
      expect(VerificationCodeSchema.parse(typed)).toBe(code);
    }
  });

  it("read Cyrillic look-alike letters as Latin", () => {
    // К, М, Т, Х, С, Е, А typed on a Serbian Cyrillic keyboard
    expect(normalizeVerificationCode("К7QМ-3ХРТ-9НСD-2RWF-ЕV4А")).toBe("K7QM3XPT9HCD2RWFEV4A");
  });

  it("reject ambiguous characters and wrong lengths instead of guessing", () => {
    expect(isWellFormedCode("K7QM-3XPT-9HCD-2RWF-EV4O")).toBe(false);
    expect(isWellFormedCode("K7QM-3XPT-9HCD-2RWF-EV41")).toBe(false);
    expect(isWellFormedCode("K7QM-3XPT-9HCD-2RWF-EV4")).toBe(false);
    expect(isWellFormedCode("K7QM-3XPT-9HCD-2RWF-EV4AB")).toBe(false);
    expect(isWellFormedCode("")).toBe(false);
    expect(VerificationCodeSchema.safeParse("not a code").success).toBe(false);
  });
});
