import { z } from "zod";

/**
 * Verification codes are printed on certificates and typed back in by people, so the
 * alphabet leaves out every character that is easily misread: 0 O 1 I L, and U (Crockford's
 * rule against accidental words). What remains is 30 symbols; 20 of them carry
 * log2(30^20) ≈ 98 bits. Because 0 and 1 are absent, there is nothing for O, I or L to be
 * mapped to: they make a code ill-formed instead of being silently "corrected".
 */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 20;
const GROUP_SIZE = 4;
/** Bytes of randomness consumed; 128 bits reduced mod 30^20 leaves a bias below 2^-29. */
export const CODE_RANDOM_BYTES = 16;

export const CODE_BITS = CODE_LENGTH * Math.log2(CODE_ALPHABET.length);

/** Cyrillic letters that look like code letters, for people typing with a Serbian keyboard. */
const CYRILLIC_LOOKALIKES: Record<string, string> = {
  А: "A",
  В: "B",
  Е: "E",
  К: "K",
  М: "M",
  Н: "H",
  Р: "P",
  С: "C",
  Т: "T",
  Х: "X",
  У: "Y",
  Ѕ: "S",
  Ј: "J",
};

const WELL_FORMED = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

/** Turns ≥16 random bytes (from `crypto.getRandomValues`) into a normalized code. */
export function generateVerificationCode(randomBytes: Uint8Array): string {
  if (randomBytes.length < CODE_RANDOM_BYTES) {
    throw new RangeError(`A verification code needs at least ${CODE_RANDOM_BYTES} random bytes`);
  }
  let value = 0n;
  for (const byte of randomBytes.subarray(0, CODE_RANDOM_BYTES)) value = (value << 8n) | BigInt(byte);
  const base = BigInt(CODE_ALPHABET.length);
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) {
    code += CODE_ALPHABET[Number(value % base)];
    value /= base;
  }
  return code;
}

/** Upper-cases, maps Cyrillic look-alikes, and drops spaces and dashes of any kind. */
export function normalizeVerificationCode(input: string): string {
  return input
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\p{Pd}]/gu, "")
    .replace(/./gu, (char) => CYRILLIC_LOOKALIKES[char] ?? char);
}

export function isWellFormedCode(input: string): boolean {
  return WELL_FORMED.test(normalizeVerificationCode(input));
}

/** Groups a code for print and URLs: `K7QM-3XPT-9HCD-2RWF-EV4A`. */
export function formatVerificationCode(code: string): string {
  const normalized = normalizeVerificationCode(code);
  return normalized.match(new RegExp(`.{1,${GROUP_SIZE}}`, "g"))?.join("-") ?? "";
}

/** For route params and form fields: accepts any typed form, yields the normalized code. */
export const VerificationCodeSchema = z
  .string()
  .transform(normalizeVerificationCode)
  .refine((code) => WELL_FORMED.test(code), { message: "not a well-formed verification code" });
