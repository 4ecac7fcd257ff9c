import fontkit from "@pdf-lib/fontkit";
import { scaleLinear, scalePoint } from "d3-scale";
import { line } from "d3-shape";
import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { loadFontBytes } from "~/certificates/pdf.server";
import type { Table } from "./dashboard";
import type { loadDashboard } from "./dashboard.server";
import { cellKind, columnLabel, formatFigure, monthLabel, rowLabel } from "./format";
import { SUPPRESSED, type Protected } from "./suppression";
import { describeView } from "./view.server";
import { createDateFormat } from "~/utils/dates";

/**
 * A two-page PDF summary of the view on screen, for a report: page 1 the view's filters, the
 * totals and the monthly trend; page 2 the modules and the breakdowns by institution and
 * language, with a bar per institution. The same protected tables as the page ("<5" where hidden),
 * drawn with pdf-lib in the DejaVu fonts the certificates use (both scripts); the chart's lines
 * come from d3-shape as SVG path data.
 */

type View = Awaited<ReturnType<typeof loadDashboard>>;

const WIDTH = 595.28;
const HEIGHT = 841.89;
const MARGIN = 48;
const INK = rgb(0.1, 0.12, 0.15);
const MUTED = rgb(0.33, 0.36, 0.4);
const RULE = rgb(0.75, 0.78, 0.82);
const SERIES = [rgb(0.04, 0.31, 0.54), rgb(0.6, 0.2, 0.07)];

type Fonts = { regular: PDFFont; bold: PDFFont };

class Cursor {
  y = HEIGHT - MARGIN;
  constructor(
    readonly page: PDFPage,
    readonly fonts: Fonts,
  ) {}

