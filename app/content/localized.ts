import { z } from "zod";

/** Languages content is authored in; Cyrillic is generated from `sr-Latn`. */
export const AUTHORED_LANGUAGES = ["en", "sr-Latn"] as const;
export type AuthoredLanguage = (typeof AUTHORED_LANGUAGES)[number];

/** Every language a page can be shown in. */
export const LANGUAGES = ["en", "sr-Latn", "sr-Cyrl"] as const;
export type Language = (typeof LANGUAGES)[number];

export const LocalizedTextSchema = z
  .object({ en: z.string().trim().min(1), "sr-Latn": z.string().trim().min(1) })
  .strict();
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const IdSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be kebab-case: lower-case letters, digits and dashes");
