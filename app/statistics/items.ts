/**
 * Item analysis as Moodle's quiz statistics define it, from running sums (no database here):
 * - facility index: the mean score of the question (0–1);
 * - discrimination index: the correlation of the question's score x with the rest of the attempt
 *   y (the other questions' scores added up), over the attempts that drew the question;
 * - coefficient of internal consistency (Cronbach's alpha) per quiz:
 *   α = k/(k−1) · (1 − Σ var(xᵢ) / var(T)), T the attempt's total. A quiz draws k questions from a
 *   larger bank, so Σ var(xᵢ) over one attempt's k questions is taken as k times the mean item
 *   variance, weighted by how often each question was drawn (exactly the usual sum when every
 *   attempt has every question).
 * Every figure is protected like the dashboard's (./suppression.ts): a cell about fewer than five
 * learners is hidden, with a second cell of its quiz or question when the other languages and the
 * all-language figure would give it away by subtraction.
 */
import { LANGUAGES } from "~/content/localized";
import { isSmall, MIN_LEARNERS, protectCount, protectPartition, type Protected } from "./suppression";

/** n, Σx, Σx², Σy, Σy², Σxy of one question, over attempts in one language (or all of them). */
export type ItemSums = { attempts: number; learners: number; sumX: number; sumXx: number; sumY: number; sumYy: number; sumXy: number };
/** Attempts, learners, questions drawn (Σk) and the attempt totals' ΣT and ΣT² of one quiz in one language. */
export type QuizSums = { attempts: number; learners: number; sumK: number; sumT: number; sumTt: number };

export const TOO_EASY = 0.9;
export const TOO_HARD = 0.2;
export const LOW_DISCRIMINATION = 0.2;
export const FLAGS = ["tooEasy", "tooHard", "notDiscriminating"] as const;
export type Flag = (typeof FLAGS)[number];

// Rounding in the running sums leaves a variance of 1e-12 where there is none.
const EPSILON = 1e-9;

export function facilityOf(s: ItemSums): number | null {
  return s.attempts > 0 ? s.sumX / s.attempts : null;
}

/** Pearson's r of x and y from the sums; null when either does not vary. */
export function discriminationOf(s: ItemSums): number | null {
  const n = s.attempts;
  const varX = n * s.sumXx - s.sumX * s.sumX;
  const varY = n * s.sumYy - s.sumY * s.sumY;
  if (n < 2 || varX <= EPSILON || varY <= EPSILON) return null;
  return (n * s.sumXy - s.sumX * s.sumY) / Math.sqrt(varX * varY);
}

/** Sample variance from n, Σv and Σv². */
function variance(n: number, sum: number, sumSquares: number): number | null {
  return n < 2 ? null : Math.max(0, (sumSquares - (sum * sum) / n) / (n - 1));
}

export function alphaOf(quiz: QuizSums, items: readonly ItemSums[]): number | null {
  const k = quiz.attempts > 0 ? quiz.sumK / quiz.attempts : 0;
  const totalVariance = variance(quiz.attempts, quiz.sumT, quiz.sumTt);
  let weighted = 0;
  let drawn = 0;
  for (const item of items) {
    const v = variance(item.attempts, item.sumX, item.sumXx);
    if (v === null) continue;
    weighted += item.attempts * v;
    drawn += item.attempts;
  }
  if (k <= 1 || totalVariance === null || totalVariance <= EPSILON || drawn === 0) return null;
  return (k / (k - 1)) * (1 - (k * (weighted / drawn)) / totalVariance);
}

export function flagsOf(facility: number | null, discrimination: number | null): Flag[] {
  const flags: Flag[] = [];
  if (facility !== null && facility > TOO_EASY) flags.push("tooEasy");
  if (facility !== null && facility < TOO_HARD) flags.push("tooHard");
  if (discrimination !== null && discrimination < LOW_DISCRIMINATION) flags.push("notDiscriminating");
  return flags;
}

