import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Breadcrumb } from "~/components/breadcrumb";
import { z } from "zod";
import { ContentNote } from "~/components/content-note";
import { CsrfInput } from "~/components/csrf-input";
import { References } from "~/components/references";
import { calloutLabels } from "~/content/callout-labels.server";
import { findLesson, lessonTitle, localize, renderLesson, requireCourse } from "~/content/courses.server";
import { getCourseProgress } from "~/models/completions.server";
import { markLessonComplete, markLessonIncomplete, recordLessonVisit } from "~/models/progress.server";
import { readForm } from "~/utils/forms.server";
import { invariantResponse } from "~/utils/http.server";
import { htmlFragment, useHtmlFragment } from "~/utils/html-fragments";
import { getT } from "~/utils/i18n.server";
import { requirePermission } from "~/utils/session.server";
import { useHydrated } from "~/utils/use-hydrated";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.lesson.title} · Trag` : "Trag" }];

const LESSON_BODY_ID = "lesson-body";

function requireLesson(params: LoaderFunctionArgs["params"]) {
  const course = requireCourse(params.courseId);
  const found = params.lessonId ? findLesson(course, params.lessonId) : undefined;
  invariantResponse(found && found.module.id === params.moduleId, "errors.lesson.unknown", 404);
  return { course, ...found };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "course:study");
  const { course, module, lesson, previous, next } = requireLesson(params);
  const { language, t } = await getT(request);
  recordLessonVisit(user.id, course.id, lesson.id, new Date());
  const progress = getCourseProgress(user.id, course);
  const rendered = renderLesson(course, lesson, language, calloutLabels(language, t));
  const link = (entry: typeof previous) =>
    entry && {
      href: `/courses/${course.id}/${entry.module.id}/${entry.lesson.id}`,
      title: lessonTitle(course, entry.lesson, language),
    };
  return {
    course: { id: course.id, title: localize(course.title, language, course) },
    module: {
      id: module.id,
      title: localize(module.title, language, course),
      contentNote: module.contentNote && module.lessons[0] === lesson ? localize(module.contentNote, language, course) : null,
      position: { lesson: module.lessons.indexOf(lesson) + 1, of: module.lessons.length },
      isLastLesson: module.lessons[module.lessons.length - 1] === lesson,
      hasQuiz: Boolean(module.bank),
    },
    lesson: {
      id: lesson.id,
      kind: lesson.kind,
      minutes: lesson.minutes,
      title: rendered.title,
      html: htmlFragment(context, LESSON_BODY_ID, rendered.html),
      headings: rendered.headings.filter((h) => h.level === 2),
      references: rendered.references,
    },
    done: progress.completedLessonIds.has(lesson.id),
    previous: link(previous),
    next: link(next),
  };
}

const LessonActionSchema = z.object({ intent: z.enum(["complete", "incomplete"]) });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "course:study");
  const { course, lesson, next } = requireLesson(params);
  const parsed = LessonActionSchema.safeParse(Object.fromEntries(await readForm(request)));
  invariantResponse(parsed.success, "errors.form.invalid", 400);
  if (parsed.data.intent === "incomplete") {
    markLessonIncomplete(user.id, course.id, lesson.id);
    return redirect(new URL(request.url).pathname);
  }
  markLessonComplete(user.id, course, lesson.id, new Date());
  return redirect(next ? `/courses/${course.id}/${next.module.id}/${next.lesson.id}` : `/courses/${course.id}`);
}

/** Printing shows the discussion of every decision point, which the screen keeps folded. */
function useOpenDetailsForPrint() {
  useEffect(() => {
    const open = () => document.querySelectorAll(".lesson__body details").forEach((details) => details.setAttribute("open", ""));
    window.addEventListener("beforeprint", open);
    return () => window.removeEventListener("beforeprint", open);
  }, []);
}

export default function LessonPage() {
  const { t } = useTranslation();
  useOpenDetailsForPrint();
  const { course, module, lesson, done, previous, next } = useLoaderData<typeof loader>();
  const body = useHtmlFragment(LESSON_BODY_ID, lesson.html);
  const hydrated = useHydrated();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="lesson-layout">
      <Breadcrumb
        trail={[
          { to: `/courses/${course.id}`, label: course.title },
          { to: `/courses/${course.id}/${module.id}`, label: module.title },
        ]}
        current={lesson.title}
      />
      <article className="lesson" aria-labelledby="lesson-title">
        <header className="lesson__header">
          <p className="muted">
            {t("lesson.position", module.position)}
            {lesson.kind === "case" ? ` · ${t("lesson.caseLabel")}` : null} · {t("lesson.minutes", { minutes: lesson.minutes })}
          </p>
          <h1 id="lesson-title">{lesson.title}</h1>
          <p className="lesson__tools">
            {hydrated ? (
              <button type="button" className="button button--secondary" onClick={() => window.print()}>
                {t("lesson.print")}
              </button>
            ) : null}{" "}
            <Link to={`/courses/${course.id}/glossary`}>{t("glossary.title")}</Link>
          </p>
        </header>
        {module.contentNote ? <ContentNote text={module.contentNote} /> : null}
        {lesson.headings.length > 1 ? (
          <nav aria-label={t("lesson.contents")} className="toc">
            <h2 className="toc__title">{t("lesson.contents")}</h2>
            <ul>
              {lesson.headings.map((heading) => (
                <li key={heading.id}>
                  <a href={`#${heading.id}`}>{heading.text}</a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <div id={LESSON_BODY_ID} className="lesson__body" dangerouslySetInnerHTML={{ __html: body }} />
        <References references={lesson.references} />
      </article>
      <section className="lesson__complete" aria-labelledby="completion-heading">
        <h2 id="completion-heading" className="visually-hidden">
          {t("lesson.completion")}
        </h2>
        {done ? (
          <Form method="post">
            <CsrfInput />
            <p className="status status--complete" role="status">
              {t("lesson.completed")}
            </p>
            <button type="submit" name="intent" value="incomplete" className="button button--secondary" disabled={busy}>
              {t("lesson.markIncomplete")}
            </button>
          </Form>
        ) : (
          <Form method="post">
            <CsrfInput />
            <button type="submit" name="intent" value="complete" className="button" disabled={busy}>
              {t("lesson.markComplete")}
            </button>
          </Form>
        )}
        {module.isLastLesson && module.hasQuiz ? (
          <p>
            <Link to={`/courses/${course.id}/${module.id}/quiz`}>{t("lesson.toQuiz")}</Link>
          </p>
        ) : null}
      </section>
      <nav aria-label={t("lesson.pager")} className="pager">
        {previous ? (
          <Link to={previous.href} rel="prev">
            <span className="pager__label">{t("lesson.previous")}</span> {previous.title}
          </Link>
        ) : (
          <span />
        )}
        {next ? (
          <Link to={next.href} rel="next">
            <span className="pager__label">{t("lesson.next")}</span> {next.title}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
