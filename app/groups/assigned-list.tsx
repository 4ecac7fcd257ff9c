import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TIME_ZONE } from "./due-dates";
import { createDateFormat } from "~/utils/dates";

export type AssignedItem = {
  id: number;
  courseTitle: string;
  wholeCourse: boolean;
  modules: { id: string; title: string; complete: boolean }[];
  groupName: string;
  trainerName: string | null;
  note: string;
  dueAt: string | Date;
  done: boolean;
  overdue: boolean;
  continueTo: string;
  nextTitle: string | null;
  nextIsQuiz: boolean;
};

/** "Assigned to you" on My learning: soonest due first, overdue ones marked in words, not colour alone. */
export function AssignedList({ items }: { items: AssignedItem[] }) {
  const { t, i18n } = useTranslation();
  if (items.length === 0) return null;
  const dateFormat = createDateFormat(i18n.language, { dateStyle: "long", timeZone: TIME_ZONE });
  return (
    <section aria-labelledby="assigned">
      <h2 id="assigned">{t("groups.assigned.title")}</h2>
      <ul className="card-list">
        {items.map((item) => (
          <li key={item.id} className={item.overdue ? "card card--overdue" : "card"} data-assignment={item.id}>
            <h3>{item.wholeCourse ? t("groups.assignments.wholeCourse", { course: item.courseTitle }) : item.courseTitle}</h3>
            {item.wholeCourse ? null : (
              <ul>
                {item.modules.map((module) => (
                  <li key={module.id}>
                    {module.title}
                    {module.complete ? <span className="status status--complete"> · {t("groups.assigned.moduleDone")}</span> : null}
                  </li>
                ))}
              </ul>
            )}
            <p>
              {item.done ? (
                <span className="status status--complete">{t("groups.assigned.done")}</span>
              ) : item.overdue ? (
                <strong className="status status--overdue">{t("groups.assigned.overdue", { date: dateFormat.format(new Date(item.dueAt)) })}</strong>
              ) : (
                t("groups.assignments.due", { date: dateFormat.format(new Date(item.dueAt)) })
              )}
            </p>
            <p className="muted">{item.trainerName ? t("groups.assigned.from", { group: item.groupName, trainer: item.trainerName }) : t("groups.assigned.fromGroup", { group: item.groupName })}</p>
            {item.note ? (
              <blockquote className="assignment-note">
                <p className="visually-hidden">{t("groups.assigned.note")}</p>
                <p>{item.note}</p>
              </blockquote>
            ) : null}
            {item.done ? null : (
              <p>
                <Link className="button" to={item.continueTo} aria-describedby={item.nextTitle ? `assigned-next-${item.id}` : undefined}>
                  {t("dashboard.continue")}
                </Link>{" "}
                {item.nextTitle ? (
                  <span id={`assigned-next-${item.id}`} className="muted">
                    {t(item.nextIsQuiz ? "groups.assigned.nextQuiz" : "dashboard.next", { title: item.nextTitle })}
                  </span>
                ) : null}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
