import { useTranslation } from "react-i18next";
import type { QuestionPage } from "~/quiz/attempt-view.server";

/** The answer controls of one question: plain form fields, so the quiz works without JavaScript. */
export function QuestionFields({ question, disabled = false }: { question: QuestionPage; disabled?: boolean }) {
  const { t } = useTranslation();
  const response = question.response;
  const name = (suffix: string) => `q${question.number}-${suffix}`;
  switch (question.type) {
    case "single":
    case "multiple": {
      const chosen = response?.type === "single" ? [response.optionId] : response?.type === "multiple" ? response.optionIds : [];
      return (
        <fieldset className="answer-options" disabled={disabled}>
          <legend className="visually-hidden">{question.type === "single" ? t("quiz.chooseOne") : t("quiz.chooseMany")}</legend>
          <p className="muted">{question.type === "single" ? t("quiz.chooseOne") : t("quiz.chooseMany")}</p>
          {question.options.map((option) => (
            // The whole row is the label, so the whole row is the target (WCAG 2.5.8).
            <label className="choice" htmlFor={name(option.id)} key={option.id}>
              <input type={question.type === "single" ? "radio" : "checkbox"} id={name(option.id)} name="option" value={option.id} defaultChecked={chosen.includes(option.id)} />
              <span>{option.text}</span>
            </label>
          ))}
        </fieldset>
      );
    }
    case "truefalse": {
      const value = response?.type === "truefalse" ? String(response.value) : null;
      return (
        <fieldset className="answer-options" disabled={disabled}>
          <legend className="visually-hidden">{t("quiz.trueOrFalse")}</legend>
          {(["true", "false"] as const).map((choice) => (
            <label className="choice" htmlFor={name(choice)} key={choice}>
              <input type="radio" id={name(choice)} name="value" value={choice} defaultChecked={value === choice} />
              <span>{t(`quiz.${choice}`)}</span>
            </label>
          ))}
        </fieldset>
      );
    }
    case "matching": {
      const pairs = response?.type === "matching" ? response.pairs : {};
      return (
        <fieldset className="answer-options" disabled={disabled}>
          <legend className="visually-hidden">{t("quiz.matchHint")}</legend>
          <p className="muted">{t("quiz.matchHint")}</p>
          {question.lefts.map((left) => (
            <div className="match-row" key={left.id}>
              <label htmlFor={name(`match-${left.id}`)}>{left.text}</label>
              <select id={name(`match-${left.id}`)} name={`match.${left.id}`} defaultValue={pairs[left.id] ?? ""}>
                <option value="">{t("quiz.choose")}</option>
                {question.rights.map((right) => (
                  <option key={right.id} value={right.id}>
                    {right.text}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </fieldset>
      );
    }
    case "ordering": {
      const order = response?.type === "ordering" ? response.order : question.items.map((item) => item.id);
      const hint = t("quiz.orderHint", { count: question.items.length });
      return (
        <fieldset className="answer-options" disabled={disabled}>
          <legend className="visually-hidden">{hint}</legend>
          <p className="muted">{hint}</p>
          {question.items.map((item) => (
            <div className="match-row" key={item.id}>
              <label htmlFor={name(`position-${item.id}`)}>{item.text}</label>
              <select id={name(`position-${item.id}`)} name={`position.${item.id}`} defaultValue={String(order.indexOf(item.id) + 1 || "")}>
                {question.items.map((_, i) => (
                  <option key={i} value={i + 1}>
                    {t("quiz.position", { position: i + 1 })}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </fieldset>
      );
    }
  }
}
