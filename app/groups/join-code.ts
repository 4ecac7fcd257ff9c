import crypto from "node:crypto";
import { CODE_ALPHABET, normalizeVerificationCode } from "~/certificates/verification-code";

/**
 * Join codes are read out in a workshop room and typed on phones: 8 symbols of the certificates'
 * alphabet (no 0 O 1 I L U), log2(30^8) ≈ 39 bits, shown as `K7QM-3XPT`. Typing is forgiving the
 * same way as for verification codes: case, dashes, spaces and Cyrillic look-alikes do not matter.
 */
export const JOIN_CODE_LENGTH = 8;
const WELL_FORMED = new RegExp(`^[${CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

export function generateJoinCode(): string {
  let code = "";
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)];
  return code;
}

/** The code as stored, or null when what was typed cannot be a join code. */
export function normalizeJoinCode(input: string): string | null {
  const code = normalizeVerificationCode(input.slice(0, 40));
  return WELL_FORMED.test(code) ? code : null;
}

export function formatJoinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
