/**
 * The entry of the verifier's worker threads (verifier-pool.server.ts): one credential per task,
 * checked with the issuer's public documents sent along, nothing read from the database.
 * The production build emits it as build/server/verifier-worker.js (vite.config.ts).
 */
import { createDocumentLoader, type DocumentLoader, readBundledContexts } from "./document-loader.server";
import { type IssuerPublicKey, issuerDocuments, type issuerProfile } from "./issuer-key.server";
import { type Revocation, type VerificationReport, verifyCredential } from "./verifier.server";

export type VerifierTask = {
  input: string;
  email?: string;
  now: Date;
  revoked?: Revocation | null;
  issuer: { publicKeys: IssuerPublicKey[]; profile: ReturnType<typeof issuerProfile> };
};

let contexts: Map<string, string> | undefined;
const loaders = new Map<string, DocumentLoader>();

function documentLoaderFor(profile: VerifierTask["issuer"]["profile"]): DocumentLoader {
  const key = JSON.stringify(profile);
  let loader = loaders.get(key);
  if (!loader) {
    contexts ??= readBundledContexts();
    loader = createDocumentLoader({ documents: issuerDocuments(profile), contexts });
    loaders.set(key, loader);
  }
  return loader;
}

export default function verifyTask(task: VerifierTask): Promise<VerificationReport> {
  return verifyCredential(task.input, {
    documentLoader: documentLoaderFor(task.issuer.profile),
    issuerKeys: task.issuer.publicKeys,
    now: task.now,
    revoked: task.revoked,
    email: task.email,
  });
}
