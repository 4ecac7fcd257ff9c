import { describe, expect, test } from "vitest";
import type { RevealWhen } from "~/content/bank.schema";
import { answersWithheld, revealFlags, type RevealMoment } from "./reveal";

const moments: Record<string, RevealMoment> = {
  running: { finished: false, passed: false, attemptsLeft: 2 },
  "running, last attempt": { finished: false, passed: false, attemptsLeft: 0 },
  "failed, attempts left": { finished: true, passed: false, attemptsLeft: 1 },
  "failed, last attempt": { finished: true, passed: false, attemptsLeft: 0 },
  passed: { finished: true, passed: true, attemptsLeft: 2 },
};

// rows: policy; columns: the moments above, in order
const table: Array<[RevealWhen, boolean[]]> = [
  ["always", [true, true, true, true, true]],
  ["after-finish", [false, false, true, true, true]],
  ["after-pass-or-last-attempt", [false, false, false, true, true]],
  ["never", [false, false, false, false, false]],
];

describe("revealFlags", () => {
  for (const [when, expected] of table) {
    test(`${when}: ${Object.keys(moments)
      .map((name, index) => `${name} → ${expected[index]}`)
      .join("; ")}`, () => {
      Object.values(moments).forEach((moment, index) => {
        const flags = revealFlags({ correctness: when, answers: when, explanations: when }, moment);
        expect(flags).toEqual({ correctness: expected[index], answers: expected[index], explanations: expected[index] });
      });
    });
  }

  test("each flag follows its own policy (the defaults, after a failed attempt with attempts left)", () => {
    const policy = { correctness: "after-finish", answers: "after-pass-or-last-attempt", explanations: "never" } as const;
    expect(revealFlags(policy, moments["failed, attempts left"]!)).toEqual({
      correctness: true,
      answers: false,
      explanations: false,
    });
  });
});

describe("answersWithheld", () => {
  const policy = { correctness: "after-finish", answers: "after-pass-or-last-attempt", explanations: "after-pass-or-last-attempt" } as const;
  test("a failed attempt with attempts left waits for a pass or the last attempt", () => {
    expect(answersWithheld(policy, { finished: true, passed: false, attemptsLeft: 1 })).toBe("until-pass-or-last");
  });
  test("after passing, or on the last attempt, nothing is withheld", () => {
    expect(answersWithheld(policy, { finished: true, passed: true, attemptsLeft: 1 })).toBeNull();
    expect(answersWithheld(policy, { finished: true, passed: false, attemptsLeft: 0 })).toBeNull();
  });
  test("a course that never shows answers says so", () => {
    expect(answersWithheld({ ...policy, answers: "never" }, { finished: true, passed: true, attemptsLeft: 0 })).toBe("never");
  });
});
