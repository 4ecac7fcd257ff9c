/**
 * The anchor of a reference in one question's explanation. A review page shows many
 * explanations, each numbering its references from 1: plain `ref-1` anchors would repeat
 * and a citation would jump to another question's list.
 */
export function referenceAnchor(questionId: string, number: number): string {
  return `ref-${questionId}-${number}`;
}
