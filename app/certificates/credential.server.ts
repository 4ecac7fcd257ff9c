import crypto from "node:crypto";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { z } from "zod";
import { type DocumentLoader, OB_V3P0_CONTEXT, VC_V2_CONTEXT } from "./document-loader.server";
import { type IssuerKey, toMultikeyDocument } from "./issuer-key.server";

// ---------------------------------------------------------------------------------------
// Building

const absoluteUri = z.string().refine(isAbsoluteUri, "must be an absolute URI");

export const CredentialInputSchema = z.object({
  /** `buildVerificationUrl(publicUrl, code)`, or a `urn:uuid:…`. */
  id: absoluteUri,
  issuer: z.object({ id: absoluteUri, name: z.string().min(1), url: z.string().url() }),
  /** The credential's own name, e.g. "Certificate: <course title>". */
  name: z.string().min(1),
  validFrom: z.date(),
  validUntil: z.date().optional(),
  recipient: z.object({
    email: z.string().email(),
    /** Random per credential (e.g. 16 bytes as hex), so the hash cannot be matched across credentials. */
    salt: z.string().min(16),
    /** Optional plain-text name, published in the credential as an IdentityObject of type "name". */
    name: z.string().min(1).optional(),
  }),
  achievement: z.object({
    id: absoluteUri,
    name: z.string().min(1),
    description: z.string().min(1),
    criteria: z.string().min(1),
    /** An OB 3.0 AchievementType such as "Certificate" or "Course". */
    achievementType: z.string().optional(),
  }),
  /** The final score in percent. */
  score: z.object({ value: z.number().min(0).max(100), name: z.string().min(1).default("Final assessment score") }).optional(),
});
export type CredentialInput = z.input<typeof CredentialInputSchema>;

export function buildVerificationUrl(publicUrl: string, formattedCode: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/verify/${formattedCode}`;
}

/** OB 3.0 IdentityHash: `sha256$` + hex SHA-256 of the trimmed, lower-cased email followed by the salt. */
export function hashEmail(email: string, salt: string): string {
  const normalized = email.normalize("NFC").trim().toLowerCase();
  return `sha256$${crypto
    .createHash("sha256")
    .update(normalized + salt, "utf8")
    .digest("hex")}`;
}

/** XSD dateTimeStamp to the second, as issuers conventionally write it. */
export function toDateTimeStamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * The unsigned OpenBadgeCredential. There is no `credentialStatus`: no status-list method
 * can be served and checked offline without extra infrastructure, so revocation lives in our
 * database and the verification page passes it to `verifyCredential` as `revoked`.
 */
export function buildCredential(input: CredentialInput) {
  const { id, issuer, name, validFrom, validUntil, recipient, achievement, score } = CredentialInputSchema.parse(input);
  const scoreDescriptionId = `${achievement.id}#score`;
  return {
    "@context": [VC_V2_CONTEXT, OB_V3P0_CONTEXT],
    id,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: { id: issuer.id, type: ["Profile"], name: issuer.name, url: issuer.url },
    validFrom: toDateTimeStamp(validFrom),
    ...(validUntil && { validUntil: toDateTimeStamp(validUntil) }),
    name,
    credentialSubject: {
      type: ["AchievementSubject"],
      identifier: [
        {
          type: "IdentityObject",
          identityHash: hashEmail(recipient.email, recipient.salt),
          identityType: "emailAddress",
          hashed: true,
          salt: recipient.salt,
        },
        ...(recipient.name ? [{ type: "IdentityObject", identityHash: recipient.name, identityType: "name", hashed: false }] : []),
      ],
      achievement: {
        id: achievement.id,
        type: ["Achievement"],
        ...(achievement.achievementType && { achievementType: achievement.achievementType }),
        name: achievement.name,
        description: achievement.description,
        criteria: { narrative: achievement.criteria },
        ...(score && {
          resultDescription: [
            {
              id: scoreDescriptionId,
              type: ["ResultDescription"],
              name: score.name,
              resultType: "Percent",
              valueMin: "0",
              valueMax: "100",
            },
          ],
        }),
      },
      ...(score && {
        result: [{ type: ["Result"], resultDescription: scoreDescriptionId, value: String(score.value) }],
      }),
    },
  };
}
export type UnsignedCredential = ReturnType<typeof buildCredential>;
export type SignedCredential = UnsignedCredential & { proof: Record<string, unknown> };

// ---------------------------------------------------------------------------------------
// Signing

export const CRYPTOSUITE = "eddsa-rdfc-2022";

/** Adds a DataIntegrityProof (eddsa-rdfc-2022, assertionMethod) made with the issuer key. */
export async function signCredential(credential: UnsignedCredential, key: IssuerKey, documentLoader: DocumentLoader, date: Date): Promise<SignedCredential> {
  const keyPair = await Ed25519Multikey.from({
    ...toMultikeyDocument(key),
    secretKeyMultibase: key.secretKeyMultibase,
  });
  const suite = new DataIntegrityProof({ signer: keyPair.signer(), date, cryptosuite });
  const signed = await vc.issue({
    credential: structuredClone(credential),
    suite,
    documentLoader,
    now: date,
  });
  return signed as SignedCredential;
}

export function isAbsoluteUri(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\S+$/i.test(value);
}
