import { describe, expect, test } from "vitest";
import type { Answer } from "./answer";
import { drawAttempt } from "./draw";
import { gradeAnswer } from "./grading.server";
import { toPublicQuestion, toRevealedQuestion } from "./present.server";
import { getQuestion, makeBank } from "./quiz-bank.fixture";

const bank = makeBank();
const everything = { questionsPerAttempt: 16, shuffleQuestions: true, shuffleOptions: true };
const { optionOrder } = drawAttempt(bank, everything, 2024);
/** The public id a bank part got in this draw. */
const pub = (questionId: string, bankId: string) => `p${optionOrder[questionId]!.indexOf(bankId) + 1}`;
const FORBIDDEN_KEYS = ["correct", "feedback", "explanation", "answer", "answers", "sources"];

const sampleAnswers: Record<string, Answer> = {
  "q-single-1": { type: "single", optionId: "b" },
  "q-multiple-1": { type: "multiple", optionIds: ["a", "c"] },
  "q-tf-1": { type: "truefalse", value: true },
  "q-match-1": { type: "matching", pairs: { budapest: "budapest", palermo: "warsaw", warsaw: "palermo" } },
  "q-order-1": { type: "ordering", order: ["preserve", "identify", "analyse"] },
};

function collectKeys(value: unknown, keys = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    value.forEach((item) => collectKeys(item, keys));
  } else if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      keys.add(key);
      collectKeys(child, keys);
    }
  }
  return keys;
}

