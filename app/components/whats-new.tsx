import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { WhatsNew } from "~/learning/whats-new.server";

/** For a learner who completed an earlier version: what is new, and which modules to complete again. */
export function WhatsNewSection({ courseId, whatsNew, headingLevel = 2 }: { courseId: string; whatsNew: NonNullable<WhatsNew>; headingLevel?: 2 | 4 }) {
  const { t } = useTranslation();
  const Heading = `h${headingLevel}` as const;
  const Sub = `h${headingLevel + 1}` as "h3" | "h5";
  const id = `whats-new-${courseId}`;
  return (
    <section className="notice" aria-labelledby={id}>
      <Heading id={id}>{t("course.whatsNew.title", { version: whatsNew.completedVersion })}</Heading>
      <p>{t("course.whatsNew.intro", { completed: whatsNew.completedVersion, current: whatsNew.currentVersion })}</p>
      {whatsNew.changes.map((change) => (
        <div key={change.version}>
          <Sub>{t("course.whatsNew.version", { version: change.version })}</Sub>
          {change.note ? <p>{change.note}</p> : null}
          {change.modules.length > 0 ? (
            <ul>
              {change.modules.map((module) => (
                <li key={module.id}>
                  <Link to={`/courses/${courseId}/${module.id}`}>
                    {t("course.moduleNumber", { number: module.number })}: {module.title}
                  </Link>{" "}
                  {module.whatsNew}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
    </section>
  );
}
