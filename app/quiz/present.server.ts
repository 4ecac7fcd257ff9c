import type { AuthoredLanguage } from "../content/localized";
import type { Question, QuizBank } from "~/content/bank.schema";
import { toPublicPartId, type Answer } from "./answer";
import type { DrawnAttempt } from "./draw";
import { AnswerMismatchError, type Grade } from "./grading.server";
import type { CorrectAnswer, PublicCase, PublicChoice, PublicQuestion, RevealedQuestion } from "./question-view";
import type { RevealFlags } from "./reveal";

// The browser never sees authored option, right-side or item ids: only public part ids
// ("p1", "p2", ... in drawn order; see `toPublicPartId`). Matching left sides keep their pair ids.

/**
 * The question as the learner sees it while answering: parts in the attempt's drawn order,
 * ids and text only. `answer` (the learner's saved answer, in bank ids) pre-fills the form.
 * Throws if the drawn order does not fit the question (the bank changed under the attempt).
 */
export function toPublicQuestion(question: Question, bank: QuizBank, optionOrder: DrawnAttempt["optionOrder"], language: AuthoredLanguage, answer: Answer | null = null): PublicQuestion {
  const base = { id: question.id, prompt: question.prompt[language], case: findCase(question, bank, language) };
  const response = answer?.type === question.type ? answer : null;
  switch (question.type) {
    case "single":
    case "multiple":
      return {
        ...base,
        type: question.type,
        options: toPublicChoices(orderByDraw(question.id, question.options, optionOrder), (option) => option.text, language),
        response: response && toPublicAnswer(response, getDrawnOrder(question, optionOrder)),
      };
    case "truefalse":
      return { ...base, type: "truefalse", response };
    case "matching":
      return {
        ...base,
        type: "matching",
        lefts: question.pairs.map((pair) => ({ id: pair.id, text: pair.left[language] })),
        rights: toPublicChoices(orderByDraw(question.id, question.pairs, optionOrder), (pair) => pair.right, language),
        response: response && toPublicAnswer(response, getDrawnOrder(question, optionOrder)),
      };
    case "ordering":
      return {
        ...base,
        type: "ordering",
        items: toPublicChoices(orderByDraw(question.id, question.items, optionOrder), (item) => item.text, language),
        response: response && toPublicAnswer(response, getDrawnOrder(question, optionOrder)),
      };
  }
}

/**
 * What may be shown about a graded question, per the reveal flags (see `revealFlags`), in the
 * public ids of `toPublicQuestion` — hence the attempt's `optionOrder`.
 * Throws `AnswerMismatchError` if the answer is for another type.
 */
export function toRevealedQuestion(question: Question, answer: Answer, grade: Grade, language: AuthoredLanguage, reveal: RevealFlags, optionOrder: DrawnAttempt["optionOrder"]): RevealedQuestion {
  if (answer.type !== question.type) {
    throw new AnswerMismatchError("wrong-type", `question "${question.id}" is ${question.type}, the answer is ${answer.type}`);
  }
  const drawnOrder = getDrawnOrder(question, optionOrder);
  // Matching parts are pairs, named by their left side, which keeps its id.
  const toPublicPart = (id: string) => (question.type === "matching" ? id : toPublicId(id, drawnOrder));
  return {
    id: question.id,
    type: question.type,
    result: reveal.correctness
      ? {
          score: grade.score,
          correct: grade.correct,
          parts: grade.parts.map((part) => ({ id: toPublicPart(part.id), correct: part.correct })),
        }
      : null,
    correctAnswer: reveal.answers ? getCorrectAnswer(question, drawnOrder, language) : null,
    feedback: reveal.explanations ? getFeedback(question, drawnOrder, answer, language) : [],
    explanation: reveal.explanations ? question.explanation[language] : null,
  };
}

function getCorrectAnswer(question: Question, drawnOrder: readonly string[], language: AuthoredLanguage): CorrectAnswer {
  switch (question.type) {
    case "single":
    case "multiple":
      return {
        type: question.type,
        optionIds: question.options.filter((option) => option.correct).map((option) => toPublicId(option.id, drawnOrder)),
      };
    case "truefalse":
      return { type: "truefalse", value: question.answer };
    case "matching":
      return {
        type: "matching",
        pairs: question.pairs.map((pair) => ({
          leftId: pair.id,
          rightId: toPublicId(pair.id, drawnOrder),
          right: pair.right[language],
        })),
      };
    case "ordering":
      return { type: "ordering", itemIds: question.items.map((item) => toPublicId(item.id, drawnOrder)) };
  }
}

/** Authored feedback for what the learner chose. */
function getFeedback(question: Question, drawnOrder: readonly string[], answer: Answer, language: AuthoredLanguage): PublicChoice[] {
  switch (question.type) {
    case "single":
    case "multiple": {
      const chosen = answer.type === "single" ? [answer.optionId] : answer.type === "multiple" ? answer.optionIds : [];
      return question.options.filter((option) => chosen.includes(option.id)).map((option) => ({ id: toPublicId(option.id, drawnOrder), text: option.feedback[language] }));
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

function toPublicChoices<T>(drawn: readonly T[], getText: (part: T) => Record<AuthoredLanguage, string>, language: AuthoredLanguage): PublicChoice[] {
  return drawn.map((part, index) => ({ id: toPublicPartId(index), text: getText(part)[language] }));
}

/** The question's parts in drawn order; throws unless the drawn order is exactly the question's parts. */
function orderByDraw<T extends { id: string }>(questionId: string, parts: readonly T[], optionOrder: DrawnAttempt["optionOrder"]): T[] {
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

function getDrawnOrder(question: Question, optionOrder: DrawnAttempt["optionOrder"]): readonly string[] {
  switch (question.type) {
    case "single":
    case "multiple":
      return orderByDraw(question.id, question.options, optionOrder).map((part) => part.id);
    case "matching":
      return orderByDraw(question.id, question.pairs, optionOrder).map((part) => part.id);
    case "ordering":
      return orderByDraw(question.id, question.items, optionOrder).map((part) => part.id);
    case "truefalse":
      return [];
  }
}

function toPublicId(bankId: string, drawnOrder: readonly string[]): string {
  const index = drawnOrder.indexOf(bankId);
  if (index === -1) throw new Error(`"${bankId}" is not among the drawn parts`);
  return toPublicPartId(index);
}

/** A saved answer in the ids the form uses. */
function toPublicAnswer(answer: Answer, drawnOrder: readonly string[]): Answer {
  const toPublic = (id: string) => toPublicId(id, drawnOrder);
  switch (answer.type) {
    case "single":
      return { type: "single", optionId: toPublic(answer.optionId) };
    case "multiple":
      return { type: "multiple", optionIds: answer.optionIds.map(toPublic) };
    case "truefalse":
      return answer;
    case "matching":
      return {
        type: "matching",
        pairs: Object.fromEntries(Object.entries(answer.pairs).map(([leftId, rightId]) => [leftId, toPublic(rightId)])),
      };
    case "ordering":
      return { type: "ordering", order: answer.order.map(toPublic) };
  }
}
