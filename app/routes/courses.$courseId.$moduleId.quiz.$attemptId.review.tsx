import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumb } from "~/components/breadcrumb";
import { CsrfInput } from "~/components/csrf-input";
import { ReviewedQuestions } from "~/components/quiz/reviewed-questions";
import { localize } from "~/content/courses.server";
import { getCourseProgress } from "~/models/completions.server";
import { reviewedQuestions } from "~/quiz/attempt-view.server";
import { attemptsLeftAfter, getQuizOverview } from "~/quiz/attempts.server";
import { answersWithheld } from "~/quiz/reveal";
import { loadAttemptPage, orRespond } from "~/quiz/route-helpers.server";
import type { StringsHandle } from "~/utils/i18n";
import { createDateFormat } from "~/utils/dates";

export const handle: StringsHandle = { i18n: ["quiz"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · Trag` : "Trag" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const now = new Date();
  const { user, scope, loaded, t, language, base, context } = await loadAttemptPage(request, params, now);
  const { attempt } = loaded;
  if (attempt.status === "in-progress") throw redirect(`${base}/${attempt.id}`);
  const overview = orRespond(() => getQuizOverview(scope, now));
  const passed = attempt.status === "passed";
  const attemptsLeft = attemptsLeftAfter(scope, attempt);
  const moment = { finished: true, passed, attemptsLeft };
  const questions = reviewedQuestions(context, attempt, loaded.answers, moment);
  const moduleTitle = localize(scope.module.title, language, scope.course);
  const progress = getCourseProgress(user.id, scope.course);
  return {
    title: t("quiz.result.title", { module: moduleTitle, number: attempt.number }),
    base,
    course: { id: scope.course.id, complete: progress.complete },
    module: { id: scope.module.id, title: moduleTitle },
    questionCount: attempt.questionIds.length,
    attempt: { id: attempt.id, number: attempt.number, passed, scorePercent: attempt.scorePercent ?? 0, expired: quizExpired(loaded.view.status) },
    passMark: scope.module.quizSettings.passMark,
    attemptsLeft: overview.attemptsLeft,
    nextAttemptAt: overview.nextAttemptAt?.toISOString() ?? null,
    canStart: overview.canStart,
    bestScore: overview.bestScore,
    answersWithheld: questions.some((q) => q.answered) ? answersWithheld(scope.module.quizSettings.reveal, moment) : null,
    questions,
  };
}

function quizExpired(status: string) {
  return status === "expired";
}

export default function AttemptReview() {
  const { t, i18n } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const dateTime = createDateFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });
  return (
    <div className="quiz">
      <Breadcrumb
        trail={[
          { to: `/courses/${data.course.id}/${data.module.id}`, label: data.module.title },
          { to: data.base, label: t("quiz.overview.crumb") },
        ]}
        current={t("quiz.attempt.crumb", { number: data.attempt.number })}
      />
      <h1>{data.title}</h1>
      <section aria-labelledby="result-heading" className={data.attempt.passed ? "result-box result-box--passed" : "result-box result-box--failed"}>
        <h2 id="result-heading">{data.attempt.passed ? t("quiz.result.passed") : t("quiz.result.failed")}</h2>
        <p>{t("quiz.result.score", { percent: data.attempt.scorePercent, passMark: data.passMark })}</p>
        {data.attempt.expired ? <p>{t("quiz.result.expired")}</p> : null}
        <p>{t("quiz.result.attemptsLeft", { count: data.attemptsLeft })}</p>
        {data.attempt.passed && data.attemptsLeft > 0 && data.bestScore !== null ? <p data-practice="">{t("quiz.result.practice", { percent: data.bestScore })}</p> : null}
        {data.nextAttemptAt ? <p>{t("quiz.overview.nextAttemptAt", { time: dateTime.format(new Date(data.nextAttemptAt)) })}</p> : null}
        {data.course.complete ? (
          <p className="notice" role="status">
            {t("course.complete")} <Link to="/my-learning">{t("nav.myLearning")}</Link>
          </p>
        ) : null}
        {data.canStart && !data.attempt.passed ? (
          <Form method="post" action={data.base}>
            <CsrfInput />
            <button type="submit" name="intent" value="start" className="button">
              {t("quiz.overview.retake")}
            </button>
          </Form>
        ) : null}
        <p>
          <Link to={`/courses/${data.course.id}/${data.module.id}`}>{t("quiz.result.backToModule")}</Link>
        </p>
      </section>
      <h2>{t("quiz.result.questions")}</h2>
      {data.answersWithheld ? (
        <p className="notice" data-withheld={data.answersWithheld}>
          {t(data.answersWithheld === "never" ? "quiz.result.answersNever" : "quiz.result.answersLater")}
        </p>
      ) : null}
      <ReviewedQuestions questions={data.questions} questionCount={data.questionCount} />
    </div>
  );
}