describe("toPublicQuestion", () => {
  test.each(bank.questions.map((question) => [question.id]))("%s carries no correct flags, feedback or explanation anywhere", (id) => {
    for (const language of ["en", "sr-Latn"] as const) {
      const view = toPublicQuestion(getQuestion(bank, id), bank, optionOrder, language, sampleAnswers[id] ?? null);
      const json = JSON.parse(JSON.stringify(view));
      const keys = collectKeys(json);
      expect(FORBIDDEN_KEYS.filter((key) => keys.has(key))).toEqual([]);
      expect(JSON.stringify(json)).not.toMatch(/Feedback|Explanation|\[@/);
    }
  });

  test("single: options in drawn order under public ids, text only", () => {
    const view = toPublicQuestion(getQuestion(bank, "q-single-1"), bank, optionOrder, "sr-Latn");
    expect(view).toEqual({
      id: "q-single-1",
      type: "single",
      prompt: "Prompt q-single-1 (sr)",
      case: null,
      response: null,
      options: optionOrder["q-single-1"]!.map((id, index) => ({ id: `p${index + 1}`, text: `Option ${id} (sr)` })),
    });
  });

  test("authored option and item ids never reach the browser; saved answers come back in public ids", () => {
    const single = toPublicQuestion(getQuestion(bank, "q-single-1"), bank, optionOrder, "en", sampleAnswers["q-single-1"]);
    expect(single.response).toEqual({ type: "single", optionId: pub("q-single-1", "b") });
    const multiple = toPublicQuestion(getQuestion(bank, "q-multiple-1"), bank, optionOrder, "en", sampleAnswers["q-multiple-1"]);
    expect(multiple.response).toEqual({ type: "multiple", optionIds: [pub("q-multiple-1", "a"), pub("q-multiple-1", "c")] });
    const ordering = toPublicQuestion(getQuestion(bank, "q-order-1"), bank, optionOrder, "en", sampleAnswers["q-order-1"]);
    expect(ordering.response).toEqual({
      type: "ordering",
      order: ["preserve", "identify", "analyse"].map((id) => pub("q-order-1", id)),
    });
    for (const view of [single, multiple, ordering]) {
      expect(JSON.stringify(view)).not.toMatch(/"(a|b|c|d|identify|preserve|analyse)"/);
    }
  });

  test("scenario questions carry their case", () => {
    const view = toPublicQuestion(getQuestion(bank, "q-case-farm-1"), bank, optionOrder, "en");
    expect(view.case).toEqual({ id: "case-farm", title: "Farm", text: "A farm inspection." });
  });

  test("true/false: prompt only", () => {
    const view = toPublicQuestion(getQuestion(bank, "q-tf-1"), bank, optionOrder, "en", sampleAnswers["q-tf-1"]);
    expect(view).toEqual({
      id: "q-tf-1",
      type: "truefalse",
      prompt: "Prompt q-tf-1",
      case: null,
      response: { type: "truefalse", value: true },
    });
  });

  test("matching: lefts in authored order, rights drawn under public ids, saved answer translated", () => {
    const view = toPublicQuestion(getQuestion(bank, "q-match-1"), bank, optionOrder, "en", sampleAnswers["q-match-1"]);
    if (view.type !== "matching") throw new Error("expected matching");
    const drawn = optionOrder["q-match-1"]!;
    expect(view.lefts.map((left) => left.id)).toEqual(["budapest", "palermo", "warsaw"]);
    expect(view.rights).toEqual(drawn.map((pairId, index) => ({ id: `p${index + 1}`, text: `Right ${pairId}` })));
    const publicIdOf = (pairId: string) => pub("q-match-1", pairId);
    expect(view.response).toEqual({
      type: "matching",
      pairs: { budapest: publicIdOf("budapest"), palermo: publicIdOf("warsaw"), warsaw: publicIdOf("palermo") },
    });
  });

  test("ordering: items in drawn order", () => {
    const view = toPublicQuestion(getQuestion(bank, "q-order-2"), bank, optionOrder, "en");
    if (view.type !== "ordering") throw new Error("expected ordering");
    expect(view.items.map((item) => item.text)).toEqual(optionOrder["q-order-2"]!.map((id) => `Item ${id}`));
    expect(view.items.map((item) => item.text)).not.toEqual(["s1", "s2", "s3", "s4", "s5"].map((id) => `Item ${id}`));
  });

  test("a saved answer of another type is not echoed", () => {
    const view = toPublicQuestion(getQuestion(bank, "q-single-1"), bank, optionOrder, "en", { type: "truefalse", value: true });
    expect(view.response).toBeNull();
  });

  test("throws when the drawn order does not fit the question", () => {
    const question = getQuestion(bank, "q-single-1");
    expect(() => toPublicQuestion(question, bank, {}, "en")).toThrow(/does not fit/);
    expect(() => toPublicQuestion(question, bank, { "q-single-1": ["a", "b"] }, "en")).toThrow(/does not fit/);
    expect(() => toPublicQuestion(question, bank, { "q-single-1": ["a", "b", "b"] }, "en")).toThrow(/does not fit/);
    expect(() => toPublicQuestion(question, bank, { "q-single-1": ["a", "b", "z"] }, "en")).toThrow(/does not fit/);
  });
});

describe("toRevealedQuestion", () => {
  const hidden = { correctness: false, answers: false, explanations: false };
  const shown = { correctness: true, answers: true, explanations: true };

  function reveal(id: string, flags: typeof shown, language: "en" | "sr-Latn" = "en") {
    const question = getQuestion(bank, id);
    const answer = sampleAnswers[id]!;
    return toRevealedQuestion(question, answer, gradeAnswer(question, answer), language, flags, optionOrder);
  }

  test("with every flag off, nothing is revealed", () => {
    for (const id of Object.keys(sampleAnswers)) {
      const revealed = reveal(id, hidden);
      expect(revealed).toEqual({ id, type: revealed.type, result: null, correctAnswer: null, feedback: [], explanation: null });
    }
  });

  test("each flag reveals its own part", () => {
    expect(reveal("q-single-1", { ...hidden, correctness: true })).toMatchObject({
      result: { score: 0, correct: false, parts: [{ id: pub("q-single-1", "b"), correct: false }] },
      correctAnswer: null,
      explanation: null,
    });
    expect(reveal("q-single-1", { ...hidden, answers: true })).toMatchObject({
      result: null,
      correctAnswer: { type: "single", optionIds: [pub("q-single-1", "a")] },
      feedback: [],
    });
    expect(reveal("q-single-1", { ...hidden, explanations: true }, "sr-Latn")).toMatchObject({
      result: null,
      correctAnswer: null,
      feedback: [{ id: pub("q-single-1", "b"), text: "Feedback b (sr)" }],
      explanation: "Explanation q-single-1 [@C1] (sr)",
    });
  });

  test("multiple: feedback for each chosen option, all correct options", () => {
    expect(reveal("q-multiple-1", shown)).toEqual({
      id: "q-multiple-1",
      type: "multiple",
      result: {
        score: 0,
        correct: false,
        parts: [
          { id: pub("q-multiple-1", "a"), correct: true },
          { id: pub("q-multiple-1", "c"), correct: false },
        ],
      },
      correctAnswer: { type: "multiple", optionIds: [pub("q-multiple-1", "a"), pub("q-multiple-1", "b")] },
      feedback: [
        { id: pub("q-multiple-1", "a"), text: "Feedback a" },
        { id: pub("q-multiple-1", "c"), text: "Feedback c" },
      ],
      explanation: "Explanation q-multiple-1",
    });
  });

  test("truefalse: feedback for the learner's choice", () => {
    expect(reveal("q-tf-1", shown)).toMatchObject({
      result: { score: 0, correct: false },
      correctAnswer: { type: "truefalse", value: false },
      feedback: [{ id: "true", text: "Feedback true q-tf-1" }],
    });
  });

  test("matching: each left with its right text, pair feedback", () => {
    expect(reveal("q-match-1", shown)).toMatchObject({
      result: { score: 1 / 3 },
      correctAnswer: {
        type: "matching",
        pairs: [
          { leftId: "budapest", rightId: pub("q-match-1", "budapest"), right: "Right budapest" },
          { leftId: "palermo", rightId: pub("q-match-1", "palermo"), right: "Right palermo" },
          { leftId: "warsaw", rightId: pub("q-match-1", "warsaw"), right: "Right warsaw" },
        ],
      },
      feedback: [{ id: "budapest", text: "Feedback budapest" }],
    });
  });

  test("ordering: the correct order of item ids", () => {
    expect(reveal("q-order-1", shown)).toMatchObject({
      result: {
        score: 1 / 3,
        parts: [
          { id: pub("q-order-1", "identify"), correct: false },
          { id: pub("q-order-1", "preserve"), correct: false },
          { id: pub("q-order-1", "analyse"), correct: true },
        ],
      },
      correctAnswer: { type: "ordering", itemIds: ["identify", "preserve", "analyse"].map((id) => pub("q-order-1", id)) },
      feedback: [],
    });
  });
});
