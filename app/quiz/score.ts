/**
 * The attempt's score in percent, rounded to one decimal: the sum of question scores
 * (each 0..1) divided by the number of questions drawn. Questions without a score count 0.
 * Pass is decided on this rounded value, so the learner never sees "70%" and fails a 70% mark.
 */
export function scoreAttempt(scores: readonly number[], questionCount: number): number {
  if (!Number.isInteger(questionCount) || questionCount < 1) {
    throw new RangeError(`questionCount must be a positive integer (got ${questionCount})`);
  }
  if (scores.length > questionCount) {
    throw new RangeError(`${scores.length} scores for ${questionCount} questions`);
  }
  if (scores.some((score) => !(score >= 0 && score <= 1))) {
    throw new RangeError("every score must be between 0 and 1");
  }
  const total = scores.reduce((sum, score) => sum + score, 0);
  return Math.round((total / questionCount) * 1000) / 10;
}

export function hasPassed(scorePercent: number, passMark: number): boolean {
  return scorePercent >= passMark;
}
