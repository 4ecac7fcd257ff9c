/** What a cell of the progress grid can say, shared by the page, its filter and the exports. */
export const CELL_STATUSES = ["not-started", "in-progress", "passed", "failed", "overdue"] as const;
export type CellStatus = (typeof CELL_STATUSES)[number];

export const GRID_SORTS = ["name", "progress", "activity"] as const;
export const GRID_ORDERS = ["asc", "desc"] as const;

/** Dates on the grid are days in Belgrade, where the workshops are, whatever the server's zone. */
export const GRID_TIME_ZONE = "Europe/Belgrade";

/** The i18n key of a cell's status: a passed module without a quiz reads "Completed". */
export function statusKey(cell: { status: CellStatus }, column: { quizRequired: boolean }): string {
  return cell.status === "passed" && !column.quizRequired ? "progress.status.completed" : `progress.status.${cell.status}`;
}
