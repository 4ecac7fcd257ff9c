import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumb } from "~/components/breadcrumb";
import { ReviewedQuestions } from "~/components/quiz/reviewed-questions";
import { requireManagedGroup } from "~/groups/guards.server";
import { progressFormats } from "~/progress/format";
import { statusKey } from "~/progress/grid";
import { learnerModuleRecord } from "~/progress/learner-module.server";
import { cellPath, gridPath } from "~/progress/paths";
import progressStyles from "~/styles/progress.css?url";
import type { StringsHandle } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";

export const handle: StringsHandle = { i18n: ["progress", "quiz"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: progressStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · Trag` : "Trag" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group } = await requireManagedGroup(request, params);
  const { t, language } = await getT(request);
  const attempt = new URL(request.url).searchParams.get("attempt");
  const record = learnerModuleRecord({ groupId: group.id, userId: params.userId, courseId: params.courseId, moduleId: params.moduleId, attempt, language, t, now: new Date() });
  return {
    title: t("progress.attempts.title", { name: record.learner.fullName, module: record.column.title }),
    group: { id: group.id, name: group.name },
    ...record,
  };
}

export default function LearnerModuleAttempts() {
  const { t, i18n } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const formats = progressFormats(i18n.language);
  const { cell, column } = data;
  const here = cellPath(data.group.id, data.learner.id, column);
  return (
    <div>
      <Breadcrumb
        trail={[{ to: gridPath(data.group.id), label: t("progress.grid.title", { group: data.group.name }) }]}
        current={t("progress.attempts.crumb", { name: data.learner.fullName, module: column.title })}
      />
      <h1>{data.title}</h1>
      <p className="lead">{t("progress.attempts.course", { course: column.courseTitle })}</p>
      <h2>{t("progress.attempts.summary")}</h2>
      <dl className="record-facts">
        <dt>{t("progress.grid.status")}</dt>
        <dd>
          {t(statusKey(cell, column))}
          {cell.completedAt !== null ? ` · ${formats.date(cell.completedAt)}` : ""}
        </dd>
        <dt>{t("progress.attempts.due")}</dt>
        <dd>{formats.date(cell.dueAt)}</dd>
        <dt>{t("progress.attempts.lessons")}</dt>
        <dd>{t("progress.cell.lessons", { done: cell.lessonsDone, total: column.lessonsTotal })}</dd>
      </dl>
      <h2>{t("progress.attempts.list")}</h2>
      {!data.hasQuiz ? (
        <p>{t("progress.attempts.noQuiz")}</p>
      ) : data.attempts.length === 0 ? (
        <p>{t("progress.attempts.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("progress.attempts.list")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("progress.attempts.number")}</th>
                <th scope="col">{t("progress.attempts.started")}</th>
                <th scope="col">{t("progress.attempts.finished")}</th>
                <th scope="col">{t("progress.attempts.timeTaken")}</th>
                <th scope="col">{t("progress.attempts.result")}</th>
                <th scope="col">{t("progress.attempts.score")}</th>
                <th scope="col">{t("progress.attempts.answers")}</th>
              </tr>
            </thead>
            <tbody>
              {data.attempts.map((attempt) => (
                <tr key={attempt.id} className={data.answers?.attemptId === attempt.id ? "attempt-current" : undefined}>
                  <th scope="row">{attempt.number}</th>
                  <td>{formats.dateTime(attempt.startedAt)}</td>
                  <td>{attempt.finishedAt === null ? t("progress.attempts.notFinished") : formats.dateTime(attempt.finishedAt)}</td>
                  <td>{attempt.finishedAt === null ? "—" : formats.duration(attempt.finishedAt - attempt.startedAt)}</td>
                  <td>{t(`progress.attempts.attemptStatus.${attempt.status}`)}</td>
                  <td>{attempt.scorePercent === null ? "—" : formats.percent(attempt.scorePercent)}</td>
                  <td>
                    {attempt.status === "in-progress" ? (
                      "—"
                    ) : data.answers?.attemptId === attempt.id ? (
                      <a href="#answers">{t("progress.attempts.shown")}</a>
                    ) : (
                      <a href={`${here}?attempt=${attempt.id}#answers`}>{t("progress.attempts.showAnswers", { number: attempt.number })}</a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.answers ? (
        <section aria-labelledby="answers">
          <h2 id="answers" tabIndex={-1}>
            {t("progress.attempts.answersHeading", { number: data.answers.number })}
          </h2>
          <p className="muted">{t("progress.attempts.policy")}</p>
          <ReviewedQuestions questions={data.answers.questions} questionCount={data.answers.questionCount} />
        </section>
      ) : null}
    </div>
  );
}
