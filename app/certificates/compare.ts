/**
 * Where a presented credential differs from our record of the certificate it names: field by
 * field, so that a verifier sees what was changed (a name, a score) and not only "not valid".
 * Pure: both documents are parsed JSON. The proof is left out (it differs whenever anything does).
 */

/** A field the pages name in words; anything else is shown by its path in the document. */
export type KnownField = "name" | "course" | "issued" | "score" | "issuer" | "credentialName" | "email";

export type FieldDifference = {
  /** The path in the credential, e.g. `credentialSubject.achievement.name`. */
  path: string;
  field: KnownField | null;
  /** As written in the credential that was checked, or null when it lacks the field. */
  presented: string | null;
  /** As written in our record, or null when the record has no such field. */
  recorded: string | null;
};

/** At most this many differences are listed (a document can differ everywhere). */
export const MAX_DIFFERENCES = 20;
const MAX_VALUE_LENGTH = 200;

function flatten(value: unknown, path: string, out: Map<string, string>) {
  if (Array.isArray(value)) value.forEach((item, index) => flatten(item, `${path}[${index}]`, out));
  else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) flatten(item, path ? `${path}.${key}` : key, out);
  } else out.set(path, typeof value === "string" ? value : JSON.stringify(value));
}

function leaves(document: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof document === "object" && document !== null && !Array.isArray(document)) {
    const { proof: _proof, ...rest } = document as Record<string, unknown>;
    flatten(rest, "", out);
  }
  return out;
}

/** Which fact a path holds; an identifier is known by its identityType in the record. */
function fieldOf(path: string, record: Map<string, string>): KnownField | null {
  const identifier = /^credentialSubject\.identifier\[(\d+)\]\.identityHash$/.exec(path);
  if (identifier) {
    const type = record.get(`credentialSubject.identifier[${identifier[1]}].identityType`);
    return type === "name" ? "name" : type === "emailAddress" ? "email" : null;
  }
  if (/^credentialSubject\.identifier\[\d+\]\.salt$/.test(path)) return "email";
  const known: Record<string, KnownField> = {
    "credentialSubject.achievement.name": "course",
    validFrom: "issued",
    "credentialSubject.result[0].value": "score",
    "issuer.name": "issuer",
    name: "credentialName",
  };
  return known[path] ?? null;
}

const clip = (value: string | undefined) => (value === undefined ? null : value.length > MAX_VALUE_LENGTH ? `${value.slice(0, MAX_VALUE_LENGTH)}…` : value);

/** The fields that differ, known facts first, in the record's order. */
export function compareWithRecord(presented: unknown, record: unknown): FieldDifference[] {
  const mine = leaves(presented);
  const ours = leaves(record);
  const paths = [...new Set([...ours.keys(), ...mine.keys()])].filter((path) => mine.get(path) !== ours.get(path));
  const differences = paths.map((path) => ({ path, field: fieldOf(path, ours), presented: clip(mine.get(path)), recorded: clip(ours.get(path)) }));
  return [...differences.filter((d) => d.field !== null), ...differences.filter((d) => d.field === null)].slice(0, MAX_DIFFERENCES);
}
