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
    issuer: z.object({ id: z.string().url(), name: z.string().min(1), url: z.string().url() }).strict(),
  })
  .strict();
export type CertificateSnapshot = z.infer<typeof CertificateSnapshotSchema>;

/** Where the issuer's Profile is published, relative to the public URL. */
export const ISSUER_PATH = "/issuer";
export const ISSUER_NAME = "Trag";

export function issuerOf(publicUrl: string): CertificateSnapshot["issuer"] {
  const url = publicUrl.replace(/\/+$/, "");
  return { id: `${url}${ISSUER_PATH}`, name: ISSUER_NAME, url };
}
