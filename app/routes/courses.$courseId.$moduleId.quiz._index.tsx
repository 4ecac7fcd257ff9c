import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumb } from "~/components/breadcrumb";
import { CsrfInput } from "~/components/csrf-input";
import { localize } from "~/content/courses.server";
import { getQuizOverview, startAttempt } from "~/quiz/attempts.server";
import { orRespond, quizScope } from "~/quiz/route-helpers.server";
import { readForm } from "~/utils/forms.server";
import { invariantResponse } from "~/utils/http.server";
import { getT } from "~/utils/i18n.server";
import { requirePermission } from "~/utils/session.server";
import type { StringsHandle } from "~/utils/i18n";
import { createDateFormat } from "~/utils/dates";

export const handle: StringsHandle = { i18n: ["quiz"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · Trag` : "Trag" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "quiz:attempt");
  const scope = quizScope(params, user);
  const { language, t } = await getT(request);
  const overview = orRespond(() => getQuizOverview(scope, new Date()));
  const moduleTitle = localize(scope.module.title, language, scope.course);
  return {
    title: t("quiz.overview.title", { module: moduleTitle }),
    course: { id: scope.course.id, title: localize(scope.course.title, language, scope.course) },
    module: { id: scope.module.id, title: moduleTitle },
    settings: {
      questionCount: overview.questionCount,
      passMark: overview.settings.passMark,
      maxAttempts: overview.maxAttempts,
      timeLimitMinutes: overview.settings.timeLimitMinutes,
      extraMinutes: overview.extraMinutes,
      waitMinutes: overview.settings.waitMinutes,
      mode: overview.settings.mode,
    },
    attempts: overview.attempts.map((a) => ({ ...a, startedAt: a.startedAt.toISOString(), finishedAt: a.finishedAt?.toISOString() ?? null })),
    inProgressId: overview.inProgressId,
    attemptsLeft: overview.attemptsLeft,
    nextAttemptAt: overview.nextAttemptAt?.toISOString() ?? null,
    canStart: overview.canStart,
    passed: overview.passed,
    bestScore: overview.bestScore,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "quiz:attempt");
  const scope = quizScope(params, user);
  const form = await readForm(request);
  invariantResponse(form.get("intent") === "start", "errors.form.invalid", 400);
  const attempt = orRespond(() => startAttempt(scope, new Date()));
  return redirect(`/courses/${scope.course.id}/${scope.module.id}/quiz/${attempt.id}`);
}

export default function QuizOverview() {
  const { t, i18n } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const dateTime = createDateFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });
  const base = `/courses/${data.course.id}/${data.module.id}/quiz`;
  return (
    <div className="narrow-wide">
      <Breadcrumb
        trail={[
          { to: `/courses/${data.course.id}`, label: data.course.title },
          { to: `/courses/${data.course.id}/${data.module.id}`, label: data.module.title },
        ]}
        current={t("quiz.overview.crumb")}
      />
      <h1>{data.title}</h1>
      <ul className="facts" aria-label={t("quiz.overview.factsLabel")}>
        <li>{t("quiz.overview.questions", { count: data.settings.questionCount })}</li>
        <li>{t("quiz.overview.passMark", { percent: data.settings.passMark })}</li>
        <li>{t("quiz.overview.attempts", { count: data.settings.maxAttempts })}</li>
        <li>{data.settings.timeLimitMinutes ? t("quiz.overview.timeLimit", { minutes: data.settings.timeLimitMinutes }) : t("quiz.overview.noTimeLimit")}</li>
        {data.settings.extraMinutes ? <li>{t("quiz.overview.extraMinutes", { count: data.settings.extraMinutes })}</li> : null}
        {data.settings.waitMinutes > 0 ? <li>{t("quiz.overview.wait", { minutes: data.settings.waitMinutes })}</li> : null}
        <li>{t(`quiz.overview.mode.${data.settings.mode}`)}</li>
      </ul>
      {data.passed ? (
        <p className="notice" role="status">
          {t("quiz.overview.passed", { percent: data.bestScore })}
          {data.canStart ? <> {t("quiz.result.practice", { percent: data.bestScore })}</> : null}
        </p>
      ) : null}
      {data.inProgressId ? (
        <p>
          <Link className="button" to={`${base}/${data.inProgressId}`}>
            {t("quiz.overview.resume")}
          </Link>
        </p>
      ) : data.canStart ? (
        <Form method="post">
          <CsrfInput />
          <button type="submit" name="intent" value="start" className="button">
            {data.attempts.length === 0 ? t("quiz.overview.start") : t("quiz.overview.retake")}
          </button>
        </Form>
      ) : data.nextAttemptAt ? (
        <p className="notice" role="status">
          {t("quiz.overview.nextAttemptAt", { time: dateTime.format(new Date(data.nextAttemptAt)) })}
        </p>
      ) : data.attemptsLeft === 0 ? (
        <p className="notice" role="status">
          {t("quiz.overview.noAttemptsLeft")}
        </p>
      ) : null}
      {data.attempts.length > 0 ? (
        <>
          <h2>{t("quiz.overview.history")}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("quiz.overview.attempt")}</th>
                  <th scope="col">{t("quiz.overview.started")}</th>
                  <th scope="col">{t("quiz.overview.result")}</th>
                  <th scope="col">{t("quiz.overview.score")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("quiz.overview.review")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.attempts.map((attempt) => (
                  <tr key={attempt.id}>
                    <th scope="row">{attempt.number}</th>
                    <td>{dateTime.format(new Date(attempt.startedAt))}</td>
                    <td>{t(`quiz.status.${attempt.status}`)}</td>
                    <td>{attempt.scorePercent === null ? "—" : t("quiz.percent", { percent: attempt.scorePercent })}</td>
                    <td>
                      {attempt.status === "in-progress" ? null : (
                        <Link to={`${base}/${attempt.id}/review`} aria-label={t("quiz.overview.reviewAttempt", { number: attempt.number })}>
                          {t("quiz.overview.review")}
                        </Link>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}
