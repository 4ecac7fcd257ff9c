import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

export const VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2";
export const OB_V3P0_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
export const MULTIKEY_V1_CONTEXT = "https://w3id.org/security/multikey/v1";

/** What jsonld and the digitalbazaar libraries expect a document loader to resolve to. */
export type RemoteDocument = { contextUrl: null; documentUrl: string; document: unknown };
export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

export class RefusedUrlError extends Error {
  constructor(readonly url: string) {
    super(`Refusing to load "${url}": only the bundled JSON-LD contexts and the issuer's own ` + `documents are served, nothing is fetched from the network.`);
    this.name = "RefusedUrlError";
  }
}

const ContextIndexSchema = z.record(z.string().url(), z.string().regex(/^[\w.-]+$/));

/**
 * The bundled contexts live beside this file. A Vite server build moves this module into
 * build/, so fall back to the source folder relative to the working directory (the
 * repository root, where the server is started).
 */
export function findContextsDir(): string {
  const candidates = [fileURLToPath(new URL("./contexts/", import.meta.url)), path.resolve(process.cwd(), "app/certificates/contexts")];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, "contexts.json")));
  if (!found) throw new Error(`Bundled JSON-LD contexts not found; looked in ${candidates.join(", ")}`);
  return found;
}

/**
 * Reads contexts.json and every file it names, refusing to continue when a file's bytes do
 * not match SHA256SUMS: an edited context would silently change what signatures mean.
 */
export function readBundledContexts(contextsDir = findContextsDir()): Map<string, string> {
  const index = ContextIndexSchema.parse(JSON.parse(fs.readFileSync(path.join(contextsDir, "contexts.json"), "utf8")));
  const sums = new Map(
    fs
      .readFileSync(path.join(contextsDir, "SHA256SUMS"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        const [sum, file] = line.split(/\s+\*?/);
        return [file, sum] as const;
      }),
  );
  const contexts = new Map<string, string>();
  for (const [url, file] of Object.entries(index)) {
    const bytes = fs.readFileSync(path.join(contextsDir, file));
    const sum = crypto.createHash("sha256").update(bytes).digest("hex");
    if (sums.get(file) !== sum) throw new Error(`Bundled context ${file} does not match SHA256SUMS`);
    contexts.set(url, bytes.toString("utf8"));
  }
  return contexts;
}

/**
 * A jsonld document loader that never touches the network. It serves the bundled contexts
 * and, for verifying our own credentials, any documents passed in (issuer profile,
 * verification methods) keyed by their exact URL. Everything else is refused.
 */
export function createDocumentLoader({ documents = {}, contexts = readBundledContexts() }: { documents?: Record<string, object>; contexts?: Map<string, string> } = {}): DocumentLoader {
  const extra = new Map(Object.entries(documents).map(([url, doc]) => [url, JSON.stringify(doc)]));
  return async (url: string) => {
    // Parsing on every call hands out a fresh object that no caller can mutate for the next.
    const text = contexts.get(url) ?? extra.get(url);
    if (text === undefined) throw new RefusedUrlError(url);
    return { contextUrl: null, documentUrl: url, document: JSON.parse(text) };
  };
}
