import path from "node:path";
import { type Env, getEnv } from "~/utils/env.server";
import { createDocumentLoader, type DocumentLoader, readBundledContexts } from "./document-loader.server";
import { type IssuerKey, type IssuerPublicKey, issuerDocuments, issuerProfile, loadOrCreateIssuerKey, toJwks, toPublicKey } from "./issuer-key.server";
import { issuerOf } from "./snapshot";

export type Issuer = {
  id: string;
  name: string;
  url: string;
  key: IssuerKey;
  /** Every key whose proofs we accept (the current one; retired ones would be added here). */
  publicKeys: IssuerPublicKey[];
  profile: ReturnType<typeof issuerProfile>;
  /** Bundled contexts plus our profile and key: nothing is fetched over the network. */
  documentLoader: DocumentLoader;
};

let contexts: Map<string, string> | undefined;
const issuers = new Map<string, Promise<Issuer>>();

/**
 * The issuer of this installation: its key is read from DATA_DIR, or generated there (mode
 * 0600) the first time it is needed. One per data folder and public URL, kept for the process.
 */
export function getIssuer(env: Pick<Env, "DATA_DIR" | "PUBLIC_URL"> & Partial<Pick<Env, "ISSUER">> = getEnv()): Promise<Issuer> {
  const { id, name, url } = issuerOf(env.PUBLIC_URL, env.ISSUER);
  // The profile names the current issuer; its contact address, when set, is the profile's url.
  const profileUrl = env.ISSUER?.contactUrl ?? url;
  const image = env.ISSUER?.logo && issuerLogoUrl(url, env.ISSUER.logo.sha256);
  const cacheKey = [path.resolve(env.DATA_DIR), id, name, profileUrl, env.ISSUER?.logo?.sha256].join("\n");
  let issuer = issuers.get(cacheKey);
  if (!issuer) {
    issuer = (async () => {
      const key = await loadOrCreateIssuerKey(env.DATA_DIR, id);
      const publicKeys = [toPublicKey(key)];
      const profile = issuerProfile({ issuerId: id, name, url: profileUrl, key: publicKeys, image });
      contexts ??= readBundledContexts();
      const documentLoader = createDocumentLoader({ documents: issuerDocuments(profile), contexts });
      return { id, name, url, key, publicKeys, profile, documentLoader };
    })();
    issuers.set(cacheKey, issuer);
    // A failure (say, a key file of another issuer) is reported on every call, not cached.
    issuer.catch(() => issuers.delete(cacheKey));
  }
  return issuer;
}

/** The issuer's public keys as a JSON Web Key Set, for `/.well-known/jwks.json`. */
export async function getIssuerJwks() {
  return toJwks((await getIssuer()).publicKeys);
}

/** Where the logo is served (routes/issuer_.logo.ts); the hash in the query changes the URL when the logo changes. */
export function issuerLogoUrl(publicUrl: string, sha256: string): string {
  return `${publicUrl}/issuer/logo?v=${sha256.slice(0, 16)}`;
}
