import type { RevealPolicy, RevealWhen } from "~/content/bank.schema";

export type RevealFlags = {
  /** Score, correct/incorrect, and which picks, pairs or positions were right. */
  correctness: boolean;
  /** The correct answer. */
  answers: boolean;
  /** The explanation, and the authored feedback for the learner's choices. */
  explanations: boolean;
};

export type RevealMoment = {
  /**
   * Deferred mode: the attempt is finished.
   * Immediate mode: this question has been graded — "after-finish" then means "after the
   * question is graded", which is the point of immediate feedback.
   */
  finished: boolean;
  /** The attempt passed. False while it is still running. */
  passed: boolean;
  /** Attempts the learner may still start after this one (0 on the last attempt). */
  attemptsLeft: number;
};

/** What the learner may see of a graded question now, per the module's reveal policy. */
export function revealFlags(policy: RevealPolicy, moment: RevealMoment): RevealFlags {
  return {
    correctness: isRevealed(policy.correctness, moment),
    answers: isRevealed(policy.answers, moment),
    explanations: isRevealed(policy.explanations, moment),
  };
}

function isRevealed(when: RevealWhen, moment: RevealMoment): boolean {
  switch (when) {
    case "always":
      return true;
    case "after-finish":
      return moment.finished;
    case "after-pass-or-last-attempt":
      return moment.finished && (moment.passed || moment.attemptsLeft <= 0);
    case "never":
      return false;
  }
}

/**
 * Why a finished attempt's review does not show the correct answers, if it does not: they come
 * once the learner passes or has used the last attempt, or the course never shows them.
 */
export function answersWithheld(policy: RevealPolicy, moment: RevealMoment): "until-pass-or-last" | "never" | null {
  if (isRevealed(policy.answers, moment)) return null;
  return policy.answers === "never" ? "never" : "until-pass-or-last";
}
