import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProgressBar } from "~/components/progress-bar";
import { getCourses, localize } from "~/content/courses.server";
import type { Language } from "~/content/languages";
import { getCourseProgress } from "~/models/completions.server";
import { intlLocale } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { getUser } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, { language, t }] = await Promise.all([getUser(request), getT(request)]);
  const courses = getCourses().map((course) => ({
    id: course.id,
    title: localize(course.title, language, course),
    summary: localize(course.summary, language, course),
    audience: course.audience ? localize(course.audience, language, course) : null,
    modules: course.modules.length,
    minutes: course.modules.reduce((sum, m) => sum + m.estimatedMinutes, 0),
    percent: user ? getCourseProgress(user.id, course).percent : null,
  }));
  return { title: `${t("catalogue.title")} · Trag`, courses };
}

export default function Catalogue() {
  const { t, i18n } = useTranslation();
  const { courses } = useLoaderData<typeof loader>();
  const hours = new Intl.NumberFormat(intlLocale(i18n.language as Language), { style: "unit", unit: "hour", unitDisplay: "long", maximumFractionDigits: 1 });
  return (
    <div>
      <h1>{t("catalogue.title")}</h1>
      <p className="lead">{t("catalogue.intro")}</p>
      <ul className="card-list">
        {courses.map((course) => (
          <li key={course.id} className="card">
            <h2>
              <Link to={`/courses/${course.id}`}>{course.title}</Link>
            </h2>
            <p>{course.summary}</p>
            {course.audience ? <p className="muted">{course.audience}</p> : null}
            <p className="muted">{t("catalogue.meta", { modules: course.modules, duration: hours.format(course.minutes / 60) })}</p>
            {course.percent !== null ? <ProgressBar percent={course.percent} label={t("progressBar.courseLabel", { title: course.title })} /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
