import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumb } from "~/components/breadcrumb";
import { ContentNote } from "~/components/content-note";
import { References } from "~/components/references";
import { calloutLabels } from "~/content/callout-labels.server";
import { lessonTitle, localize, renderTakeaways, requireCourse, requireModule } from "~/content/courses.server";
import { getCourseProgress } from "~/models/completions.server";
import { getT } from "~/utils/i18n.server";
import { getUser } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.module.title} · Trag` : "Trag" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const course = requireCourse(params.courseId);
  const module = requireModule(course, params.moduleId);
  const [user, { language, t }] = await Promise.all([getUser(request), getT(request)]);
  const progress = user ? getCourseProgress(user.id, course) : null;
  const moduleProgress = progress?.modules.find((m) => m.moduleId === module.id) ?? null;
  const takeaways = renderTakeaways(course, module, language, calloutLabels(language, t));
  return {
    course: { id: course.id, title: localize(course.title, language, course) },
    module: {
      id: module.id,
      number: course.modules.indexOf(module) + 1,
      title: localize(module.title, language, course),
      summary: localize(module.summary, language, course),
      contentNote: module.contentNote ? localize(module.contentNote, language, course) : null,
      minutes: module.estimatedMinutes,
      objectives: module.objectives.map((objective) => localize(objective, language, course)),
      hasQuiz: Boolean(module.bank),
    },
    lessons: module.lessons.map((lesson) => ({
      id: lesson.id,
      title: lessonTitle(course, lesson, language),
      kind: lesson.kind,
      minutes: lesson.minutes,
      done: progress?.completedLessonIds.has(lesson.id) ?? false,
    })),
    takeaways,
    progress: moduleProgress,
  };
}

export default function ModulePage() {
  const { t } = useTranslation();
  const { course, module, lessons, takeaways, progress } = useLoaderData<typeof loader>();
  return (
    <div>
      <Breadcrumb
        trail={[
          { to: "/courses", label: t("nav.catalogue") },
          { to: `/courses/${course.id}`, label: course.title },
        ]}
        current={module.title}
      />
      <p className="muted">{t("course.moduleNumber", { number: module.number })}</p>
      <h1>{module.title}</h1>
      <p className="lead">{module.summary}</p>
      {module.contentNote ? <ContentNote text={module.contentNote} /> : null}
      <h2>{t("module.objectives")}</h2>
      <ul>
        {module.objectives.map((objective) => (
          <li key={objective}>{objective}</li>
        ))}
      </ul>
      <h2>{t("module.lessons")}</h2>
      <ol className="lesson-list">
        {lessons.map((lesson) => (
          <li key={lesson.id}>
            <Link to={`/courses/${course.id}/${module.id}/${lesson.id}`}>{lesson.title}</Link>{" "}
            <span className="muted">
              {lesson.kind === "case" ? `${t("lesson.caseLabel")} · ` : null}
              {t("lesson.minutes", { minutes: lesson.minutes })}
            </span>{" "}
            {progress ? <span className={lesson.done ? "status status--complete" : "status"}>{lesson.done ? t("status.complete") : t("status.not-started")}</span> : null}
          </li>
        ))}
      </ol>
      {module.hasQuiz ? (
        <p>
          <Link className="button" to={`/courses/${course.id}/${module.id}/quiz`}>
            {t("module.quiz")}
          </Link>
        </p>
      ) : null}
      {takeaways.html ? (
        <section aria-labelledby="takeaways-heading" className="takeaways">
          <h2 id="takeaways-heading">{t("module.takeaways")}</h2>
          <div dangerouslySetInnerHTML={{ __html: takeaways.html }} />
          <References references={takeaways.references} headingId="takeaway-references" />
        </section>
      ) : null}
    </div>
  );
}
