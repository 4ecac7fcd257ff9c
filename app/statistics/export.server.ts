import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { csvText, neutralise } from "~/utils/spreadsheet";
import type { Table } from "./dashboard";
import { cellKind, columnLabel, rowLabel, type LabelContext } from "./format";
import { SUPPRESSED, type Protected } from "./suppression";
import type { ValueKind } from "./dashboard";

/**
 * CSV and XLSX files of one dashboard table, written as they are read (streamed), with the same
 * protected figures as the page: a hidden figure is the text "<5" in both. Text a spreadsheet could
 * run as a formula (a group's name) is neutralised (app/utils/spreadsheet.ts), as the trainers'
 * exports do.
 * Numbers are plain: counts as integers, rates and scores as percentages, times in minutes; the
 * column headings say which.
 */

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

type Cell = { value: Protected; kind: ValueKind };
type SheetRow = { key: string | null; label: string; cells: Cell[] };
type Sheet = { headings: string[]; rows: SheetRow[]; total: SheetRow | null };

function unitSuffix(kind: ValueKind, t: LabelContext["t"]) {
  return kind === "rate" || kind === "score" ? " (%)" : kind === "minutes" ? ` (${t("statistics.minutes")})` : "";
}

function sheetOf(table: Table, labels: LabelContext): Sheet {
  const { t } = labels;
  const isTotals = table.id === "totals";
  const headings = [t(`statistics.rowHeader.${table.id}`), ...table.columns.map((column, i) => columnLabel(table.id, column, t) + (isTotals ? "" : unitSuffix(table.kinds[i], t)))];
  return {
    headings,
    rows: table.rows.map((row) => ({
      key: row.key,
      label: rowLabel(table.id, row.key, labels) + (isTotals ? unitSuffix(cellKind(table, row.key, 0), t) : ""),
      cells: row.cells.map((value, i) => ({ value, kind: cellKind(table, row.key, i) })),
    })),
    total: table.total ? { key: null, label: t("statistics.total"), cells: table.total.map((value, i) => ({ value, kind: table.kinds[i] })) } : null,
  };
}

/** The number a file holds for a figure: rates become percentages. */
function plainNumber(cell: Cell): number | null {
  if (cell.value === null) return null;
  if (cell.kind === "rate") return Math.round(cell.value * 1000) / 10;
  if (cell.kind === "score") return Math.round(cell.value * 10) / 10;
  return cell.value;
}

/** A figure in a CSV file: the bare number, or "<5" as text. */
function csvFigure(cell: Cell): string {
  return cell.value === null ? csvText(SUPPRESSED) : String(plainNumber(cell));
}

/** UTF-8 with a byte order mark (Excel then reads Cyrillic correctly), CRLF line ends (RFC 4180). */
export function csvStream(table: Table, labels: LabelContext): ReadableStream<Uint8Array> {
  const sheet = sheetOf(table, labels);
  const lines = (function* () {
    yield "\uFEFF" + sheet.headings.map(csvText).join(",") + "\r\n";
    for (const row of [...sheet.rows, ...(sheet.total ? [sheet.total] : [])]) {
      yield [csvText(row.label), ...row.cells.map(csvFigure)].join(",") + "\r\n";
    }
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

const NUMBER_FORMATS: Record<ValueKind, string> = { count: "#,##0", rate: "0.0", score: "0.0", minutes: "#,##0" };

/**
 * An XLSX workbook streamed by exceljs's WorkbookWriter: the table as numbers (a month as a real
 * date, the first day of the month), and a second sheet naming the view it shows.
 */
export function xlsxStream(table: Table, labels: LabelContext, about: [string, string | Date][]): ReadableStream<Uint8Array> {
  const sheet = sheetOf(table, labels);
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const write = async () => {
    const figures = workbook.addWorksheet(labels.t(`statistics.tables.${table.id}`).slice(0, 31));
    figures.columns = sheet.headings.map((heading, i) => ({ header: neutralise(heading), width: i === 0 ? 42 : 18 }));
    figures.getRow(1).font = { bold: true };
    figures.getRow(1).commit();
    for (const row of [...sheet.rows, ...(sheet.total ? [sheet.total] : [])]) {
      const first: string | Date = table.id === "month" && row.key ? calendarMonth(row.key) : neutralise(row.label);
      const excelRow = figures.addRow([first, ...row.cells.map((cell) => plainNumber(cell) ?? SUPPRESSED)]);
      if (first instanceof Date) excelRow.getCell(1).numFmt = "mmmm yyyy";
      row.cells.forEach((cell, i) => {
        const target = excelRow.getCell(i + 2);
        if (cell.value === null) target.alignment = { horizontal: "right" };
        else target.numFmt = NUMBER_FORMATS[cell.kind];
      });
      if (row === sheet.total) excelRow.font = { bold: true };
      excelRow.commit();
    }
    figures.commit();
    const info = workbook.addWorksheet(labels.t("statistics.export.filters").slice(0, 31));
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
