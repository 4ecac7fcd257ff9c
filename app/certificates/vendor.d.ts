// The digitalbazaar packages and jsonld ship plain ESM JavaScript without types; these
// declarations cover only what app/certificates uses.

declare module "@digitalbazaar/ed25519-multikey" {
  export type Signer = {
    id: string;
    algorithm: string;
    sign(input: { data: Uint8Array }): Promise<Uint8Array>;
  };
  export type Verifier = {
    id: string;
    algorithm: string;
    verify(input: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
  };
  export type KeyPair = {
    id?: string;
    controller?: string;
    publicKey: Uint8Array;
    secretKey?: Uint8Array;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    export(options?: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean; canonicalize?: boolean }): Promise<Record<string, string>>;
    signer(): Signer;
    verifier(): Verifier;
  };
  export function generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<KeyPair>;
  export function from(key: object): Promise<KeyPair>;
  export function toJwk(options: { keyPair: KeyPair; secretKey?: boolean }): Promise<Record<string, string>>;
}

declare module "@digitalbazaar/eddsa-rdfc-2022-cryptosuite" {
  export const cryptosuite: {
    name: string;
    requiredAlgorithm: string;
    canonize(input: object, options: { documentLoader: unknown; [key: string]: unknown }): Promise<string>;
    createVerifier(options: { verificationMethod: object }): Promise<unknown>;
  };
}

declare module "@digitalbazaar/data-integrity" {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; date?: Date | string | null; cryptosuite: unknown });
    verificationMethod?: string;
  }
}

declare module "@digitalbazaar/vc" {
  export type VerifyResult = { verified: boolean; error?: unknown; results?: unknown[] };
  export function issue(options: { credential: object; suite: unknown; documentLoader: unknown; now?: Date }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: {
    credential: object;
    suite: unknown;
    documentLoader: unknown;
    controller?: object;
    now?: Date;
    maxClockSkew?: number;
    checkStatus?: () => Promise<{ verified: boolean }>;
  }): Promise<VerifyResult>;
}

declare module "jsonld" {
  const jsonld: {
    canonize(input: object, options: Record<string, unknown>): Promise<string>;
    expand(input: object, options: Record<string, unknown>): Promise<unknown[]>;
  };
  export default jsonld;
}
