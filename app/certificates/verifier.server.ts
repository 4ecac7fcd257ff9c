/**
 * The public credential verifier: every check of Open Badges 3.0 "Verification" on a credential
 * someone presents, with nothing fetched from the network. It runs in a worker thread
 * (verifier-pool.server.ts), never on a serving thread: a crafted credential costs CPU.
 */
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import jsonld from "jsonld";
import { z } from "zod";
import { CRYPTOSUITE, hashEmail, isAbsoluteUri, toDateTimeStamp } from "./credential.server";
import { type DocumentLoader, OB_V3P0_CONTEXT, RefusedUrlError, VC_V2_CONTEXT } from "./document-loader.server";
import { type IssuerPublicKey, toMultikeyDocument } from "./issuer-key.server";

/** The steps of OB 3.0 "Verification", in order. */
export type VerificationStep = "conformance" | "proof" | "refresh" | "status" | "recipient" | "endorsement";
export type CheckStatus = "pass" | "fail" | "skip";
export type CheckId =
  | "conformance.json"
  | "conformance.context"
  | "conformance.type"
  | "conformance.schema"
  | "conformance.subject"
  | "conformance.terms"
  | "proof.present"
  | "proof.issuerKey"
  | "proof.signature"
  | "refresh.service"
  | "status.revocation"
  | "status.validFrom"
  | "status.validUntil"
  | "recipient.identity"
  | "endorsement.verify";
export type Check = { id: CheckId; step: VerificationStep; status: CheckStatus; message: string };
export type VerificationReport = {
  verified: boolean;
  checks: Check[];
  /** The credential as parsed when it passed the schema check; trust its contents only if `verified`. */
  credential: OpenBadgeCredential | null;
};
export type Revocation = { date: Date; reason: string };
export type VerifyOptions = {
  documentLoader: DocumentLoader;
  /** Keys we trust; a proof must be made by one of them, and it must belong to the credential's issuer. */
  issuerKeys: IssuerPublicKey[];
  now: Date;
  /** From our database: null = not revoked, undefined = not looked up (the check is skipped). */
  revoked?: Revocation | null;
  /** When given, the credential must be issued to this address. */
  email?: string;
};

const ALLOWED_CONTEXTS = [VC_V2_CONTEXT, OB_V3P0_CONTEXT];

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const dateTime = z.string().regex(DATE_TIME, "must be an XSD dateTime with a time zone");
const typeIncluding = (name: string) => z.union([z.string(), z.array(z.string())]).refine((t) => [t].flat().includes(name), `must include "${name}"`);

const IdentityObjectSchema = z
  .object({
    type: z.literal("IdentityObject"),
    identityHash: z.string(),
    identityType: z.string(),
    hashed: z.boolean(),
    salt: z.string().optional(),
  })
  .passthrough();

/** The parts of the 1EdTech OpenBadgeCredential JSON Schema that verification relies on. */
export const OpenBadgeCredentialSchema = z
  .object({
    "@context": z.array(z.string()).min(2),
    id: z.string().refine(isAbsoluteUri, "must be an absolute URI"),
    type: z.array(z.string()),
    issuer: z
      .object({
        id: z.string().refine(isAbsoluteUri),
        type: typeIncluding("Profile"),
        name: z.string().optional(),
      })
      .passthrough(),
    validFrom: dateTime,
    validUntil: dateTime.optional(),
    name: z.string(),
    credentialSubject: z
      .object({
        id: z.string().optional(),
        type: typeIncluding("AchievementSubject"),
        identifier: z.array(IdentityObjectSchema).optional(),
        achievement: z
          .object({
            id: z.string().refine(isAbsoluteUri),
            type: typeIncluding("Achievement"),
            name: z.string(),
            description: z.string(),
            criteria: z.object({ id: z.string().optional(), narrative: z.string().optional() }).passthrough(),
          })
          .passthrough(),
        result: z.array(z.object({ type: typeIncluding("Result"), value: z.string().optional() }).passthrough()).optional(),
      })
      .passthrough(),
  })
  .passthrough();
