import { describe, expect, test } from "vitest";
import type { QuizBank } from "~/content/bank.schema";
import { createRandom, drawAttempt, DrawnAttemptSchema, shuffle, type DrawSettings } from "./draw";
import { getQuestion, makeBank } from "./quiz-bank.fixture";

const bank = makeBank();
const settings: DrawSettings = { questionsPerAttempt: 10, shuffleQuestions: true, shuffleOptions: true };
const SEEDS = Array.from({ length: 200 }, (_, index) => index * 7919 + 1);

function authoredOrder(bank: QuizBank, questionId: string): string[] | null {
  const question = getQuestion(bank, questionId);
  switch (question.type) {
    case "single":
    case "multiple":
      return question.options.map((option) => option.id);
    case "matching":
      return question.pairs.map((pair) => pair.id);
    case "ordering":
      return question.items.map((item) => item.id);
    case "truefalse":
      return null;
  }
}

describe("createRandom", () => {
  test("is deterministic and stays in [0, 1)", () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(990);
  });

  test("shuffle returns a permutation and leaves its input alone", () => {
    const input = [1, 2, 3, 4, 5];
    const shuffled = shuffle(input, createRandom(1));
    expect([...shuffled].sort()).toEqual(input);
    expect(input).toEqual([1, 2, 3, 4, 5]);
  });
});

describe("drawAttempt", () => {
  test("the same seed gives the same draw", () => {
    expect(drawAttempt(bank, settings, 12345)).toEqual(drawAttempt(bank, settings, 12345));
  });

  test("different seeds give different draws", () => {
    const draws = new Set(SEEDS.slice(0, 20).map((seed) => JSON.stringify(drawAttempt(bank, settings, seed))));
    expect(draws.size).toBe(20);
  });

  test("draws questionsPerAttempt distinct questions, or all if the bank has fewer", () => {
    const draw = drawAttempt(bank, settings, 7);
    expect(draw.questionIds).toHaveLength(10);
    expect(new Set(draw.questionIds).size).toBe(10);
    expect(drawAttempt(bank, { ...settings, questionsPerAttempt: 50 }, 7).questionIds).toHaveLength(16);
  });

  test("every question is drawn sometimes", () => {
    const seen = new Set(SEEDS.flatMap((seed) => drawAttempt(bank, settings, seed).questionIds));
    expect(seen.size).toBe(bank.questions.length);
  });

  test("questions sharing a case are adjacent, in bank order", () => {
    for (const seed of SEEDS) {
      const { questionIds } = drawAttempt(bank, { ...settings, questionsPerAttempt: 16 }, seed);
      for (const caseId of ["case-farm", "case-port"]) {
        const positions = questionIds.map((id, index) => ({ index, question: getQuestion(bank, id) })).filter(({ question }) => question.case === caseId);
        const indexes = positions.map(({ index }) => index);
        expect(indexes).toEqual(indexes.map((_, offset) => indexes[0]! + offset));
        const bankOrder = bank.questions.filter((question) => question.case === caseId).map((question) => question.id);
        expect(positions.map(({ question }) => question.id)).toEqual(bankOrder);
      }
    }
  });

  test("shuffleQuestions: false keeps bank order (case questions grouped at the first)", () => {
    const { questionIds } = drawAttempt(bank, { ...settings, questionsPerAttempt: 16, shuffleQuestions: false }, 3);
    expect(questionIds).toEqual([
      "q-single-1",
      "q-single-2",
      "q-multiple-1",
      "q-multiple-2",
      "q-tf-1",
      "q-tf-2",
      "q-match-1",
      "q-match-2",
      "q-order-1",
      "q-order-2",
      "q-case-farm-1",
      "q-case-farm-2",
      "q-case-farm-3",
      "q-case-port-1",
      "q-case-port-2",
      "q-single-3",
    ]);
  });

  test("optionOrder holds a permutation for every drawn question but true/false", () => {
    for (const seed of SEEDS.slice(0, 30)) {
      const draw = drawAttempt(bank, settings, seed);
      expect(DrawnAttemptSchema.parse(draw)).toEqual(draw);
      for (const id of draw.questionIds) {
        const authored = authoredOrder(bank, id);
        if (authored === null) {
          expect(draw.optionOrder[id]).toBeUndefined();
        } else {
          expect([...draw.optionOrder[id]!].sort()).toEqual([...authored].sort());
        }
      }
      expect(Object.keys(draw.optionOrder).every((id) => draw.questionIds.includes(id))).toBe(true);
    }
  });

  test("ordering items and matching right sides are never in the authored (correct) order", () => {
    for (const shuffleOptions of [true, false]) {
      for (const seed of SEEDS) {
        const draw = drawAttempt(bank, { questionsPerAttempt: 16, shuffleQuestions: true, shuffleOptions }, seed);
        for (const id of ["q-order-1", "q-order-2", "q-case-port-2", "q-match-1", "q-match-2"]) {
          expect(draw.optionOrder[id]).not.toEqual(authoredOrder(bank, id));
        }
      }
    }
  });

  test("shuffleOptions: false keeps choice options in authored order", () => {
    const draw = drawAttempt(bank, { ...settings, questionsPerAttempt: 16, shuffleOptions: false }, 99);
    expect(draw.optionOrder["q-single-1"]).toEqual(["a", "b", "c"]);
    expect(draw.optionOrder["q-multiple-1"]).toEqual(["a", "b", "c", "d"]);
  });

  test("shuffleOptions: true shuffles choice options across seeds", () => {
    const orders = new Set(SEEDS.slice(0, 50).map((seed) => JSON.stringify(drawAttempt(bank, { ...settings, questionsPerAttempt: 16 }, seed).optionOrder["q-multiple-1"])));
    expect(orders.size).toBeGreaterThan(10);
  });
});
