import { QuizBankSchema, type QuizBank } from "~/content/bank.schema";

// A valid bank for tests: 16 questions of all five types, two cases.

export function localized(en: string) {
  return { en, "sr-Latn": `${en} (sr)` };
}

function option(id: string, correct = false) {
  return { id, text: localized(`Option ${id}`), ...(correct ? { correct: true } : {}), feedback: localized(`Feedback ${id}`) };
}

function single(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    kind: "recall",
    type: "single",
    prompt: localized(`Prompt ${id}`),
    options: [option("a", true), option("b"), option("c")],
    explanation: localized(`Explanation ${id} [@C1]`),
    ...extra,
  };
}

function multiple(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    kind: "recall",
    type: "multiple",
    prompt: localized(`Prompt ${id}`),
    options: [option("a", true), option("b", true), option("c"), option("d")],
    explanation: localized(`Explanation ${id}`),
    ...extra,
  };
}

function trueFalse(id: string, answer: boolean, extra: Record<string, unknown> = {}) {
  return {
    id,
    kind: "recall",
    type: "truefalse",
    prompt: localized(`Prompt ${id}`),
    answer,
    feedback: { true: localized(`Feedback true ${id}`), false: localized(`Feedback false ${id}`) },
    explanation: localized(`Explanation ${id}`),
    ...extra,
  };
}

function matching(id: string, pairIds: string[], extra: Record<string, unknown> = {}) {
  return {
    id,
    kind: "recall",
    type: "matching",
    prompt: localized(`Prompt ${id}`),
    pairs: pairIds.map((pairId, index) => ({
      id: pairId,
      left: localized(`Left ${pairId}`),
      right: localized(`Right ${pairId}`),
      ...(index === 0 ? { feedback: localized(`Feedback ${pairId}`) } : {}),
    })),
    explanation: localized(`Explanation ${id}`),
    ...extra,
  };
}

function ordering(id: string, itemIds: string[], extra: Record<string, unknown> = {}) {
  return {
    id,
    kind: "recall",
    type: "ordering",
    prompt: localized(`Prompt ${id}`),
    items: itemIds.map((itemId) => ({ id: itemId, text: localized(`Item ${itemId}`) })),
    explanation: localized(`Explanation ${id}`),
    ...extra,
  };
}

/** The bank as authored (plain data, as parsed from YAML). */
export function makeRawBank() {
  return {
    cases: [
      { id: "case-farm", title: localized("Farm"), text: localized("A farm inspection."), sources: ["T1-b"] },
      { id: "case-port", title: localized("Port"), text: localized("A port check."), sources: ["SR15"] },
    ],
    questions: [
      single("q-single-1"),
      single("q-single-2"),
      multiple("q-multiple-1"),
      multiple("q-multiple-2"),
      trueFalse("q-tf-1", false),
      trueFalse("q-tf-2", true),
      matching("q-match-1", ["budapest", "palermo", "warsaw"]),
      matching("q-match-2", ["one", "two", "three", "four"]),
      ordering("q-order-1", ["identify", "preserve", "analyse"]),
      ordering("q-order-2", ["s1", "s2", "s3", "s4", "s5"]),
      single("q-case-farm-1", { case: "case-farm" }),
      trueFalse("q-case-port-1", true, { case: "case-port" }),
      multiple("q-case-farm-2", { case: "case-farm" }),
      single("q-single-3"),
      ordering("q-case-port-2", ["first", "second", "third"], { case: "case-port" }),
      trueFalse("q-case-farm-3", false, { case: "case-farm" }),
    ],
  };
}

export function makeBank(): QuizBank {
  return QuizBankSchema.parse(makeRawBank());
}

export function getQuestion(bank: QuizBank, id: string) {
  const question = bank.questions.find((candidate) => candidate.id === id);
  if (!question) throw new Error(`no question ${id}`);
  return question;
}
