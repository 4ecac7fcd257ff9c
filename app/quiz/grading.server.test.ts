import { describe, expect, test } from "vitest";
import type { Answer } from "./answer";
import { AnswerMismatchError, gradeAnswer, scoreAttempt } from "./grading.server";
import { getQuestion, makeBank } from "./quiz-bank.fixture";

const bank = makeBank();
const question = (id: string) => getQuestion(bank, id);

function mismatchOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof AnswerMismatchError) return error.reason;
    throw error;
  }
  return null;
}

describe("gradeAnswer", () => {
  test("single: 1 if correct, else 0", () => {
    expect(gradeAnswer(question("q-single-1"), { type: "single", optionId: "a" })).toEqual({
      score: 1,
      correct: true,
      parts: [{ id: "a", correct: true }],
    });
    expect(gradeAnswer(question("q-single-1"), { type: "single", optionId: "c" })).toEqual({
      score: 0,
      correct: false,
      parts: [{ id: "c", correct: false }],
    });
  });

  test("truefalse: 1 if correct, else 0", () => {
    expect(gradeAnswer(question("q-tf-1"), { type: "truefalse", value: false })).toEqual({ score: 1, correct: true, parts: [] });
    expect(gradeAnswer(question("q-tf-1"), { type: "truefalse", value: true }).score).toBe(0);
  });

  describe("multiple (a, b correct; c, d wrong)", () => {
    const grade = (optionIds: string[]) => gradeAnswer(question("q-multiple-1"), { type: "multiple", optionIds });

    test.each([
      [["a", "b"], 1],
      [["a"], 0.5],
      [["b"], 0.5],
      [["a", "b", "c"], 0.5],
      [["a", "c"], 0],
      [["a", "c", "d"], 0],
      [["c"], 0],
      [["c", "d"], 0],
      [["a", "b", "c", "d"], 0],
    ])("%j scores %d", (optionIds, score) => {
      expect(grade(optionIds).score).toBe(score);
    });

    test("one correct option among two (a correct; b wrong)", () => {
      const base = question("q-multiple-1");
      const oneCorrect = {
        ...base,
        options: base.type === "multiple" ? base.options.slice(1, 3) : [],
      } as ReturnType<typeof question>;
      const score = (optionIds: string[]) => gradeAnswer(oneCorrect, { type: "multiple", optionIds }).score;
      expect(score(["b"])).toBe(1);
      expect(score(["b", "c"])).toBe(0);
      expect(score(["c"])).toBe(0);
    });

    test("thirds add up to exactly 1", () => {
      const thirds = {
        ...question("q-multiple-1"),
        options: ["a", "b", "c", "d", "e"].map((id) => ({
          id,
          text: { en: id, "sr-Latn": id },
          correct: id !== "d" && id !== "e",
          feedback: { en: id, "sr-Latn": id },
        })),
      } as ReturnType<typeof question>;
      expect(gradeAnswer(thirds, { type: "multiple", optionIds: ["a", "b", "c"] })).toMatchObject({ score: 1, correct: true });
      expect(gradeAnswer(thirds, { type: "multiple", optionIds: ["a", "b", "c", "d"] }).score).toBeCloseTo(0.5);
    });

    test("parts mark each chosen option", () => {
      expect(grade(["a", "c"]).parts).toEqual([
        { id: "a", correct: true },
        { id: "c", correct: false },
      ]);
    });
  });

  test("matching: the share of pairs matched correctly", () => {
    const grade = (pairs: Record<string, string>) => gradeAnswer(question("q-match-2"), { type: "matching", pairs });
    expect(grade({ one: "one", two: "two", three: "three", four: "four" })).toMatchObject({ score: 1, correct: true });
    expect(grade({ one: "two", two: "one", three: "three", four: "four" })).toEqual({
      score: 0.5,
      correct: false,
      parts: [
        { id: "one", correct: false },
        { id: "two", correct: false },
        { id: "three", correct: true },
        { id: "four", correct: true },
      ],
    });
    expect(grade({ one: "one", two: "one", three: "one", four: "one" }).score).toBe(0.25);
  });

  test("ordering: the share of items in their correct position", () => {
    const grade = (order: string[]) => gradeAnswer(question("q-order-2"), { type: "ordering", order });
    expect(grade(["s1", "s2", "s3", "s4", "s5"])).toMatchObject({ score: 1, correct: true });
    expect(grade(["s1", "s3", "s2", "s4", "s5"]).score).toBe(0.6);
    expect(grade(["s5", "s1", "s2", "s3", "s4"]).score).toBe(0);
    expect(grade(["s2", "s1", "s3", "s4", "s5"]).parts[2]).toEqual({ id: "s3", correct: true });
  });

  test.each<[string, Answer, string]>([
    ["q-single-1", { type: "truefalse", value: true }, "wrong-type"],
    ["q-single-1", { type: "single", optionId: "z" }, "unknown-id"],
    ["q-multiple-1", { type: "multiple", optionIds: ["a", "z"] }, "unknown-id"],
    ["q-multiple-1", { type: "multiple", optionIds: ["a", "a"] }, "duplicate"],
    ["q-match-1", { type: "matching", pairs: { budapest: "budapest", palermo: "palermo" } }, "incomplete"],
    ["q-match-1", { type: "matching", pairs: { budapest: "x", palermo: "palermo", warsaw: "warsaw" } }, "unknown-id"],
    ["q-match-1", { type: "matching", pairs: { budapest: "budapest", palermo: "palermo", warsaw: "warsaw", x: "warsaw" } }, "unknown-id"],
    ["q-order-1", { type: "ordering", order: ["identify", "preserve"] }, "incomplete"],
    ["q-order-1", { type: "ordering", order: ["identify", "preserve", "x"] }, "unknown-id"],
    ["q-order-1", { type: "ordering", order: ["identify", "preserve", "preserve"] }, "duplicate"],
    ["q-tf-1", { type: "single", optionId: "a" }, "wrong-type"],
  ])("%s with %j does not fit: %s", (id, answer, reason) => {
    expect(mismatchOf(() => gradeAnswer(question(id), answer))).toBe(reason);
  });
});

describe("scoreAttempt", () => {
  test("sums question scores over the questions drawn, in percent to one decimal", () => {
    expect(scoreAttempt([1, 1, 1], 3)).toBe(100);
    expect(scoreAttempt([1, 0.5, 0], 3)).toBe(50);
    expect(scoreAttempt([1, 1], 3)).toBe(66.7);
    expect(scoreAttempt([1, 1, 1, 1, 1, 1, 1], 10)).toBe(70);
    expect(scoreAttempt([1 / 3, 1 / 3, 1 / 3], 1 + 2)).toBe(33.3);
    expect(scoreAttempt([], 10)).toBe(0);
  });

  test("rejects impossible input", () => {
    expect(() => scoreAttempt([1], 0)).toThrow(RangeError);
    expect(() => scoreAttempt([1, 1], 1)).toThrow(RangeError);
    expect(() => scoreAttempt([1.5], 2)).toThrow(RangeError);
    expect(() => scoreAttempt([Number.NaN], 2)).toThrow(RangeError);
  });
});
