import type { TFunction } from "i18next";
import type { Language } from "~/content/localized";
import { escapeHtml } from "~/utils/html";
import { memoiseTranslations, progressFormats } from "./format";
import { statusKey } from "./grid";
import type { GridCell, GridColumn, GridQuery, ProgressGrid } from "./grid.server";
import { cellPath } from "./paths";

type Texts = { t: ReturnType<typeof memoiseTranslations>; formats: ReturnType<typeof progressFormats> };

/** What a cell says after its status: lessons done, or attempts used, or the best score and the day. */
function cellDetails(cell: GridCell, column: GridColumn, { t, formats }: Texts): string {
  const details: string[] = [];
  if (cell.status === "passed") {
    if (cell.bestScore !== null) details.push(formats.percent(cell.bestScore));
    if (cell.completedAt !== null) details.push(formats.date(cell.completedAt));
  } else if (cell.status === "failed") {
    details.push(t("progress.cell.attempts", { used: cell.attemptsUsed, allowed: cell.attemptsAllowed }));
    if (cell.bestScore !== null) details.push(t("progress.cell.best", { score: formats.percent(cell.bestScore) }));
  } else if (cell.status !== "not-started" || cell.lessonsDone > 0) {
    details.push(t("progress.cell.lessons", { done: cell.lessonsDone, total: column.lessonsTotal }));
    if (cell.quizPassed) details.push(t("progress.cell.quizPassed"));
  }
  return details.join(" · ");
}

/**
 * The whole grid as one table of static HTML, made on the server from escaped strings (decision
 * 0015): 500 learners × 9 modules are 4,500 links, and React's renderer spent most of a request
 * on them. A cell is a link whose first line is the status and whose class is the status, nothing
 * repeated. The page takes this HTML as a fragment (app/utils/html-fragments.ts). Every text and
 * attribute value goes through escapeHtml.
 */
export function renderGridTable(grid: ProgressGrid, input: { groupId: number; title: string; query: GridQuery; language: Language; t: TFunction }): string {
  const { groupId, title, query } = input;
  const t = memoiseTranslations(input.t);
  const texts: Texts = { t, formats: progressFormats(input.language) };
  const { formats } = texts;
  const sortedBy = (sort: string) => (query.sort === sort ? ` aria-sort="${query.order === "asc" ? "ascending" : "descending"}"` : "");
  const html: string[] = [
    `<table class="progress-grid"><caption class="visually-hidden">${escapeHtml(title)}</caption><thead><tr>`,
    `<th scope="col"${sortedBy("name")}>${escapeHtml(t("progress.grid.learner"))}</th>`,
    `<th scope="col">${escapeHtml(t("progress.grid.institutionColumn"))}</th>`,
    `<th scope="col"${sortedBy("progress")}>${escapeHtml(t("progress.grid.percent"))}</th>`,
    `<th scope="col"${sortedBy("activity")}>${escapeHtml(t("progress.grid.lastActivity"))}</th>`,
  ];
  for (const column of grid.columns) {
    html.push(`<th scope="col">${escapeHtml(column.title)}<span class="module-due">${escapeHtml(t("progress.grid.due", { date: formats.date(column.dueAt) }))}</span></th>`);
  }
  html.push("</tr></thead><tbody>");
  const never = escapeHtml(t("progress.grid.never"));
  for (const row of grid.rows) {
    const { learner } = row;
    html.push(
      `<tr><th scope="row">${escapeHtml(learner.fullName)}</th><td>${escapeHtml(t(`institutions.${learner.institutionType}`))}</td>`,
      `<td>${escapeHtml(formats.percent(row.percent))}</td><td>${row.lastActivityAt === null ? never : escapeHtml(formats.date(row.lastActivityAt))}</td>`,
    );
    row.cells.forEach((cell, i) => {
      const column = grid.columns[i];
      const details = cellDetails(cell, column, texts);
      html.push(
        `<td class="${cell.status}"><a href="${escapeHtml(cellPath(groupId, learner.id, column))}">${escapeHtml(t(statusKey(cell, column)))}${details ? `<br/>${escapeHtml(details)}` : ""}</a></td>`,
      );
    });
    html.push("</tr>");
  }
  html.push("</tbody></table>");
  return html.join("");
}
