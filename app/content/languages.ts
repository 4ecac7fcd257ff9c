/** Languages content is authored in; Cyrillic is generated from `sr-Latn`. */
export const AUTHORED_LANGUAGES = ["en", "sr-Latn"] as const;
export type AuthoredLanguage = (typeof AUTHORED_LANGUAGES)[number];

/** Every language a page can be shown in. */
export const LANGUAGES = ["en", "sr-Latn", "sr-Cyrl"] as const;
export type Language = (typeof LANGUAGES)[number];
