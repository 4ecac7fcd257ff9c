import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProgressBar } from "~/components/progress-bar";
import { findCourse, findLesson, localize } from "~/content/courses.server";
import { getCourseProgress } from "~/models/completions.server";
import { getEnrolments } from "~/models/progress.server";
import { getT } from "~/utils/i18n.server";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "course:study");
  const { language, t } = await getT(request);
  const courses = getEnrolments(user.id).flatMap((enrolment) => {
    const course = findCourse(enrolment.courseId);
    if (!course) return [];
    const progress = getCourseProgress(user.id, course);
    const next = progress.nextLessonId ? findLesson(course, progress.nextLessonId) : undefined;
    return [
      {
        id: course.id,
        title: localize(course.title, language, course),
        percent: progress.percent,
        complete: progress.complete,
        continueTo: next ? `/courses/${course.id}/${next.module.id}/${next.lesson.id}` : `/courses/${course.id}`,
        nextTitle: next ? localize({ en: next.lesson.versions.en.title, "sr-Latn": next.lesson.versions["sr-Latn"].title }, language, course) : null,
        lastVisitedAt: enrolment.lastVisitedAt.toISOString(),
      },
    ];
  });
  return { title: `${t("dashboard.title")} · Trag`, name: user.fullName, courses };
}

export default function MyLearning() {
  const { t, i18n } = useTranslation();
  const { name, courses } = useLoaderData<typeof loader>();
  const dateFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: "long" });
  const inProgress = courses.filter((c) => !c.complete);
  const completed = courses.filter((c) => c.complete);
  return (
    <div>
      <h1>{t("dashboard.title")}</h1>
      <p className="lead">{t("dashboard.welcome", { name })}</p>
      <h2>{t("dashboard.inProgress")}</h2>
      {inProgress.length === 0 ? (
        <p>
          {t("dashboard.nothing")} <Link to="/courses">{t("dashboard.browse")}</Link>
        </p>
      ) : (
        <ul className="card-list">
          {inProgress.map((course) => (
            <li key={course.id} className="card">
              <h3>{course.title}</h3>
              <ProgressBar percent={course.percent} label={t("progress.courseLabel", { title: course.title })} />
              <p className="muted">{t("dashboard.lastVisited", { date: dateFormat.format(new Date(course.lastVisitedAt)) })}</p>
              <p>
                <Link className="button" to={course.continueTo} aria-describedby={`next-${course.id}`}>
                  {t("dashboard.continue")}
                </Link>{" "}
                {course.nextTitle ? (
                  <span id={`next-${course.id}`} className="muted">
                    {t("dashboard.next", { title: course.nextTitle })}
                  </span>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
      {completed.length > 0 ? (
        <>
          <h2>{t("dashboard.completed")}</h2>
          <ul className="card-list">
            {completed.map((course) => (
              <li key={course.id} className="card">
                <h3>
                  <Link to={`/courses/${course.id}`}>{course.title}</Link>
                </h3>
                <p className="status status--complete">{t("status.complete")}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
