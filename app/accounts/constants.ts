export const ROLES = ["learner", "trainer", "reviewer", "admin"] as const;
export const INSTITUTION_TYPES = ["police", "prosecution", "court", "labour-inspectorate", "social-care", "civil-society", "other"] as const;
export const USER_LANGUAGES = ["en", "sr-Latn", "sr-Cyrl"] as const;
