import { z } from "zod";
import type { Question, QuizBank, QuizSettings } from "~/content/bank.schema";

/**
 * What one attempt shows, fixed when the attempt is created and stored with it.
 *
 * `optionOrder[questionId]` is the display order of the question's parts:
 * - single, multiple: option ids
 * - matching: pair ids, in the order the right sides are shown (left sides keep the authored order)
 * - ordering: item ids, in the order the items are first shown
 * True/false questions have no entry.
 */
export const DrawnAttemptSchema = z
  .object({
    questionIds: z.array(z.string().min(1)).min(1),
    optionOrder: z.record(z.string(), z.array(z.string().min(1))),
  })
  .strict();
export type DrawnAttempt = z.infer<typeof DrawnAttemptSchema>;

export type DrawSettings = Pick<QuizSettings, "questionsPerAttempt" | "shuffleQuestions" | "shuffleOptions">;

/**
 * Draws `questionsPerAttempt` questions (all of them if the bank has fewer) at random,
 * keeps questions that share a case next to each other, and orders each question's parts.
 * The same bank, settings and seed always give the same draw.
 *
 * - `shuffleQuestions: false` keeps the drawn questions in bank order.
 * - `shuffleOptions: false` keeps single/multiple options in authored order.
 * - Matching right sides and ordering items are always shuffled, and never left in the
 *   authored order, because the authored order is the answer.
 */
export function drawAttempt(bank: QuizBank, settings: DrawSettings, seed: number): DrawnAttempt {
  const random = createRandom(seed);
  const count = Math.min(settings.questionsPerAttempt, bank.questions.length);
  const drawnIds = new Set(
    shuffle(
      bank.questions.map((question) => question.id),
      random,
    ).slice(0, count),
  );
  const drawn = bank.questions.filter((question) => drawnIds.has(question.id));

  const groups = groupByCase(drawn);
  const questions = (settings.shuffleQuestions ? shuffle(groups, random) : groups).flat();

  const optionOrder: Record<string, string[]> = {};
  for (const question of questions) {
    const order = orderParts(question, settings.shuffleOptions, random);
    if (order !== null) optionOrder[question.id] = order;
  }
  return { questionIds: questions.map((question) => question.id), optionOrder };
}

function orderParts(question: Question, shuffleOptions: boolean, random: () => number): string[] | null {
  switch (question.type) {
    case "single":
    case "multiple": {
      const ids = question.options.map((option) => option.id);
      return shuffleOptions ? shuffle(ids, random) : ids;
    }
    case "matching":
      return shuffleAwayFromAuthoredOrder(
        question.pairs.map((pair) => pair.id),
        random,
      );
    case "ordering":
      return shuffleAwayFromAuthoredOrder(
        question.items.map((item) => item.id),
        random,
      );
    case "truefalse":
      return null;
  }
}

/** Groups questions that share a case at the position of the group's first question. */
function groupByCase(questions: Question[]): Question[][] {
  const groups: Question[][] = [];
  const groupOfCase = new Map<string, Question[]>();
  for (const question of questions) {
    if (question.case === undefined) {
      groups.push([question]);
      continue;
    }
    const group = groupOfCase.get(question.case);
    if (group) {
      group.push(question);
    } else {
      const newGroup = [question];
      groupOfCase.set(question.case, newGroup);
      groups.push(newGroup);
    }
  }
  return groups;
}

function shuffleAwayFromAuthoredOrder(ids: string[], random: () => number): string[] {
  const shuffled = shuffle(ids, random);
  const isAuthoredOrder = shuffled.every((id, index) => id === ids[index]);
  // Rotating a list of distinct ids by one always changes it.
  return isAuthoredOrder && ids.length > 1 ? [...shuffled.slice(1), shuffled[0]!] : shuffled;
}

/** Fisher–Yates on a copy. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** mulberry32: a small seeded PRNG returning numbers in [0, 1). Not for secrets. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
