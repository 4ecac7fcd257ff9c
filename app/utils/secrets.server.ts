import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Reads a secret from DATA_DIR, generating it (mode 0600) on first use. */
export function readOrCreateSecret(dataDir: string, name: string): string {
  const file = path.resolve(dataDir, name);
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString("base64url");
  try {
    fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return fs.readFileSync(file, "utf8").trim();
  }
  return secret;
}
