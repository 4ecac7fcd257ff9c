import ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import { csvText, neutralise } from "~/utils/spreadsheet";
import { GRID_TIME_ZONE, statusKey } from "./grid";
import type { ProgressGrid } from "./grid.server";

/** A cell of an exported table: text, a number, a calendar day (UTC midnight of the day in Belgrade) or nothing. */
export type ExportValue = string | number | Date | null;
export type ExportTable = { headers: string[]; rows: ExportValue[][] };

const belgradeDay = new Intl.DateTimeFormat("en-CA", { timeZone: GRID_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar day in Belgrade of a moment, as `YYYY-MM-DD`. */
export function dayOf(ms: number): string {
  return belgradeDay.format(ms);
}

const asDay = (ms: number | null) => (ms === null ? null : new Date(`${dayOf(ms)}T00:00:00Z`));

/** The grid as a table: the learner's columns, then status, lessons done, best score and completion day per module. */
export function gridTable(grid: ProgressGrid, t: TFunction): ExportTable {
  const headers = [t("progress.export.name"), t("progress.export.email"), t("progress.export.institution"), t("progress.export.percent"), t("progress.export.lastActivity")];
  for (const column of grid.columns) {
    const module = column.title;
    headers.push(t("progress.export.status", { module }), t("progress.export.lessons", { module }), t("progress.export.score", { module }), t("progress.export.date", { module }));
  }
  const rows = grid.rows.map((row) => {
    const values: ExportValue[] = [row.learner.fullName, row.learner.email, t(`institutions.${row.learner.institutionType}`), row.percent, asDay(row.lastActivityAt)];
    row.cells.forEach((cell, i) => values.push(t(statusKey(cell, grid.columns[i])), cell.lessonsDone, cell.bestScore, asDay(cell.completedAt)));
    return values;
  });
  return { headers, rows };
}

function csvField(value: ExportValue): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  return csvText(value instanceof Date ? value.toISOString().slice(0, 10) : value);
}

/** RFC 4180 CSV, UTF-8 with a byte order mark so that spreadsheet programs read Serbian letters right. */
export function toCsv(table: ExportTable): string {
  const lines = [table.headers, ...table.rows].map((row) => row.map((value) => csvField(value)).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** An XLSX workbook of one sheet: numbers as numbers, days as date cells, text neutralised like the CSV. */
export async function toXlsx(table: ExportTable, sheetName: string): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Trag";
  const sheet = workbook.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, " ").slice(0, 31) || "Sheet1", { views: [{ state: "frozen", xSplit: 1, ySplit: 1 }] });
  sheet.addRow(table.headers.map(neutralise)).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((value) => (typeof value === "string" ? neutralise(value) : value)));
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    row.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = "yyyy-mm-dd";
    });
  });
  sheet.columns.forEach((column) => {
    column.width = 18;
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * A Content-Disposition for a download named `fileName`: the name as it is in `filename*`
 * (RFC 6266/8187, UTF-8), and an ASCII stand-in in `filename` for clients that only read that.
 * Characters that mean something in a path or in the header are replaced first.
 */
export function attachmentHeader(fileName: string): string {
  const safe = fileName
    .replace(/[\u0000-\u001f\u007f"\\/:*?<>|;%]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 150);
  const ascii = safe
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^\x20-\x7e]/g, "_");
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