  text(text: string, options: { size?: number; bold?: boolean; color?: ReturnType<typeof rgb>; x?: number; width?: number; gap?: number } = {}) {
    const size = options.size ?? 9;
    const font = options.bold ? this.fonts.bold : this.fonts.regular;
    for (const line of wrap(text, font, size, options.width ?? WIDTH - 2 * MARGIN)) {
      this.y -= size * 1.35;
      this.page.drawText(line, { x: options.x ?? MARGIN, y: this.y, size, font, color: options.color ?? INK });
    }
    this.y -= options.gap ?? 0;
  }
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/)) {
    const candidate = current ? `${current} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) > width && current) {
      lines.push(current);
      current = word;
    } else current = candidate;
  }
  if (current) lines.push(current);
  return lines;
}

function fit(text: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let cut = text;
  while (cut.length > 1 && font.widthOfTextAtSize(`${cut}…`, size) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** A table: the first column left, the figures right-aligned in equal columns. */
function drawTable(cursor: Cursor, view: View, table: Table, columns: number[], firstWidth: number) {
  const { page, fonts } = cursor;
  const size = 8;
  const { t, language } = view.labels;
  const rest = (WIDTH - 2 * MARGIN - firstWidth) / columns.length;
  const header = [t(`statistics.rowHeader.${table.id}`), ...columns.map((c) => columnLabel(table.id, table.columns[c], t))];
  // Headings wrap into up to three lines.
  const headerLines = header.map((h, i) => wrap(h, fonts.bold, size, (i === 0 ? firstWidth : rest) - 6).slice(0, 3));
  const headerHeight = Math.max(...headerLines.map((l) => l.length)) * size * 1.25;
  headerLines.forEach((lines, i) =>
    lines.forEach((line, n) => {
      const x = i === 0 ? MARGIN : MARGIN + firstWidth + rest * i - fonts.bold.widthOfTextAtSize(line, size);
      page.drawText(line, { x, y: cursor.y - (n + 1) * size * 1.25, size, font: fonts.bold, color: INK });
    }),
  );
  cursor.y -= headerHeight + 4;
  page.drawLine({ start: { x: MARGIN, y: cursor.y }, end: { x: WIDTH - MARGIN, y: cursor.y }, thickness: 0.8, color: INK });
  const rows = [
    ...table.rows.map((r) => ({ label: rowLabel(table.id, r.key, view.labels), cells: r.cells, key: r.key, bold: false })),
    ...(table.total ? [{ label: t("statistics.total"), cells: table.total, key: "", bold: true }] : []),
  ];
  for (const row of rows) {
    cursor.y -= size * 1.6;
    const font = row.bold ? fonts.bold : fonts.regular;
    page.drawText(fit(row.label, font, size, firstWidth - 6), { x: MARGIN, y: cursor.y, size, font, color: INK });
    columns.forEach((c, i) => {
      const kind = row.key && table.id === "totals" ? cellKind(table, row.key, c) : table.kinds[c];
      const text = formatFigure(row.cells[c], kind, language);
      page.drawText(text, { x: MARGIN + firstWidth + rest * (i + 1) - font.widthOfTextAtSize(text, size), y: cursor.y, size, font, color: INK });
    });
    page.drawLine({ start: { x: MARGIN, y: cursor.y - 4 }, end: { x: WIDTH - MARGIN, y: cursor.y - 4 }, thickness: 0.3, color: RULE });
  }
  cursor.y -= 10;
}

function drawTrend(cursor: Cursor, view: View) {
  const { page, fonts } = cursor;
  const { t, language } = view.labels;
  const table = view.dashboard.month;
  const series = (["active", "started"] as const).map((column) => ({ label: t(`statistics.columns.${column}`), values: table.rows.map((r) => r.cells[table.columns.indexOf(column)]) }));
  const height = 190;
  const left = MARGIN + 40;
  const right = WIDTH - MARGIN;
  const top = cursor.y - 8;
  const bottom = top - height;
  const x = scalePoint<string>()
    .domain(view.months)
    .range([0, right - left])
    .padding(0.5);
  const max = Math.max(1, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  // SVG coordinates, y down from the chart's top; pdf-lib places them at (left, top).
  const y = scaleLinear().domain([0, max]).nice().range([height, 0]);
  for (const tick of y.ticks(5)) {
    const at = top - y(tick);
    page.drawLine({ start: { x: left, y: at }, end: { x: right, y: at }, thickness: 0.3, color: RULE });
    const label = formatFigure(tick, "count", language);
    page.drawText(label, { x: left - 4 - fonts.regular.widthOfTextAtSize(label, 7), y: at - 2.5, size: 7, font: fonts.regular, color: MUTED });
  }
  const every = Math.ceil(view.months.length / 12);
  view.months.forEach((month, i) => {
    if (i % every !== 0) return;
    const label = createDateFormat(language, { month: "short", year: "2-digit", timeZone: "Europe/Belgrade" }).format(new Date(`${month}-15T12:00:00Z`));
    page.drawText(label, { x: left + (x(month) ?? 0) - fonts.regular.widthOfTextAtSize(label, 7) / 2, y: bottom - 12, size: 7, font: fonts.regular, color: MUTED });
  });
  series.forEach((s, n) => {
    const points = s.values.map((value, i) => ({ value, x: x(view.months[i]) ?? 0 }));
    const path = line<{ value: Protected; x: number }>()
      .defined((p) => p.value !== null)
      .x((p) => p.x)
      .y((p) => y(p.value ?? 0))(points);
    if (path) page.drawSvgPath(path, { x: left, y: top, borderColor: SERIES[n], borderWidth: 1.6, borderDashArray: n === 1 ? [4, 3] : undefined });
    points.forEach((p) => {
      if (p.value === null) {
        page.drawText(SUPPRESSED, { x: left + p.x - 5, y: bottom + 3 + n * 9, size: 6.5, font: fonts.regular, color: SERIES[n] });
      } else if (n === 0) page.drawCircle({ x: left + p.x, y: top - y(p.value), size: 2.2, color: SERIES[n] });
      else page.drawRectangle({ x: left + p.x - 2.2, y: top - y(p.value) - 2.2, width: 4.4, height: 4.4, color: SERIES[n] });
    });
    const legendX = left + n * 240;
    page.drawLine({ start: { x: legendX, y: bottom - 26 }, end: { x: legendX + 18, y: bottom - 26 }, thickness: 1.6, color: SERIES[n], dashArray: n === 1 ? [4, 3] : undefined });
    page.drawText(s.label, { x: legendX + 24, y: bottom - 29, size: 8, font: fonts.regular, color: INK });
  });
  cursor.y = bottom - 40;
}

function drawBars(cursor: Cursor, view: View) {
  const { page, fonts } = cursor;
  const { language } = view.labels;
  const table = view.dashboard.institution;
  const column = table.columns.indexOf("active");
  const bars = table.rows.map((r) => ({ label: rowLabel("institution", r.key, view.labels), value: r.cells[column] }));
  const left = MARGIN + 190;
  const right = WIDTH - MARGIN - 40;
  const x = scaleLinear()
    .domain([0, Math.max(1, ...bars.map((b) => b.value ?? 0))])
    .nice()
    .range([0, right - left]);
  for (const bar of bars) {
    cursor.y -= 14;
    page.drawText(fit(bar.label, fonts.regular, 8, 184), { x: MARGIN, y: cursor.y, size: 8, font: fonts.regular, color: INK });
    if (bar.value === null) page.drawText(SUPPRESSED, { x: left + 2, y: cursor.y, size: 8, font: fonts.regular, color: INK });
    else {
      page.drawRectangle({ x: left, y: cursor.y - 2, width: Math.max(0.5, x(bar.value)), height: 9, color: SERIES[0] });
      page.drawText(formatFigure(bar.value, "count", language), { x: left + x(bar.value) + 4, y: cursor.y, size: 8, font: fonts.regular, color: INK });
    }
  }
  cursor.y -= 12;
}

export async function renderStatisticsPdf(view: View): Promise<Uint8Array> {
  const { t, language } = view.labels;
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const bytes = await loadFontBytes();
  const fonts = { regular: await pdf.embedFont(bytes.regular, { subset: true }), bold: await pdf.embedFont(bytes.bold, { subset: true }) };
  const period = t("statistics.period", { from: monthLabel(view.filters.from, language), to: monthLabel(view.filters.to, language) });
  pdf.setTitle(`${t("statistics.pdfTitle")}: ${view.course.title}, ${period}`, { showInWindowTitleBar: true });
  pdf.setLanguage(language);
  pdf.setCreator("Trag");
  pdf.setCreationDate(view.now);
  pdf.setModificationDate(view.now);

  const first = new Cursor(pdf.addPage([WIDTH, HEIGHT]), fonts);
  first.text(t("statistics.pdfTitle"), { size: 16, bold: true, gap: 4 });
  first.text(`${view.course.title} · ${period}`, { size: 11, bold: true, gap: 4 });
  const about = describeView(view)
    .slice(2)
    .map(([name, value]) => `${name}: ${value instanceof Date ? createDateFormat(language, { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Belgrade" }).format(value) : value}`);
  first.text(about.join(" · "), { size: 8, color: MUTED, gap: 2 });
  first.text(t("statistics.suppressedNote"), { size: 8, color: MUTED, gap: 8 });
  first.text(t("statistics.tables.totals"), { size: 11, bold: true, gap: 2 });
  drawTable(first, view, view.dashboard.totals, [0], 330);
  first.text(t("statistics.charts.trend"), { size: 11, bold: true });
  drawTrend(first, view);
  first.text(t("statistics.definitions"), { size: 7.5, color: MUTED });

  const second = new Cursor(pdf.addPage([WIDTH, HEIGHT]), fonts);
  second.text(t("statistics.tables.modules"), { size: 11, bold: true, gap: 2 });
  drawTable(second, view, view.dashboard.modules, [0, 1, 2, 3, 5, 6, 7], 150);
  second.text(t("statistics.charts.institution"), { size: 11, bold: true });
  drawBars(second, view);
  second.text(t("statistics.tables.institution"), { size: 11, bold: true, gap: 2 });
  drawTable(second, view, view.dashboard.institution, [0, 1, 2, 3, 4], 150);
  second.text(t("statistics.tables.language"), { size: 11, bold: true, gap: 2 });
  drawTable(second, view, view.dashboard.language, [0, 1, 2, 3, 4], 150);
  return pdf.save();
}
