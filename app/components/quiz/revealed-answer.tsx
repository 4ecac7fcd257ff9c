import { useTranslation } from "react-i18next";
import type { QuestionPage, RevealedPage } from "~/quiz/attempt-view.server";
import { ReferenceList } from "~/components/references";
import { referenceAnchor } from "./reference-anchor";

/** What the reveal policy allows the learner to see about their answer. */
export function RevealedAnswer({ question, revealed }: { question: QuestionPage; revealed: RevealedPage }) {
  const { t } = useTranslation();
  const textOf = (id: string) => {
    if (question.type === "single" || question.type === "multiple") return question.options.find((o) => o.id === id)?.text ?? id;
    if (question.type === "ordering") return question.items.find((o) => o.id === id)?.text ?? id;
    if (question.type === "matching") return question.lefts.find((o) => o.id === id)?.text ?? id;
    return t(`quiz.${id}`);
  };
  const correct = revealed.correctAnswer;
  return (
    <div className="revealed">
      {revealed.result ? (
        <p className={revealed.result.correct ? "result result--correct" : "result result--incorrect"}>
          {revealed.result.correct ? t("quiz.review.correct") : revealed.result.score > 0 ? t("quiz.review.partly", { percent: Math.round(revealed.result.score * 100) }) : t("quiz.review.incorrect")}
        </p>
      ) : null}
      {correct ? (
        <div>
          <p className="callout-title">{t("quiz.review.correctAnswer")}</p>
          {correct.type === "truefalse" ? (
            <p>{t(`quiz.${String(correct.value)}`)}</p>
          ) : correct.type === "matching" ? (
            <ul>
              {correct.pairs.map((pair) => (
                <li key={pair.leftId}>
                  {textOf(pair.leftId)} → {pair.right}
                </li>
              ))}
            </ul>
          ) : correct.type === "ordering" ? (
            <ol>
              {correct.itemIds.map((id) => (
                <li key={id}>{textOf(id)}</li>
              ))}
            </ol>
          ) : (
            <ul>
              {correct.optionIds.map((id) => (
                <li key={id}>{textOf(id)}</li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
      {revealed.feedback.length > 0 ? (
        <div>
          <p className="callout-title">{t("quiz.review.feedback")}</p>
          <ul>
            {revealed.feedback.map((item) => (
              <li key={item.id}>
                <strong>{textOf(item.id)}:</strong> {item.text}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {revealed.explanationHtml ? (
        <div className="explanation">
          <p className="callout-title">{t("quiz.review.explanation")}</p>
          <div dangerouslySetInnerHTML={{ __html: revealed.explanationHtml }} />
          {revealed.references.length > 0 ? (
            // Not the shared <References> landmark: a page of results would repeat it (same name, same anchors) for every question.
            <div className="references">
              <p className="callout-title" id={`refs-${question.id}`}>
                {t("lesson.references")}
              </p>
              <ReferenceList references={revealed.references} anchor={(n) => referenceAnchor(question.id, n)} labelledBy={`refs-${question.id}`} />
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
