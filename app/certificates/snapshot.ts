import { z } from "zod";
import { IdSchema, LocalizedTextSchema } from "../content/localized";

/**
 * What a certificate certifies, frozen when it is issued (and replaced only by a reissue):
 * later edits to the learner's name or to the course do not change it. Stored as JSON in
 * `certificates.snapshot`; the credential and the PDF are made from it alone.
 */
export const CertificateSnapshotSchema = z
  .object({
    learner: z.object({ name: z.string().min(1), email: z.string().email() }).strict(),
    course: z
      .object({
        id: IdSchema,
        version: z.string().min(1),
        title: LocalizedTextSchema,
        /** Terms kept in Latin when the text is shown in Cyrillic. */
        latinTerms: z.array(z.string().min(1)),
      })
      .strict(),
    modules: z.array(z.object({ id: IdSchema, title: LocalizedTextSchema }).strict()),
    /** The course's final score in percent. */
    scorePercent: z.number().min(0).max(100),
    /** When the learner completed the course (ISO 8601). */
    completedAt: z.string().datetime(),
    issuer: z
      .object({
        id: z.string().url(),
        /** The name in the credential (English). */
        name: z.string().min(1),
        /** The platform's address: verification links and the credential's issuer.url. */
        url: z.string().url(),
        // Certificates issued before the issuer was configurable have none of the fields below: "Trag", no signatories.
        names: LocalizedTextSchema.optional(),
        contactUrl: z.string().url().optional(),
        /** The logo's SHA-256: a later logo is not drawn on this certificate. */
        logoSha256: z
          .string()
          .regex(/^[0-9a-f]{64}$/)
          .optional(),
        signatories: z
          .array(
            z
              .object({
                name: z.string().min(1),
                title: LocalizedTextSchema,
                signatureSha256: z
                  .string()
                  .regex(/^[0-9a-f]{64}$/)
                  .optional(),
              })
              .strict(),
          )
          .max(2)
          .optional(),
      })
      .strict(),
  })
  .strict();
export type CertificateSnapshot = z.infer<typeof CertificateSnapshotSchema>;

/** Where the issuer's Profile is published, relative to the public URL. */
export const ISSUER_PATH = "/issuer";
export const ISSUER_NAME = "Trag";

/** The settings a snapshot takes from the configured issuer (env.server's IssuerSettings, images as their hashes). */
type IssuerSettingsInput = {
  names: { en: string; "sr-Latn": string };
  contactUrl?: string;
  logo?: { sha256: string };
  signatories: Array<{ name: string; title: { en: string; "sr-Latn": string }; signature?: { sha256: string } }>;
};

/**
 * The issuer as a new certificate records it. The id stays `<public URL>/issuer` whatever the
 * name, so the key binding and the signatures of earlier credentials keep working.
 */
export function issuerOf(publicUrl: string, settings?: IssuerSettingsInput): CertificateSnapshot["issuer"] {
  const url = publicUrl.replace(/\/+$/, "");
  const base = { id: `${url}${ISSUER_PATH}`, name: settings?.names.en ?? ISSUER_NAME, url };
  if (!settings) return base;
  return {
    ...base,
    names: settings.names,
    ...(settings.contactUrl && { contactUrl: settings.contactUrl }),
    ...(settings.logo && { logoSha256: settings.logo.sha256 }),
    ...(settings.signatories.length > 0 && {
      signatories: settings.signatories.map((person) => ({
        name: person.name,
        title: person.title,
        ...(person.signature && { signatureSha256: person.signature.sha256 }),
      })),
    }),
  };
}
