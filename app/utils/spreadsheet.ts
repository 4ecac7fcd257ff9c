/**
 * Text cells of the files people open in a spreadsheet (CSV and XLSX exports of the trainer's
 * progress grid and of the statistics): one place for the rule that keeps them inert.
 */

/**
 * Text a spreadsheet could take for a formula (= + - @, or a tab or carriage return before one)
 * gets a leading apostrophe, so that it is shown, never run (CSV or formula injection).
 */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A text field of an RFC 4180 CSV file: neutralised, quoted, its quotes doubled. */
export function csvText(text: string): string {
  return `"${neutralise(text).replace(/"/g, '""')}"`;
}
