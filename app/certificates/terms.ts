/**
 * Names and samples that read the same in every language and script. UI strings take them
 * as interpolation values, so that generating Cyrillic never transliterates them.
 */
export const CERTIFICATE_TERMS = {
  ob: "Open Badges",
  vc: "Verifiable Credentials",
  json: "JSON",
  di: "Data Integrity, eddsa-rdfc-2022",
  example: "K7QM-3XPT-9HCD-2RWF-EV4A",
  excluded: "0, 1, O, I, L, U",
  ext: ".json",
} as const;
