import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { csvText, neutralise } from "~/utils/spreadsheet";
import type { Table } from "./dashboard";
import { cellKind, columnLabel, rowLabel, type LabelContext } from "./format";
import { SUPPRESSED, type Protected } from "./suppression";
import type { ValueKind } from "./dashboard";

/**
 * CSV and XLSX files of one dashboard or item-analysis table, written as they are read (streamed),
 * with the same protected figures as the page: a hidden figure is the text "<5" in both.
 * Numbers are plain: counts as integers, rates and scores as percentages, times in minutes; the
 * column headings say which.
 */

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A figure with how it reads, or a text (a flag, a question's wording). */
export type SheetCell = { value: Protected; kind: ValueKind } | { text: string };
/** A row: its label (a month is also a date, for the spreadsheet), its cells, and whether it is a total. */
export type SheetRow = { label: string; date?: Date; cells: SheetCell[]; total?: boolean };
/** What one file holds: the sheet's name, the column headings (the first names the row labels) and the rows. */
export type Sheet = { name: string; headings: string[]; rows: SheetRow[] };

/** What a column's numbers are in, for its heading: "(%)" or "(minutes)". */
export function unitSuffix(kind: ValueKind, t: LabelContext["t"]) {
  return kind === "rate" || kind === "score" ? " (%)" : kind === "minutes" ? ` (${t("statistics.minutes")})` : "";
}

function sheetOf(table: Table, labels: LabelContext): Sheet {
  const { t } = labels;
  const isTotals = table.id === "totals";
  const headings = [t(`statistics.rowHeader.${table.id}`), ...table.columns.map((column, i) => columnLabel(table.id, column, t) + (isTotals ? "" : unitSuffix(table.kinds[i], t)))];
  return {
    name: t(`statistics.tables.${table.id}`),
    headings,
    rows: [
      ...table.rows.map((row) => ({
        label: rowLabel(table.id, row.key, labels) + (isTotals ? unitSuffix(cellKind(table, row.key, 0), t) : ""),
        date: table.id === "month" ? calendarMonth(row.key) : undefined,
        cells: row.cells.map((value, i) => ({ value, kind: cellKind(table, row.key, i) })),
      })),
      ...(table.total ? [{ label: t("statistics.total"), cells: table.total.map((value, i) => ({ value, kind: table.kinds[i] })), total: true }] : []),
    ],
  };
}

/** The number a file holds for a figure: rates become percentages. */
function plainNumber(cell: { value: Protected; kind: ValueKind }): number | null {
  if (cell.value === null) return null;
  if (cell.kind === "rate") return Math.round(cell.value * 1000) / 10;
  if (cell.kind === "score") return Math.round(cell.value * 10) / 10;
  if (cell.kind === "index") return Math.round(cell.value * 1000) / 1000;
  return cell.value;
}

/** A cell as a file holds it: a number, "<5" for a hidden figure, or text. */
function fileValue(cell: SheetCell): number | string {
  return "text" in cell ? cell.text : (plainNumber(cell) ?? SUPPRESSED);
}

/** A CSV field: a bare number, or text quoted and neutralised (app/utils/spreadsheet.ts). */
function csvField(value: number | string): string {
  return typeof value === "number" ? String(value) : csvText(value);
}

/** One dashboard table as CSV. */
export function csvStream(table: Table, labels: LabelContext): ReadableStream<Uint8Array> {
  return sheetCsvStream(sheetOf(table, labels));
}

/** UTF-8 with a byte order mark (Excel then reads Cyrillic correctly), CRLF line ends (RFC 4180). */
export function sheetCsvStream(sheet: Sheet): ReadableStream<Uint8Array> {
  const lines = (function* () {
    yield "\uFEFF" + sheet.headings.map(csvField).join(",") + "\r\n";
    for (const row of sheet.rows) yield [row.label, ...row.cells.map(fileValue)].map(csvField).join(",") + "\r\n";
  })();
  const encoder = new TextEncoder();
  return new ReadableStream({
    pull(controller) {
      const next = lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
}

const NUMBER_FORMATS: Record<ValueKind, string> = { count: "#,##0", rate: "0.0", score: "0.0", minutes: "#,##0", index: "0.000" };

/** One dashboard table as XLSX, with a second sheet naming the view it shows. */
export function xlsxStream(table: Table, labels: LabelContext, about: [string, string | Date][]): ReadableStream<Uint8Array> {
  return sheetXlsxStream(sheetOf(table, labels), labels.t("statistics.export.filters"), about);
}

/**
 * An XLSX workbook streamed by exceljs's WorkbookWriter: the figures as numbers (a month as a real
 * date, the first day of the month), and a second sheet (`aboutName`) naming the view it shows.
 */
export function sheetXlsxStream(sheet: Sheet, aboutName: string, about: [string, string | Date][]): ReadableStream<Uint8Array> {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const write = async () => {
    const figures = workbook.addWorksheet(sheet.name.slice(0, 31));
    figures.columns = sheet.headings.map((heading, i) => ({ header: neutralise(heading), width: i === 0 ? 42 : 18 }));
    figures.getRow(1).font = { bold: true };
    figures.getRow(1).commit();
    for (const row of sheet.rows) {
      const excelRow = figures.addRow([row.date ?? neutralise(row.label), ...row.cells.map((cell) => ("text" in cell ? neutralise(cell.text) : fileValue(cell)))]);
      if (row.date) excelRow.getCell(1).numFmt = "mmmm yyyy";
      row.cells.forEach((cell, i) => {
        const target = excelRow.getCell(i + 2);
        if ("text" in cell) return;
        if (cell.value === null) target.alignment = { horizontal: "right" };
        else target.numFmt = NUMBER_FORMATS[cell.kind];
      });
      if (row.total) excelRow.font = { bold: true };
      excelRow.commit();
    }
    figures.commit();
    const info = workbook.addWorksheet(aboutName.slice(0, 31));
    info.columns = [{ width: 30 }, { width: 50 }];
    for (const [name, value] of about) {
      const row = info.addRow([neutralise(name), typeof value === "string" ? neutralise(value) : value]);
      if (value instanceof Date) row.getCell(2).numFmt = "yyyy-mm-dd hh:mm";
      row.commit();
    }
    info.commit();
    await workbook.commit();
  };
  write().catch((error) => output.destroy(error as Error));
  return Readable.toWeb(output) as ReadableStream<Uint8Array>;
}

/** A month as a spreadsheet date: its first day (spreadsheet dates have no time zone). */
function calendarMonth(month: string): Date {
  const [year, m] = month.split("-").map(Number);
  return new Date(Date.UTC(year, m - 1, 1));
}
