import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  useActionData,
  useParams,
  useRouteError,
  useFetcher,
  useLoaderData,
  useNavigation,
  useRevalidator,
  type Params,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useActorRef, useSelector } from "@xstate/react";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Breadcrumb } from "~/components/breadcrumb";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { QuestionFields } from "~/components/quiz/question-fields";
import { QuizTimer } from "~/components/quiz/quiz-timer";
import { RevealedAnswer } from "~/components/quiz/revealed-answer";
import { localize } from "~/content/courses.server";
import { browserSnapshot, questionPage, requireQuestion, revealedPage } from "~/quiz/attempt-view.server";
import { attemptsLeftAfter, finishAttempt, navigate, submitAnswer, type NavigationEvent } from "~/quiz/attempts.server";
import { quizMachine, quizView } from "~/quiz/quiz.machine";
import { loadAttemptPage, orRespond, parseAttemptId, quizScope } from "~/quiz/route-helpers.server";
import { readForm } from "~/utils/forms.server";
import { invariantResponse } from "~/utils/http.server";
import { requirePermission } from "~/utils/session.server";
import { useHydrated } from "~/utils/use-hydrated";
import { isPageDataReply } from "~/utils/page-data-reply";
import type { StringsHandle } from "~/utils/i18n";

export const handle: StringsHandle = { i18n: ["quiz"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · Trag` : "Trag" }];

export function loader({ request, params }: LoaderFunctionArgs) {
  return attemptPageData(request, params, new Date());
}

/** The page's data: for its loader, and in the reply to an answer the browser saved in the background. */
async function attemptPageData(request: Request, params: Params, now: Date) {
  const { scope, loaded, t, language, base, context } = await loadAttemptPage(request, params, now);
  const { attempt } = loaded;
  if (attempt.status !== "in-progress") throw redirect(`${base}/${attempt.id}/review`);
  const settings = scope.module.quizSettings;
  const questions = attempt.questionIds.map((id, i) => questionPage(context, requireQuestion(scope.module, id), attempt.optionOrder, i + 1, loaded.answers.get(id) ?? null));
  // Immediate mode: a graded question is locked and may show feedback as the policy allows.
  const { locked } = loaded.snapshot.context;
  // Asked only then: it reads every attempt and the trainer's allowance.
  const attemptsLeft = locked.length > 0 ? attemptsLeftAfter(scope, attempt) : 0;
  const revealed = Object.fromEntries(
    locked.flatMap((id) => {
      const answer = loaded.answers.get(id);
      const page = answer ? revealedPage(context, requireQuestion(scope.module, id), attempt.optionOrder, answer, { finished: true, passed: false, attemptsLeft }) : null;
      return page ? [[id, page]] : [];
    }),
  );
  const moduleTitle = localize(scope.module.title, language, scope.course);
  return {
    title: t("quiz.attempt.title", { module: moduleTitle, number: attempt.number }),
    base,
    course: { id: scope.course.id, title: localize(scope.course.title, language, scope.course) },
    module: { id: scope.module.id, title: moduleTitle },
    attempt: { id: attempt.id, number: attempt.number, revision: attempt.revision, mode: settings.mode, navigation: settings.navigation },
    deadline: loaded.deadline ? new Date(loaded.deadline).toISOString() : null,
    serverNow: now.toISOString(),
    machine: browserSnapshot(loaded.snapshot),
    questions,
    revealed,
    answered: [...loaded.answers.keys()],
  };
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.enum(["save", "check"]), questionId: z.string().min(1).max(100), revision: z.coerce.number().int().min(0) }),
  z.object({ intent: z.enum(["next", "previous", "review"]) }),
  z.object({ intent: z.literal("goto"), index: z.coerce.number().int().min(0).max(1000) }),
  z.object({ intent: z.literal("finish"), revision: z.coerce.number().int().min(0) }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "quiz:attempt");
  const scope = quizScope(params, user);
  const attemptId = parseAttemptId(params.attemptId);
  const formData = await readForm(request);
  const fields = Object.fromEntries([...formData.entries()].filter(([k]) => ["intent", "questionId", "revision", "index"].includes(k)));
  // Summary buttons say which question in their value ("goto:3"), so they work as plain form buttons.
  const [intent, index] = String(fields.intent ?? "").split(":");
  const parsed = ActionSchema.safeParse({ ...fields, intent, ...(index === undefined ? {} : { index }) });
  invariantResponse(parsed.success, "errors.form.invalid", 400);
  const form = parsed.data;
  const here = `/courses/${scope.course.id}/${scope.module.id}/quiz/${attemptId}`;
  const now = new Date();
  if (form.intent === "save" || form.intent === "check") {
    const result = orRespond(() => submitAnswer(scope, { attemptId, revision: form.revision, questionId: form.questionId, formData, advance: form.intent === "save" }, now));
    if (!result.ok) return data({ error: result.error, questionId: form.questionId }, { status: 400 });
    // The browser's form (marked `background`) gets the page's new data in the reply; a plain form is redirected to the page.
    if (formData.get("background") !== "1") return redirect(here);
    return { pageData: await attemptPageData(request, params, now) };
  }
  return orRespond(() => {
    switch (form.intent) {
      case "finish":
        finishAttempt(scope, attemptId, form.revision, now);
        return redirect(`${here}/review`);
      case "goto":
        navigate(scope, attemptId, { type: "quiz.goto", index: form.index }, now);
        return movedResponse(formData, here);
      default:
        navigate(scope, attemptId, { type: `quiz.${form.intent}` } as NavigationEvent, now);
        return movedResponse(formData, here);
    }
  });
}

/** A refused answer (time up, finished, changed in another tab) says why and leads back to the attempt or its result. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const params = useParams();
  if (!isRouteErrorResponse(error) || error.status !== 409) return <GeneralErrorBoundary />;
  const here = `/courses/${params.courseId}/${params.moduleId}/quiz/${params.attemptId}`;
  return (
    <div className="error-page">
      <h1>{t("errors.status.409.title")}</h1>
      <p className="error-detail">{t(String(error.data))}</p>
      <ul>
        <li>
          <Link to={here} reloadDocument>
            {t("quiz.attempt.backToAttempt")}
          </Link>
        </li>
        <li>
          <Link to={`${here}/review`}>{t("quiz.attempt.seeResult")}</Link>
        </li>
      </ul>
    </div>
  );
}

/**
 * A plain form's move redirects back to the page. The browser's background copy (marked
 * `background`) gets no redirect: a fetcher's redirect becomes a navigation, which would
 * swallow a button the learner clicks meanwhile (e.g. "Finish" right after the summary appears).
 */
function movedResponse(formData: FormData, here: string) {
  return formData.get("background") === "1" ? data({ moved: true }) : redirect(here);
}

/** Navigation is already shown by the browser's copy of the machine, and a saved answer's reply carries the new data: no need to reload the page for either. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, actionResult, defaultShouldRevalidate }) => {
  if (isPageDataReply(actionResult)) return false;
  const intent = formData?.get("intent");
  if (intent === "next" || intent === "previous" || intent === "goto" || intent === "review") return false;
  return defaultShouldRevalidate;
};

/** The fetcher the question form saves through, shared by the page and its player (which restarts on each save). */
const ANSWER_FETCHER = "quiz-answer";

type AttemptPageData = Awaited<ReturnType<typeof attemptPageData>>;

export default function AttemptPage() {
  const loaderData = useLoaderData<typeof loader>();
  const saved = useFetcher<typeof action>({ key: ANSWER_FETCHER }).data;
  // The reply to the last answer saved in the background, until the loader's data is as new (a reload, the time running out).
  const isNewer = isPageDataReply(saved) && saved.pageData.attempt.id === loaderData.attempt.id && saved.pageData.attempt.revision > loaderData.attempt.revision;
  const page = isNewer ? saved.pageData : loaderData;
  const [firstRevision] = useState(page.attempt.revision);
  // A new revision (an answer was saved) restarts the browser's machine from the server's state.
  return <QuizPlayer key={page.attempt.revision} page={page} afterSave={page.attempt.revision !== firstRevision} />;
}

function QuizPlayer({ page, afterSave }: { page: AttemptPageData; afterSave: boolean }) {
  // After a save the old form is gone and the focus with it: bring it back to the quiz, not the top of the page.
  useEffect(() => {
    if (afterSave && (document.activeElement === null || document.activeElement === document.body)) document.getElementById("quiz-main")?.focus();
  }, [afterSave]);
  const { t } = useTranslation();
  const saver = useFetcher<typeof action>({ key: ANSWER_FETCHER });
  // A refused answer comes back to the saver with JavaScript, and as the page's action data without.
  const actionData = useActionData<typeof action>() ?? saver.data;
  const hydrated = useHydrated();
  const fetcher = useFetcher();
  const revalidator = useRevalidator();
  const busy = useNavigation().state !== "idle" || saver.state !== "idle";
  const actor = useActorRef(quizMachine, { snapshot: page.machine, input: { ...page.machine.context } });
  const view = useSelector(actor, (snapshot) => quizView(snapshot));
  const { questions, attempt, revealed, base } = page;
  const answered = new Set(page.answered);
  const onExpired = useCallback(() => revalidator.revalidate(), [revalidator]);

  /** With JavaScript the browser's machine moves at once and the server is told in the background. */
  const move = (event: React.MouseEvent<HTMLButtonElement>) => {
    if (!hydrated) return;
    event.preventDefault();
    const { value } = event.currentTarget;
    const [intent, index] = value.split(":");
    const now = Date.now();
    if (intent === "goto") actor.send({ type: "quiz.goto", index: Number(index), now });
    else actor.send({ type: `quiz.${intent}` as "quiz.next" | "quiz.previous" | "quiz.review", now });
    const form = new FormData();
    form.set("csrf", (document.querySelector('input[name="csrf"]') as HTMLInputElement | null)?.value ?? "");
    form.set("intent", intent);
    form.set("background", "1");
    if (index !== undefined) form.set("index", index);
    fetcher.submit(form, { method: "post" });
    document.getElementById("quiz-main")?.focus();
  };

  const question = questions[view.currentIndex];
  const error = actionData && "error" in actionData && actionData.questionId === question?.id ? actionData.error : null;

  return (
    <div className="quiz">
      <Breadcrumb
        trail={[
          { to: `/courses/${page.course.id}/${page.module.id}`, label: page.module.title },
          { to: base, label: t("quiz.overview.crumb") },
        ]}
        current={t("quiz.attempt.crumb", { number: attempt.number })}
      />
      <h1>{page.title}</h1>
      {page.deadline ? <QuizTimer deadline={page.deadline} serverNow={page.serverNow} onExpired={onExpired} /> : null}
      <p className="muted" aria-live="polite">
        {t("quiz.attempt.progress", { answered: answered.size, total: questions.length })}
      </p>
      <div id="quiz-main" tabIndex={-1}>
        {view.status === "expired" ? (
          <p className="notice" role="alert">
            {t("quiz.attempt.timeUp")} <Link to={`${base}/${attempt.id}/review`}>{t("quiz.attempt.seeResult")}</Link>
          </p>
        ) : view.status === "reviewing" ? (
          <section aria-labelledby="summary-heading">
            <h2 id="summary-heading">{t("quiz.summary.title")}</h2>
            {view.unansweredIds.length > 0 ? <p className="notice">{t("quiz.summary.unanswered", { count: view.unansweredIds.length })}</p> : <p>{t("quiz.summary.allAnswered")}</p>}
            <Form method="post" className="summary-list">
              <CsrfInput />
              <ol>
                {questions.map((q, i) => (
                  <li key={q.id}>
                    <button type="submit" name="intent" value={`goto:${i}`} onClick={move} className="link-button" formNoValidate>
                      {t("quiz.summary.question", { number: i + 1 })}
                    </button>{" "}
                    <span className={answered.has(q.id) ? "status status--complete" : "status"}>{answered.has(q.id) ? t("quiz.summary.answered") : t("quiz.summary.notAnswered")}</span>
                  </li>
                ))}
              </ol>
            </Form>
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="revision" value={attempt.revision} />
              <button type="submit" name="intent" value="finish" className="button" disabled={busy}>
                {t("quiz.summary.finish")}
              </button>
            </Form>
          </section>
        ) : question ? (
          <section aria-labelledby="question-heading" className="question">
            <h2 id="question-heading">{t("quiz.attempt.question", { number: question.number, total: questions.length })}</h2>
            <p className="prompt" id="question-prompt">
              {question.prompt}
            </p>
            {question.case ? (
              // After the prompt, so that on a phone the question leads; open on the first question of the attempt that
              // uses the case and collapsed on the others (read by then). A <details>, not an <aside>: a complementary
              // landmark may not sit inside the question's region.
              <details className="callout callout-case" open={questions.findIndex((q) => q.case?.id === question.case?.id) === view.currentIndex} key={`case-${question.id}`}>
                <summary className="callout-title">{t("quiz.attempt.case", { title: question.case.title })}</summary>
                <div dangerouslySetInnerHTML={{ __html: question.caseHtml ?? "" }} />
              </details>
            ) : null}
            {error ? (
              <p className="field__error" role="alert" id="answer-error">
                {t(error)}
              </p>
            ) : null}
            <saver.Form method="post" aria-describedby={error ? "question-prompt answer-error" : "question-prompt"} key={question.id}>
              <CsrfInput />
              {hydrated ? <input type="hidden" name="background" value="1" /> : null}
              <input type="hidden" name="questionId" value={question.id} />
              <input type="hidden" name="revision" value={attempt.revision} />
              <QuestionFields question={question} disabled={view.status === "feedback"} />
              {view.status === "feedback" ? null : (
                <button type="submit" name="intent" value={attempt.mode === "immediate" ? "check" : "save"} className="button" disabled={busy}>
                  {attempt.mode === "immediate" ? t("quiz.attempt.check") : t("quiz.attempt.save")}
                </button>
              )}
            </saver.Form>
            {view.status === "feedback" && revealed[question.id] ? <RevealedAnswer question={question} revealed={revealed[question.id]} /> : null}
            <Form method="post" className="quiz-nav">
              <CsrfInput />
              {attempt.navigation === "free" && view.currentIndex > 0 ? (
                <button type="submit" name="intent" value="previous" onClick={move} className="button button--secondary">
                  {t("quiz.attempt.previous")}
                </button>
              ) : null}
              <button type="submit" name="intent" value="next" onClick={move} className="button button--secondary">
                {view.currentIndex < questions.length - 1 ? (answered.has(question.id) ? t("quiz.attempt.next") : t("quiz.attempt.skip")) : t("quiz.attempt.toSummary")}
              </button>
              <button type="submit" name="intent" value="review" onClick={move} className="button button--secondary">
                {t("quiz.attempt.review")}
              </button>
            </Form>
          </section>
        ) : null}
      </div>
    </div>
  );
}