export type OpenBadgeCredential = z.infer<typeof OpenBadgeCredentialSchema>;

/**
 * Runs every check OB 3.0 lists and reports each one. Never throws: anything that is not a
 * credential yields a report whose conformance check fails.
 */
export async function verifyCredential(input: unknown, options: VerifyOptions): Promise<VerificationReport> {
  const checks: Check[] = [];
  const add = (id: CheckId, status: CheckStatus, message: string) => checks.push({ id, step: id.split(".")[0] as VerificationStep, status, message });
  let credential: OpenBadgeCredential | null = null;
  try {
    const document = parseJsonObject(input);
    if (!document) {
      add("conformance.json", "fail", "The credential is not a JSON object.");
      for (const id of CHECKS_AFTER_JSON) add(id, "skip", "Not checked: the input is not a credential.");
      return report(checks, null);
    }
    add("conformance.json", "pass", "The credential is a JSON object.");
    runContextCheck(document, add);
    runTypeCheck(document, add);
    credential = runSchemaCheck(document, add);
    runSubjectCheck(document, add);
    await runTermsCheck(document, options.documentLoader, add);
    await runProofChecks(document, options, add);
    add("refresh.service", "skip", "Refreshing is not offered: the credential has no refreshService.");
    runStatusChecks(document, options, add);
    runRecipientCheck(document, options.email, add);
    add("endorsement.verify", "skip", "endorsement" in document ? "Endorsements are not verified." : "The credential has no endorsements.");
  } catch (error) {
    // Only a bug gets here; still answer with a report rather than an exception.
    add("conformance.json", "fail", `Verification stopped: ${describeError(error)}`);
  }
  return report(checks, credential);
}

type AddCheck = (id: CheckId, status: CheckStatus, message: string) => void;
type JsonObject = Record<string, unknown>;

const CHECKS_AFTER_JSON: CheckId[] = [
  "conformance.context",
  "conformance.type",
  "conformance.schema",
  "conformance.subject",
  "conformance.terms",
  "proof.present",
  "proof.issuerKey",
  "proof.signature",
  "refresh.service",
  "status.revocation",
  "status.validFrom",
  "status.validUntil",
  "recipient.identity",
  "endorsement.verify",
];

function report(checks: Check[], credential: OpenBadgeCredential | null): VerificationReport {
  return { verified: checks.every((check) => check.status !== "fail"), checks, credential };
}

