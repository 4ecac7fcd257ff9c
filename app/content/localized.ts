import { z } from "zod";

export { AUTHORED_LANGUAGES, LANGUAGES, type AuthoredLanguage, type Language } from "./languages";

export const LocalizedTextSchema = z.object({ en: z.string().trim().min(1), "sr-Latn": z.string().trim().min(1) }).strict();
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const IdSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be kebab-case: lower-case letters, digits and dashes");