/** The columns of the per-language breakdown: every language, then all of them together. */
export const ITEM_LANGUAGES = [...LANGUAGES, "all"] as const;
export type ItemLanguage = (typeof ITEM_LANGUAGES)[number];

export type ItemCell = { attempts: Protected; facility: Protected; discrimination: Protected; flags: Flag[] };
export type QuizCell = { attempts: Protected; learners: Protected; alpha: Protected };

/**
 * Which language cells are hidden: those about 1–4 learners, and a second one when exactly one
 * is, so that the all-language figure minus the others cannot reveal it.
 */
function hiddenLanguages(learners: Record<ItemLanguage, number>): Record<ItemLanguage, boolean> {
  const { cells, total } = protectPartition(
    LANGUAGES.map((l) => learners[l]),
    learners.all,
  );
  const hidden = Object.fromEntries(LANGUAGES.map((l, i) => [l, cells[i] === null])) as Record<ItemLanguage, boolean>;
  hidden.all = total === null;
  return hidden;
}

const EMPTY_ITEM: ItemSums = { attempts: 0, learners: 0, sumX: 0, sumXx: 0, sumY: 0, sumYy: 0, sumXy: 0 };
const EMPTY_QUIZ: QuizSums = { attempts: 0, learners: 0, sumK: 0, sumT: 0, sumTt: 0 };

/** One question's figures per language, protected; flags only on shown cells. */
export function itemCells(sums: Partial<Record<ItemLanguage, ItemSums>>): Record<ItemLanguage, ItemCell> {
  const of = (l: ItemLanguage) => sums[l] ?? EMPTY_ITEM;
  const hidden = hiddenLanguages(Object.fromEntries(ITEM_LANGUAGES.map((l) => [l, of(l).learners])) as Record<ItemLanguage, number>);
  return Object.fromEntries(
    ITEM_LANGUAGES.map((l) => {
      const s = of(l);
      if (hidden[l] || s.learners < MIN_LEARNERS) return [l, { attempts: s.attempts === 0 ? 0 : null, facility: null, discrimination: null, flags: [] }];
      const facility = facilityOf(s);
      const discrimination = discriminationOf(s);
      // Like any rate (protectRate): a facility that says 1–4 attempts were right is hidden too.
      return [l, { attempts: s.attempts, facility: isSmall(s.sumX) ? null : facility, discrimination, flags: flagsOf(facility, discrimination) }];
    }),
  ) as Record<ItemLanguage, ItemCell>;
}

/** One quiz's attempts, learners and alpha per language, protected. `items` are its questions' sums per language. */
export function quizCells(sums: Partial<Record<ItemLanguage, QuizSums>>, items: Partial<Record<ItemLanguage, ItemSums[]>>): Record<ItemLanguage, QuizCell> {
  const of = (l: ItemLanguage) => sums[l] ?? EMPTY_QUIZ;
  const hidden = hiddenLanguages(Object.fromEntries(ITEM_LANGUAGES.map((l) => [l, of(l).learners])) as Record<ItemLanguage, number>);
  return Object.fromEntries(
    ITEM_LANGUAGES.map((l) => {
      const s = of(l);
      if (hidden[l] || s.learners < MIN_LEARNERS) return [l, { attempts: s.attempts === 0 ? 0 : null, learners: s.learners === 0 ? 0 : null, alpha: null }];
      return [l, { attempts: s.attempts, learners: protectCount(s.learners), alpha: alphaOf(s, items[l] ?? []) }];
    }),
  ) as Record<ItemLanguage, QuizCell>;
}

/** How often a part was chosen, and its share of the cell's attempts: hidden with its cell, or when 1–4. */
export function partCell(count: number, cell: ItemCell): { count: Protected; share: Protected } {
  if (cell.attempts === null) return { count: null, share: null };
  if (cell.attempts === 0) return { count: 0, share: null };
  const shown = protectCount(count);
  return { count: shown, share: shown === null ? null : count / cell.attempts };
}
