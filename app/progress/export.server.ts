import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import { csvText, neutralise } from "~/utils/spreadsheet";
import { memoiseTranslations } from "./format";
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

const HOUR = 60 * 60 * 1000;

/** The grid as a table: the learner's columns, then status, lessons done, best score and completion day per module. */
export function gridTable(grid: ProgressGrid, translate: TFunction): ExportTable {
  const t = memoiseTranslations(translate);
  // A day per UTC hour (Belgrade is whole hours off UTC and changes on the hour): thousands of cells, a few hundred days.
  const days = new Map<number, Date>();
  const asDay = (ms: number | null) => {
    if (ms === null) return null;
    const hour = Math.floor(ms / HOUR);
    let day = days.get(hour);
    if (!day) days.set(hour, (day = new Date(`${dayOf(ms)}T00:00:00Z`)));
    return day;
  };
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

/**
 * One style object per kind of cell (empty cells too), shared and frozen: exceljs gives every cell
 * a style object of its own and renders each to XML to find its style id, unless it has seen that
 * very object before (most of the time of writing a grid's workbook).
 */
const DAY_STYLE: Partial<ExcelJS.Style> = Object.freeze({ numFmt: "yyyy-mm-dd" });
const PLAIN_STYLE: Partial<ExcelJS.Style> = Object.freeze({});

/**
 * An XLSX workbook of one sheet, written as it is made (exceljs's WorkbookWriter, as the statistics
 * exports do): numbers as numbers, days as date cells, text neutralised like the CSV.
 */
export function xlsxStream(table: ExportTable, sheetName: string): ReadableStream<Uint8Array> {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = "Trag";
  const write = async () => {
    const sheet = workbook.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, " ").slice(0, 31) || "Sheet1", { views: [{ state: "frozen", xSplit: 1, ySplit: 1 }] });
    sheet.columns = table.headers.map((header) => ({ header: neutralise(header), width: 18 }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for (const values of table.rows) {
      const row = sheet.addRow(values.map((value) => (typeof value === "string" ? neutralise(value) : value)));
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.style = cell.value instanceof Date ? DAY_STYLE : PLAIN_STYLE;
      });
      row.commit();
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error) => output.destroy(error as Error));
  return Readable.toWeb(output) as ReadableStream<Uint8Array>;
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
