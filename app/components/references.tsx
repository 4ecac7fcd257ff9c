import { useTranslation } from "react-i18next";
import type { Reference } from "~/content/markdown.server";

function Cited({ reference, url }: { reference: string; url?: string }) {
  return (
    <>
      <span lang="en">{reference}</span>{" "}
      {url ? (
        <a href={url} rel="noopener noreferrer" className="reference-url">
          {url}
        </a>
      ) : null}
    </>
  );
}

/**
 * The numbered list that a text's citations link to (`anchor(n)` is the id each citation points at). References stay in their original language.
 * A reproduction is labelled as one, after the primary document when the source names it.
 */
export function ReferenceList({ references, anchor = (n) => `ref-${n}`, labelledBy }: { references: Reference[]; anchor?: (number: number) => string; labelledBy?: string }) {
  const { t } = useTranslation();
  return (
    <ol aria-labelledby={labelledBy}>
      {references.map((reference) => (
        <li key={reference.key} id={anchor(reference.number)} value={reference.number}>
          {reference.primary ? (
            <>
              <Cited {...reference.primary} />{" "}
            </>
          ) : null}
          {reference.reproduction ? <span className="reference-label">{t(reference.primary ? "lesson.readInReproduction" : "lesson.reproduction")}</span> : null}{" "}
          <Cited reference={reference.reference} url={reference.url} />
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
