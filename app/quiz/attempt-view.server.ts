import { findQuestion, type Question } from "~/content/bank.schema";
import type { Course, Module } from "~/content/loader.server";
import type { Language } from "~/content/localized";
import { referenceAnchor } from "~/components/quiz/reference-anchor";
import { authoredLanguage, localizeAuthored, renderAuthored } from "~/content/courses.server";
import type { CalloutLabels, Reference } from "~/content/markdown.server";
import type { Answer } from "./answer";
import { gradeAnswer } from "./grading.server";
import { toPublicQuestion, toRevealedQuestion } from "./present.server";
import type { PersistedQuizSnapshot } from "./quiz.machine";
import type { PublicQuestion, RevealedQuestion } from "./question-view";
import { revealFlags } from "./reveal";

export type QuestionPage = PublicQuestion & { number: number; caseHtml: string | null };
export type RevealedPage = Omit<RevealedQuestion, "explanation"> & { explanationHtml: string | null; references: Reference[] };

type ViewContext = { course: Course; module: Module; language: Language; labels: CalloutLabels };

const renderedTexts = new Map<string, ReturnType<typeof renderAuthored>>();

/** A question's Markdown (a case, an explanation) as shown in the page's language, rendered once per course version: every load of an attempt's page shows all its questions. */
function render(context: ViewContext, markdown: string) {
  const key = `${context.course.id}@${context.course.version}:${context.language}:${markdown}`;
  let result = renderedTexts.get(key);
  if (!result) renderedTexts.set(key, (result = renderAuthored(context.course, markdown, context.language, context.labels)));
  return result;
}

/** A drawn question as the learner sees it: no correct answers, feedback or explanations. */
export function questionPage(context: ViewContext, question: Question, optionOrder: Record<string, string[]>, number: number, answer: Answer | null): QuestionPage {
  const view = toPublicQuestion(question, context.module.bank!, optionOrder, authoredLanguage(context.language), answer);
  const t = (text: string) => localizeAuthored(text, context.language, context.course);
  const base = { ...view, number, prompt: t(view.prompt), case: view.case && { ...view.case, title: t(view.case.title), text: "" }, caseHtml: view.case ? render(context, view.case.text).html : null };
  switch (base.type) {
    case "single":
    case "multiple":
      return { ...base, options: base.options.map((o) => ({ ...o, text: t(o.text) })) };
    case "matching":
      return { ...base, lefts: base.lefts.map((o) => ({ ...o, text: t(o.text) })), rights: base.rights.map((o) => ({ ...o, text: t(o.text) })) };
    case "ordering":
      return { ...base, items: base.items.map((o) => ({ ...o, text: t(o.text) })) };
    case "truefalse":
      return base;
  }
}

/** What the reveal policy lets the learner see about an answered question at this moment. */
export function revealedPage(
  context: ViewContext,
  question: Question,
  optionOrder: Record<string, string[]>,
  answer: Answer,
  moment: { finished: boolean; passed: boolean; attemptsLeft: number },
): RevealedPage | null {
  const flags = revealFlags(context.module.quizSettings.reveal, moment);
  if (!flags.correctness && !flags.answers && !flags.explanations) return null;
  const revealed = toRevealedQuestion(question, answer, gradeAnswer(question, answer), authoredLanguage(context.language), flags, optionOrder);
  const explanation = revealed.explanation ? render(context, revealed.explanation) : null;
  const t = (text: string) => localizeAuthored(text, context.language, context.course);
  const correctAnswer =
    revealed.correctAnswer?.type === "matching" ? { ...revealed.correctAnswer, pairs: revealed.correctAnswer.pairs.map((p) => ({ ...p, right: t(p.right) })) } : revealed.correctAnswer;
  const { explanation: _omit, ...rest } = revealed;
  return {
    ...rest,
    correctAnswer,
    feedback: revealed.feedback.map((f) => ({ ...f, text: t(f.text) })),
    explanationHtml: explanation ? linkCitationsTo(question.id, explanation.html) : null,
    references: explanation?.references ?? [],
  };
}

/** Points the explanation's citations at this question's own reference list (see `referenceAnchor`). */
function linkCitationsTo(questionId: string, html: string): string {
  return html.replace(/href="#ref-(\d+)"/g, (_, number: string) => `href="#${referenceAnchor(questionId, Number(number))}"`);
}

export function requireQuestion(module: Module, questionId: string): Question {
  const question = findQuestion(module.bank!, questionId);
  if (!question) throw new Error(`question "${questionId}" is no longer in the bank`);
  return question;
}

/** The machine's state for the browser, with grades masked: the browser only navigates. */
export function browserSnapshot(snapshot: PersistedQuizSnapshot): PersistedQuizSnapshot {
  const scores = Object.fromEntries(Object.keys(snapshot.context.scores).map((id) => [id, 0]));
  return { ...snapshot, context: { ...snapshot.context, scores, scorePercent: null } };
}

export type ReviewedQuestion = { page: QuestionPage; revealed: RevealedPage | null; answered: boolean };

/**
 * A finished attempt's questions as its review shows them: each as drawn, with the answer given and
 * what the reveal policy lets the learner see at `moment`. Shared by the learner's review and the
 * trainer's view of it, so the trainer sees no more than the learner. A question a course update
 * removed is left out (the attempt's score stands).
 */
export function reviewedQuestions(
  context: ViewContext,
  attempt: { questionIds: string[]; optionOrder: Record<string, string[]> },
  answers: Map<string, Answer>,
  moment: { finished: boolean; passed: boolean; attemptsLeft: number },
): ReviewedQuestion[] {
  return attempt.questionIds.flatMap((id, i) => {
    const question = findQuestion(context.module.bank!, id);
    if (!question) return [];
    const answer = answers.get(id) ?? null;
    return [
      {
        page: questionPage(context, question, attempt.optionOrder, i + 1, answer),
        revealed: answer ? revealedPage(context, question, attempt.optionOrder, answer, moment) : null,
        answered: Boolean(answer),
      },
    ];
  });
}
