import type { Answer } from "./answer";

// What the browser receives about a question. Plain types: these are produced by
// present.server.ts, never parsed from outside.
//
// Ids: options, matching right sides and ordering items appear under public part ids
// ("p1", "p2", ... in drawn order; see `toPublicPartId`), never under their authored ids.
// Matching left sides keep their pair ids. Forms post these ids; parseAnswerForm translates.

export type PublicChoice = { id: string; text: string };

export type PublicCase = { id: string; title: string; text: string };

type PublicQuestionBase = {
  id: string;
  /** Authored Markdown in an authored language; the caller transliterates and renders it. */
  prompt: string;
  /** The shared case of a scenario question. */
  case: PublicCase | null;
  /** The learner's saved answer in public ids, for pre-filling the form, or null. */
  response: Answer | null;
};

/** A question as the learner sees it before any reveal: no correct flags, feedback or explanation. */
export type PublicQuestion = PublicQuestionBase &
  (
    | { type: "single"; options: PublicChoice[] }
    | { type: "multiple"; options: PublicChoice[] }
    | { type: "truefalse" }
    /** `lefts` in authored order (id = pair id), `rights` in drawn order. */
    | { type: "matching"; lefts: PublicChoice[]; rights: PublicChoice[] }
    /** Items in drawn order, which is never the correct one. */
    | { type: "ordering"; items: PublicChoice[] }
  );

/**
 * How one part of an answer fared (public ids): a chosen option (is it a correct one?),
 * a matching pair by its left id (matched to its own right?), an ordering item (in its place?).
 */
export type PartResult = { id: string; correct: boolean };

export type CorrectAnswer =
  | { type: "single"; optionIds: string[] }
  | { type: "multiple"; optionIds: string[] }
  | { type: "truefalse"; value: boolean }
  /** For each left side, its right side's public id and text. */
  | { type: "matching"; pairs: Array<{ leftId: string; rightId: string; right: string }> }
  /** Item ids in the correct order. */
  | { type: "ordering"; itemIds: string[] };

/** What may be shown about a graded question. Each part is null or empty while the reveal flags hide it. */
export type RevealedQuestion = {
  id: string;
  type: PublicQuestion["type"];
  /** Shown when `correctness` is revealed. */
  result: { score: number; correct: boolean; parts: PartResult[] } | null;
  /** Shown when `answers` is revealed. */
  correctAnswer: CorrectAnswer | null;
  /**
   * Authored feedback for the learner's choices, shown with `explanations`:
   * id = the chosen option's public id, "true"/"false", or a matching pair's left id.
   */
  feedback: PublicChoice[];
  /** Shown when `explanations` is revealed. */
  explanation: string | null;
};
