import type { Answer } from "./answer";

// What the browser receives about a question. Plain types: these are produced by
// present.server.ts, never parsed from outside.

export type PublicChoice = { id: string; text: string };

export type PublicCase = { id: string; title: string; text: string };

type PublicQuestionBase = {
  id: string;
  /** Authored Markdown in an authored language; the caller transliterates and renders it. */
  prompt: string;
  /** The shared case of a scenario question. */
  case: PublicCase | null;
  /**
   * The learner's saved answer for pre-filling the form, in this view's ids
   * (matching right sides as public ids), or null.
   */
  response: Answer | null;
};

/** A question as the learner sees it before any reveal: no correct flags, feedback or explanation. */
export type PublicQuestion = PublicQuestionBase &
  (
    | { type: "single"; options: PublicChoice[] }
    | { type: "multiple"; options: PublicChoice[] }
    | { type: "truefalse" }
    /** `lefts` in authored order, `rights` in drawn order under public ids ("r1", "r2", ...). */
    | { type: "matching"; lefts: PublicChoice[]; rights: PublicChoice[] }
    /** Items in drawn order, never the correct one. */
    | { type: "ordering"; items: PublicChoice[] }
  );

/** See `Grade.parts` in grading.server.ts. */
export type PartResult = { id: string; correct: boolean };

export type CorrectAnswer =
  | { type: "single"; optionIds: string[] }
  | { type: "multiple"; optionIds: string[] }
  | { type: "truefalse"; value: boolean }
  /** For each left side (by pair id), the text of its right side. */
  | { type: "matching"; pairs: Array<{ leftId: string; right: string }> }
  /** Item ids in the correct order. */
  | { type: "ordering"; itemIds: string[] };

/** What may be shown about a graded question. Each part is null or empty when the reveal flags hide it. */
export type RevealedQuestion = {
  id: string;
  type: PublicQuestion["type"];
  /** Shown when `correctness` is revealed. */
  result: { score: number; correct: boolean; parts: PartResult[] } | null;
  /** Shown when `answers` is revealed. */
  correctAnswer: CorrectAnswer | null;
  /** Authored feedback for the learner's choices (id = option id, pair id, or "true"/"false"); shown with explanations. */
  feedback: PublicChoice[];
  /** Shown when `explanations` is revealed. */
  explanation: string | null;
};
