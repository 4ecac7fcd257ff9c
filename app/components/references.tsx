import { useTranslation } from "react-i18next";
import type { Reference } from "~/content/markdown.server";

/** The numbered list that a text's citations link to (`anchor(n)` is the id each citation points at). References stay in their original language. */
export function ReferenceList({ references, anchor = (n) => `ref-${n}`, labelledBy }: { references: Reference[]; anchor?: (number: number) => string; labelledBy?: string }) {
  return (
    <ol aria-labelledby={labelledBy}>
      {references.map((reference) => (
        <li key={reference.key} id={anchor(reference.number)} value={reference.number}>
          <span lang="en">{reference.reference}</span>{" "}
          {reference.url ? (
            <a href={reference.url} rel="noopener noreferrer" className="reference-url">
              {reference.url}
            </a>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** A page's references section. */
export function References({ references, headingId = "references" }: { references: Reference[]; headingId?: string }) {
  const { t } = useTranslation();
  if (references.length === 0) return null;
  return (
    <section aria-labelledby={headingId} className="references">
      <h2 id={headingId}>{t("lesson.references")}</h2>
      <ReferenceList references={references} />
    </section>
  );
}
