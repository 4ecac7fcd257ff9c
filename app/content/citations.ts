/** A citation group in text: `[@C1]`, `[@L1, Art. 4]`, `[@C1; @L1, Art. 4]`. */
export const CITATION_GROUP = /\[(@[A-Za-z0-9][A-Za-z0-9-]*(?:,[^;\]\n]*)?(?:;\s*@[A-Za-z0-9][A-Za-z0-9-]*(?:,[^;\]\n]*)?)*)\]/g;

export type Citation = { key: string; locator: string | null };

export function parseCitationGroup(inner: string): Citation[] {
  return inner.split(";").map((part) => {
    const match = /^\s*@([A-Za-z0-9][A-Za-z0-9-]*)\s*(?:,\s*(.*?))?\s*$/.exec(part);
    return { key: match?.[1] ?? "", locator: match?.[2] || null };
  });
}

/** Every citation in a text, with the offset of its group. */
export function findCitations(text: string): Array<Citation & { offset: number }> {
  const found: Array<Citation & { offset: number }> = [];
  for (const match of text.matchAll(CITATION_GROUP)) {
    for (const citation of parseCitationGroup(match[1])) found.push({ ...citation, offset: match.index ?? 0 });
  }
  return found;
}

/** Removes citation groups, e.g. for word counts and plain-text summaries. */
export function stripCitations(text: string): string {
  return text.replace(CITATION_GROUP, "");
}
