import { useTranslation } from "react-i18next";
import type { ReviewedQuestion } from "~/quiz/attempt-view.server";
import { QuestionFields } from "./question-fields";
import { RevealedAnswer } from "./revealed-answer";

/** A finished attempt's questions, as the learner's review and the trainer's view of it show them. */
export function ReviewedQuestions({ questions, questionCount }: { questions: ReviewedQuestion[]; questionCount: number }) {
  const { t } = useTranslation();
  return (
    <ol className="review-list">
      {questions.map(({ page, revealed, answered }) => (
        <li key={page.id} className="card">
          <h3>{t("quiz.attempt.question", { number: page.number, total: questionCount })}</h3>
          {page.case ? <p className="muted">{page.case.title}</p> : null}
          <p className="prompt">{page.prompt}</p>
          {answered ? <QuestionFields question={page} disabled /> : <p className="muted">{t("quiz.summary.notAnswered")}</p>}
          {revealed ? <RevealedAnswer question={page} revealed={revealed} /> : answered ? <p className="muted">{t("quiz.result.hidden")}</p> : null}
        </li>
      ))}
    </ol>
  );
}
