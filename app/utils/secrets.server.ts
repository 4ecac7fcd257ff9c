import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "./env.server";

/**
 * Makes `dir` (and missing parents) accessible to this system user only (0700): DATA_DIR holds
 * personal data, password hashes and secrets.
 */
export function makePrivateDir(dir: string) {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}

/** Reads a secret from DATA_DIR, generating it (mode 0600) on first use. */
export function readOrCreateSecret(dataDir: string, name: string): string {
  const file = path.resolve(dataDir, name);
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  makePrivateDir(dataDir);
  const secret = crypto.randomBytes(32).toString("base64url");
  try {
    fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return fs.readFileSync(file, "utf8").trim();
  }
  return secret;
}

let addressKey: { dataDir: string; key: string } | undefined;

/**
 * A client's address as a keyed hash (HMAC-SHA256 with a secret generated into DATA_DIR/address-key):
 * the same address gives the same key on this server, and nobody without the secret can tell which
 * address it was by hashing candidates (the IPv4 space is small enough to try whole).
 */
export function hashClientAddress(address: string, dataDir: string): string {
  if (addressKey?.dataDir !== dataDir) addressKey = { dataDir, key: readOrCreateSecret(dataDir, "address-key") };
  return crypto.createHmac("sha256", addressKey.key).update(address).digest("base64url").slice(0, 22);
}

let hashKey: { dataDir: string; key: string } | undefined;

/**
 * A keyed hash (HMAC-SHA-256 with a server secret, `DATA_DIR/hash-key`) of an address or other
 * identifier, for rate limits and logs that must tell clients apart without keeping who they are.
 * Without the key a plain hash of an IPv4 address is reversed by trying all 2³² of them.
 * `purpose` separates uses, so that a value's hash in one table says nothing in another.
 */
export function keyedHash(purpose: string, value: string): string {
  const { DATA_DIR } = getEnv();
  if (hashKey?.dataDir !== DATA_DIR) hashKey = { dataDir: DATA_DIR, key: readOrCreateSecret(DATA_DIR, "hash-key") };
  return crypto.createHmac("sha256", hashKey.key).update(`${purpose}\u0000${value}`).digest("base64url").slice(0, 32);
}
