import type { AuthoredLanguage } from "../content/localized";
import { toPublicRightId, type Answer } from "./answer";
import type { Question, QuizBank } from "./bank.schema";
import type { DrawnAttempt } from "./draw";
import { AnswerMismatchError, type Grade } from "./grading.server";
import type { CorrectAnswer, PublicCase, PublicChoice, PublicQuestion, RevealedQuestion } from "./question-view";
import type { RevealFlags } from "./reveal";

/**
 * The question as the learner sees it while answering: parts in the attempt's drawn order,
 * ids and text only. `answer` (the learner's saved answer, if any) pre-fills the form.
 * Throws if the drawn order does not fit the question (the bank changed under the attempt).
 */
export function toPublicQuestion(
  question: Question,
  bank: QuizBank,
  optionOrder: DrawnAttempt["optionOrder"],
  language: AuthoredLanguage,
  answer: Answer | null = null,
): PublicQuestion {
  const base = { id: question.id, prompt: question.prompt[language], case: findCase(question, bank, language) };
  const response = answer?.type === question.type ? answer : null;
  switch (question.type) {
    case "single":
    case "multiple": {
      const options = orderByDraw(question.id, question.options, optionOrder);
      return {
        ...base,
        type: question.type,
        options: options.map((option) => ({ id: option.id, text: option.text[language] })),
        response,
      };
    }
    case "truefalse":
      return { ...base, type: "truefalse", response };
    case "matching": {
      const rights = orderByDraw(question.id, question.pairs, optionOrder);
      return {
        ...base,
        type: "matching",
        lefts: question.pairs.map((pair) => ({ id: pair.id, text: pair.left[language] })),
        rights: rights.map((pair, index) => ({ id: toPublicRightId(index), text: pair.right[language] })),
        response: response?.type === "matching" ? toPublicMatching(response, rights) : null,
      };
    }
    case "ordering": {
      const items = orderByDraw(question.id, question.items, optionOrder);
      return {
        ...base,
        type: "ordering",
        items: items.map((item) => ({ id: item.id, text: item.text[language] })),
        response,
      };
    }
  }
}

/**
 * What may be shown about a graded question, per the reveal flags (see `revealFlags`).
 * Throws `AnswerMismatchError` if the answer is not for this type of question.
 */
export function toRevealedQuestion(
  question: Question,
  answer: Answer,
  grade: Grade,
  language: AuthoredLanguage,
  reveal: RevealFlags,
): RevealedQuestion {
  if (answer.type !== question.type) {
    throw new AnswerMismatchError("wrong-type", `question "${question.id}" is ${question.type}, the answer is ${answer.type}`);
  }
  return {
    id: question.id,
    type: question.type,
    result: reveal.correctness ? { score: grade.score, correct: grade.correct, parts: grade.parts } : null,
    correctAnswer: reveal.answers ? getCorrectAnswer(question, language) : null,
    feedback: reveal.explanations ? getFeedback(question, answer, language) : [],
    explanation: reveal.explanations ? question.explanation[language] : null,
  };
}

function getCorrectAnswer(question: Question, language: AuthoredLanguage): CorrectAnswer {
  switch (question.type) {
    case "single":
    case "multiple":
      return {
        type: question.type,
        optionIds: question.options.filter((option) => option.correct).map((option) => option.id),
      };
    case "truefalse":
      return { type: "truefalse", value: question.answer };
    case "matching":
      return {
        type: "matching",
        pairs: question.pairs.map((pair) => ({ leftId: pair.id, right: pair.right[language] })),
      };
    case "ordering":
      return { type: "ordering", itemIds: question.items.map((item) => item.id) };
  }
}

/** Authored feedback for what the learner chose. */
function getFeedback(question: Question, answer: Answer, language: AuthoredLanguage): PublicChoice[] {
  switch (question.type) {
    case "single":
    case "multiple": {
      const chosen = answer.type === "single" ? [answer.optionId] : answer.type === "multiple" ? answer.optionIds : [];
      return question.options
        .filter((option) => chosen.includes(option.id))
        .map((option) => ({ id: option.id, text: option.feedback[language] }));
    }
    case "truefalse": {
      if (answer.type !== "truefalse") return [];
      const choice = answer.value ? "true" : "false";
      return [{ id: choice, text: question.feedback[choice][language] }];
    }
    case "matching":
      return question.pairs.flatMap((pair) => (pair.feedback ? [{ id: pair.id, text: pair.feedback[language] }] : []));
    case "ordering":
      return [];
  }
}

function findCase(question: Question, bank: QuizBank, language: AuthoredLanguage): PublicCase | null {
  if (question.case === undefined) return null;
  const quizCase = bank.cases.find((candidate) => candidate.id === question.case);
  if (!quizCase) throw new Error(`question "${question.id}" refers to unknown case "${question.case}"`);
  return { id: quizCase.id, title: quizCase.title[language], text: quizCase.text[language] };
}

function orderByDraw<T extends { id: string }>(
  questionId: string,
  parts: readonly T[],
  optionOrder: DrawnAttempt["optionOrder"],
): T[] {
  const order = optionOrder[questionId] ?? [];
  const ordered: T[] = [];
  for (const id of new Set(order)) {
    const part = parts.find((candidate) => candidate.id === id);
    if (part) ordered.push(part);
  }
  if (ordered.length !== parts.length || order.length !== parts.length) {
    throw new Error(`the drawn order of question "${questionId}" does not fit the question`);
  }
  return ordered;
}

function toPublicMatching(answer: Extract<Answer, { type: "matching" }>, drawnRights: ReadonlyArray<{ id: string }>): Answer {
  const pairs: Record<string, string> = {};
  for (const [leftId, rightPairId] of Object.entries(answer.pairs)) {
    const index = drawnRights.findIndex((pair) => pair.id === rightPairId);
    if (index !== -1) pairs[leftId] = toPublicRightId(index);
  }
  return { type: "matching", pairs };
}