function parseJsonObject(input: unknown): JsonObject | null {
  try {
    const value: unknown = JSON.parse(typeof input === "string" ? input : JSON.stringify(input));
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

function runContextCheck(document: JsonObject, add: AddCheck) {
  const context = document["@context"];
  if (!Array.isArray(context) || context[0] !== VC_V2_CONTEXT) {
    return add("conformance.context", "fail", `@context must be a list starting with ${VC_V2_CONTEXT}.`);
  }
  if (!context.includes(OB_V3P0_CONTEXT)) {
    return add("conformance.context", "fail", `@context must include ${OB_V3P0_CONTEXT}.`);
  }
  const unknown = context.filter((entry) => !ALLOWED_CONTEXTS.includes(entry));
  if (unknown.length > 0) {
    return add("conformance.context", "fail", `@context names contexts we do not know: ${JSON.stringify(unknown)}.`);
  }
  add("conformance.context", "pass", "@context is Verifiable Credentials 2.0 and Open Badges 3.0.3.");
}

function runTypeCheck(document: JsonObject, add: AddCheck) {
  const types = [document.type].flat();
  const isBadge = types.includes("OpenBadgeCredential") || types.includes("AchievementCredential");
  if (types.includes("VerifiableCredential") && isBadge) {
    add("conformance.type", "pass", "The type is VerifiableCredential and OpenBadgeCredential.");
  } else {
    add("conformance.type", "fail", "The type must include VerifiableCredential and OpenBadgeCredential.");
  }
}

function runSchemaCheck(document: JsonObject, add: AddCheck): OpenBadgeCredential | null {
  const result = OpenBadgeCredentialSchema.safeParse(document);
  if (result.success) {
    add("conformance.schema", "pass", "Every required Open Badges property is present and well-formed.");
    return result.data;
  }
  const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
  add("conformance.schema", "fail", `The credential does not match the Open Badges schema: ${problems.join("; ")}.`);
  return null;
}

function runSubjectCheck(document: JsonObject, add: AddCheck) {
  const subject = document.credentialSubject;
  const identified = isObject(subject) && ((typeof subject.id === "string" && subject.id.length > 0) || (Array.isArray(subject.identifier) && subject.identifier.length > 0));
  if (identified) add("conformance.subject", "pass", "The subject is identified by id or identifier.");
  else add("conformance.subject", "fail", "The subject must be identified by an id or an identifier.");
}

/** Expansion in safe mode fails on any property or type that no context defines. */
async function runTermsCheck(document: JsonObject, documentLoader: DocumentLoader, add: AddCheck) {
  try {
    await jsonld.expand(document, { documentLoader, safe: true });
    add("conformance.terms", "pass", "Every property is defined by the credential's contexts.");
  } catch (error) {
    add("conformance.terms", "fail", `The credential is not valid JSON-LD: ${describeError(error)}`);
  }
}

async function runProofChecks(document: JsonObject, options: VerifyOptions, add: AddCheck) {
  const proof = document.proof;
  const notChecked = (reason: string) => {
    add("proof.signature", "skip", `The signature was not checked: ${reason}`);
  };
  if (!isObject(proof)) {
    add("proof.present", "fail", Array.isArray(proof) ? "Expected exactly one proof." : "The credential has no proof.");
    add("proof.issuerKey", "skip", "No proof to take the key from.");
    return notChecked("there is no proof.");
  }
  if (proof.type !== "DataIntegrityProof" || proof.cryptosuite !== CRYPTOSUITE || proof.proofPurpose !== "assertionMethod") {
    add(
      "proof.present",
      "fail",
      `Expected a DataIntegrityProof with cryptosuite ${CRYPTOSUITE} for assertionMethod, found ` +
        `${JSON.stringify({
          type: proof.type,
          cryptosuite: proof.cryptosuite,
          proofPurpose: proof.proofPurpose,
        })}.`,
    );
    add("proof.issuerKey", "skip", "The proof is not one we can check.");
    return notChecked("the proof is not one we can check.");
  }
  add("proof.present", "pass", `The credential has a DataIntegrityProof (${CRYPTOSUITE}).`);

  const issuerId = isObject(document.issuer) ? document.issuer.id : document.issuer;
  const methodId = isObject(proof.verificationMethod) ? proof.verificationMethod.id : proof.verificationMethod;
  const key = options.issuerKeys.find((k) => k.id === methodId && k.controller === issuerId);
  if (!key) {
    add("proof.issuerKey", "fail", `The proof was made with ${JSON.stringify(methodId)}, which is not a trusted key of issuer ${JSON.stringify(issuerId)}.`);
    return notChecked("the key is not trusted.");
  }
  add("proof.issuerKey", "pass", `The proof was made with ${key.id}, a trusted key of the issuer.`);

  try {
    const result = await vc.verifyCredential({
      credential: document,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader: withTrustedKey(options.documentLoader, key),
      controller: { id: key.controller, assertionMethod: [key.id] },
      // Dates are reported by the status checks, so keep vc from failing the proof over them.
      maxClockSkew: Number.POSITIVE_INFINITY,
      now: options.now,
      // A foreign credentialStatus is reported as unchecked by the status step, not here.
      checkStatus: async () => ({ verified: true }),
    });
    if (result.verified) add("proof.signature", "pass", "The signature is valid: the credential is unchanged since signing.");
    else add("proof.signature", "fail", `The signature is not valid: ${describeError(result.error)}`);
  } catch (error) {
    add("proof.signature", "fail", `The signature is not valid: ${describeError(error)}`);
  }
}

/** Resolves the verification method only to the key we trust; contexts come from `documentLoader`. */
function withTrustedKey(documentLoader: DocumentLoader, key: IssuerPublicKey): DocumentLoader {
  return async (url) => (url === key.id ? { contextUrl: null, documentUrl: url, document: toMultikeyDocument(key) } : documentLoader(url));
}

function runStatusChecks(document: JsonObject, options: VerifyOptions, add: AddCheck) {
  const { revoked, now } = options;
  const foreignStatus = "credentialStatus" in document ? " Its credentialStatus entry is not checked." : "";
  if (revoked === undefined) {
    add("status.revocation", "skip", `Revocation was not looked up.${foreignStatus}`);
  } else if (revoked) {
    add("status.revocation", "fail", `The credential was revoked on ${toDateTimeStamp(revoked.date)}: ${revoked.reason}`);
  } else {
    add("status.revocation", "pass", `The issuer has not revoked the credential.${foreignStatus}`);
  }

  const validFrom = parseDateTime(document.validFrom);
  if (!validFrom) add("status.validFrom", "fail", "validFrom is missing or not a date.");
  else if (validFrom > now) add("status.validFrom", "fail", `The credential is not valid before ${document.validFrom}.`);
  else add("status.validFrom", "pass", `Valid from ${document.validFrom}.`);

  if (document.validUntil === undefined) {
    add("status.validUntil", "pass", "The credential does not expire.");
  } else {
    const validUntil = parseDateTime(document.validUntil);
    if (!validUntil) add("status.validUntil", "fail", "validUntil is not a date.");
    else if (validUntil < now) add("status.validUntil", "fail", `The credential expired on ${document.validUntil}.`);
    else add("status.validUntil", "pass", `Valid until ${document.validUntil}.`);
  }
}

function runRecipientCheck(document: JsonObject, email: string | undefined, add: AddCheck) {
  if (email === undefined) return add("recipient.identity", "skip", "No email address was given to check.");
  const subject = document.credentialSubject;
  const identifiers = isObject(subject) && Array.isArray(subject.identifier) ? subject.identifier : [];
  const matches = identifiers.some((identity: unknown) => {
    if (!isObject(identity) || identity.identityType !== "emailAddress") return false;
    if (typeof identity.identityHash !== "string") return false;
    if (identity.hashed !== true) return identity.identityHash.trim().toLowerCase() === email.trim().toLowerCase();
    const salt = typeof identity.salt === "string" ? identity.salt : "";
    return identity.identityHash.toLowerCase() === hashEmail(email, salt);
  });
  if (matches) add("recipient.identity", "pass", "The credential was issued to this email address.");
  else add("recipient.identity", "fail", "The credential was not issued to this email address.");
}

function parseDateTime(value: unknown): Date | null {
  if (typeof value !== "string" || !DATE_TIME.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** jsonld and jsonld-signatures wrap the cause; dig out the message a person can act on. */
function describeError(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && isObject(current); depth++) {
    if (current instanceof RefusedUrlError) return current.message;
    const errors = (current as { errors?: unknown[] }).errors;
    const details = (current as { details?: { cause?: unknown; event?: { message?: string; details?: unknown } } }).details;
    // JSON-LD safe mode names the offending term in the event it failed on.
    if (details?.event?.message) return `${details.event.message} ${JSON.stringify(details.event.details)}`;
    const next = Array.isArray(errors) && errors.length > 0 ? errors[0] : (details?.cause ?? (current as { cause?: unknown }).cause);
    if (!next) break;
    current = next;
  }
  return current instanceof Error ? current.message : String(current ?? "unknown error");
}
