import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumb } from "~/components/breadcrumb";
import { ProgressBar } from "~/components/progress-bar";
import { localize, requireCourse } from "~/content/courses.server";
import { WhatsNewSection } from "~/components/whats-new";
import { getWhatsNew } from "~/learning/whats-new.server";
import { getCourseProgress } from "~/models/completions.server";
import { getT } from "~/utils/i18n.server";
import { getUser } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.course.title} · Trag` : "Trag" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const course = requireCourse(params.courseId);
  const [user, { language }] = await Promise.all([getUser(request), getT(request)]);
  const progress = user ? getCourseProgress(user.id, course) : null;
  const firstLesson = course.modules[0]?.lessons[0];
  const next = progress?.nextLessonId ?? firstLesson?.id;
  const nextModule = course.modules.find((m) => m.lessons.some((l) => l.id === next));
  return {
    course: {
      id: course.id,
      title: localize(course.title, language, course),
      summary: localize(course.summary, language, course),
      audience: course.audience ? localize(course.audience, language, course) : null,
    },
    modules: course.modules.map((module, i) => ({
      id: module.id,
      number: i + 1,
      title: localize(module.title, language, course),
      summary: localize(module.summary, language, course),
      minutes: module.estimatedMinutes,
      lessons: module.lessons.length,
      progress: progress?.modules[i] ?? null,
    })),
    percent: progress?.percent ?? null,
    complete: progress?.complete ?? false,
    continueTo: next && nextModule ? `/courses/${course.id}/${nextModule.id}/${next}` : null,
    signedIn: Boolean(user),
    whatsNew: user ? getWhatsNew(user.id, course, language) : null,
  };
}

export default function CoursePage() {
  const { t } = useTranslation();
  const { course, modules, percent, complete, continueTo, signedIn, whatsNew } = useLoaderData<typeof loader>();
  return (
    <div>
      <Breadcrumb trail={[{ to: "/courses", label: t("nav.catalogue") }]} current={course.title} />
      <h1>{course.title}</h1>
      <p className="lead">{course.summary}</p>
      {course.audience ? <p>{course.audience}</p> : null}
      {percent !== null ? <ProgressBar percent={percent} label={t("progressBar.courseLabel", { title: course.title })} /> : null}
      {complete ? (
        <p className="notice" role="status">
          {t("course.complete")}
        </p>
      ) : null}
      {whatsNew ? <WhatsNewSection courseId={course.id} whatsNew={whatsNew} /> : null}
      <p className="actions">
        {signedIn ? (
          continueTo ? (
            <Link className="button" to={continueTo}>
              {percent ? t("course.continue") : t("course.start")}
            </Link>
          ) : null
        ) : (
          <Link className="button" to={`/login?redirectTo=/courses/${course.id}`}>
            {t("course.signInToStudy")}
          </Link>
        )}{" "}
        <Link to={`/courses/${course.id}/glossary`}>{t("glossary.title")}</Link>
      </p>
      <h2>{t("course.modules")}</h2>
      <ol className="module-list">
        {modules.map((module) => (
          <li key={module.id} className="card">
            <h3>
              <Link to={`/courses/${course.id}/${module.id}`}>
                <span className="muted">{t("course.moduleNumber", { number: module.number })}</span> {module.title}
              </Link>
            </h3>
            <p>{module.summary}</p>
            <p className="muted">{t("course.moduleMeta", { lessons: module.lessons, minutes: module.minutes })}</p>
            {module.progress ? (
              <p className={`status status--${module.progress.status}`}>
                {t(`status.${module.progress.status}`)} · {t("course.lessonsDone", { done: module.progress.lessonsDone, total: module.progress.lessonsTotal })}
                {module.progress.quizRequired ? ` · ${module.progress.quizPassed ? t("course.quizPassed") : t("course.quizPending")}` : null}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
