export const ROLES = ["learner", "trainer", "reviewer", "admin"] as const;
export const INSTITUTION_TYPES = ["police", "prosecution", "court", "labour-inspectorate", "social-care", "civil-society", "other"] as const;
export const USER_LANGUAGES = ["en", "sr-Latn", "sr-Cyrl"] as const;
/**
 * The City of Belgrade and Serbia's administrative districts (Uredba o upravnim okruzima), as stable
 * codes stored in users.district; their names are UI strings (`profile:districts.<code>`).
 */
export const DISTRICTS = [
  "belgrade",
  "north-backa",
  "central-banat",
  "north-banat",
  "south-banat",
  "west-backa",
  "south-backa",
  "srem",
  "macva",
  "kolubara",
  "podunavlje",
  "branicevo",
  "sumadija",
  "pomoravlje",
  "bor",
  "zajecar",
  "zlatibor",
  "moravica",
  "raska",
  "rasina",
  "nisava",
  "toplica",
  "pirot",
  "jablanica",
  "pcinja",
  "kosovo",
  "pec",
  "prizren",
  "kosovska-mitrovica",
  "kosovo-pomoravlje",
] as const;
