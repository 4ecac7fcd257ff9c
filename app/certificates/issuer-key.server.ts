import fs from "node:fs";
import path from "node:path";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { z } from "zod";
import { MULTIKEY_V1_CONTEXT, OB_V3P0_CONTEXT, VC_V2_CONTEXT } from "./document-loader.server";
import { makePrivateDir } from "~/utils/secrets.server";

const multibase = z.string().regex(/^z[1-9A-HJ-NP-Za-km-z]+$/, "must be a base58btc multibase string");

/** The public half of an issuer key, as a Multikey verification method. */
export const IssuerPublicKeySchema = z.object({
  id: z.string().url(),
  type: z.literal("Multikey"),
  controller: z.string().url(),
  publicKeyMultibase: multibase,
});
export type IssuerPublicKey = z.infer<typeof IssuerPublicKeySchema>;

/** The stored key file: the public key plus the 32-byte Ed25519 seed as secretKeyMultibase. */
export const IssuerKeySchema = IssuerPublicKeySchema.extend({ secretKeyMultibase: multibase });
export type IssuerKey = z.infer<typeof IssuerKeySchema>;

export const ISSUER_KEY_FILE = "issuer-key.json";

/**
 * Reads `<dataDir>/issuer-key.json`, generating an Ed25519 key (file mode 0600) on first use.
 * Throws if the stored key belongs to another issuer id: changing the public URL would
 * otherwise silently orphan every credential issued so far.
 */
export async function loadOrCreateIssuerKey(dataDir: string, issuerId: string): Promise<IssuerKey> {
  const file = path.resolve(dataDir, ISSUER_KEY_FILE);
  if (!fs.existsSync(file)) {
    const key = await generateIssuerKey(issuerId);
    makePrivateDir(dataDir);
    try {
      fs.writeFileSync(file, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600, flag: "wx" });
      return key;
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  const key = IssuerKeySchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (key.controller !== issuerId) {
    throw new Error(`${file} holds the key of issuer ${key.controller}, not ${issuerId}`);
  }
  return key;
}

export async function generateIssuerKey(issuerId: string, seed?: Uint8Array): Promise<IssuerKey> {
  const keyPair = await Ed25519Multikey.generate({ id: `${issuerId}#key-1`, controller: issuerId, seed });
  // `canonicalize` stores the 32-byte seed (the Multikey format) rather than seed + public key.
  const exported = await keyPair.export({
    publicKey: true,
    secretKey: true,
    includeContext: false,
    canonicalize: true,
  });
  return IssuerKeySchema.parse(exported);
}

export function toPublicKey(key: IssuerPublicKey): IssuerPublicKey {
  const { id, type, controller, publicKeyMultibase } = key;
  return { id, type, controller, publicKeyMultibase };
}

/** The key set for `/.well-known/jwks.json`: public keys only, as OKP/Ed25519 JWKs. */
export async function toJwks(keys: IssuerPublicKey | IssuerPublicKey[]) {
  const list = Array.isArray(keys) ? keys : [keys];
  return {
    keys: await Promise.all(
      list.map(async (key) => {
        const keyPair = await Ed25519Multikey.from(toMultikeyDocument(key));
        const { kty, crv, x } = await Ed25519Multikey.toJwk({ keyPair, secretKey: false });
        return { kty, crv, x, kid: key.id, alg: "EdDSA", use: "sig" };
      }),
    ),
  };
}

/** The verification method as a standalone JSON-LD document (what a document loader serves). */
export function toMultikeyDocument(key: IssuerPublicKey) {
  return { "@context": MULTIKEY_V1_CONTEXT, ...toPublicKey(key) };
}

/**
 * None of the bundled contexts defines `assertionMethod` outside a proof (the DID and
 * controller-document contexts do), so the profile defines it inline, with the IRI those use.
 */
const ASSERTION_METHOD_CONTEXT = {
  assertionMethod: {
    "@id": "https://w3id.org/security#assertionMethod",
    "@type": "@id",
    "@container": "@set",
  },
};

/** The issuer's OB 3.0 Profile, naming its key(s) as assertion methods. */
export function issuerProfile({
  issuerId,
  name,
  url,
  key,
  image,
}: {
  issuerId: string;
  name: string;
  url: string;
  key: IssuerPublicKey | IssuerPublicKey[];
  /** The logo's URL. */
  image?: string;
}) {
  const keys = Array.isArray(key) ? key : [key];
  return {
    "@context": [VC_V2_CONTEXT, OB_V3P0_CONTEXT, MULTIKEY_V1_CONTEXT, ASSERTION_METHOD_CONTEXT],
    id: issuerId,
    type: ["Profile"],
    name,
    url,
    ...(image && { image: { id: image, type: "Image" } }),
    assertionMethod: keys.map(toPublicKey),
  };
}

/**
 * The documents a verifier needs to resolve our issuer offline: the profile at the issuer
 * id and each key at its own id. Pass to `createDocumentLoader({ documents })`.
 */
export function issuerDocuments(profile: ReturnType<typeof issuerProfile>): Record<string, object> {
  return Object.fromEntries([[profile.id, profile], ...profile.assertionMethod.map((key) => [key.id, toMultikeyDocument(key)])]);
}
