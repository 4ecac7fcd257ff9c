import fs from "node:fs/promises";
import { createRequire } from "node:module";
import fontkit from "@pdf-lib/fontkit";
import { type PDFFont, type PDFPage, PDFDocument, rgb } from "pdf-lib";
import QRCode from "qrcode";
import { z } from "zod";
import { LANGUAGES } from "../content/localized";

const pngBytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, "must be PNG bytes");

/** Every string arrives translated and formatted; this module knows no language. */
export const CertificatePdfInputSchema = z.object({
  language: z.enum(LANGUAGES),
  labels: z.object({
    title: z.string().min(1),
    certifies: z.string().min(1),
    completed: z.string().min(1),
    modules: z.string().min(1),
    score: z.string().min(1),
    date: z.string().min(1),
    issuer: z.string().min(1),
    verificationCode: z.string().min(1),
    verifyAt: z.string().min(1),
  }),
  learnerName: z.string().min(1),
  /** The name as the learner wrote it, printed small under `learnerName` when that is a transliteration. */
  learnerNameAsWritten: z.string().min(1).optional(),
  courseTitle: z.string().min(1),
  modules: z.array(z.string().min(1)),
  score: z.string().min(1),
  date: z.string().min(1),
  issuerName: z.string().min(1),
  /** PNG bytes (pdf-lib embeds PNG; an SVG logo is shown on the web pages only). */
  issuerLogo: pngBytes.optional(),
  signatories: z
    .array(z.object({ name: z.string().min(1), title: z.string().min(1), signature: pngBytes.optional() }))
    .max(2)
    .default([]),
  verificationCode: z.string().min(1),
  verificationUrl: z.string().url(),
  /** Written as the PDF's creation date, so the same input gives the same document. */
  issuedAt: z.date(),
});
export type CertificatePdfInput = z.input<typeof CertificatePdfInputSchema>;
type PdfData = z.infer<typeof CertificatePdfInputSchema>;

// A4 landscape, in points.
const WIDTH = 841.89;
const HEIGHT = 595.28;
const MARGIN = 56;
const INK = rgb(0.12, 0.14, 0.18);
const MUTED = rgb(0.38, 0.41, 0.46);
const ACCENT = rgb(0.16, 0.29, 0.45);

const requireFromHere = createRequire(import.meta.url);
let fontBytes: Promise<{ regular: Uint8Array; bold: Uint8Array }> | undefined;

/** DejaVu covers Serbian Latin and Cyrillic; the bytes are read once per process. */
export function loadFontBytes() {
  fontBytes ??= Promise.all([fs.readFile(requireFromHere.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf")), fs.readFile(requireFromHere.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"))]).then(
    ([regular, bold]) => ({ regular, bold }),
  );
  return fontBytes;
}

export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Uint8Array> {
  const data = CertificatePdfInputSchema.parse(input);
  const { labels } = data;
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const bytes = await loadFontBytes();
  // Subsetting keeps only the glyphs used, which keeps the file small.
  const regular = await pdf.embedFont(bytes.regular, { subset: true });
  const bold = await pdf.embedFont(bytes.bold, { subset: true });

  pdf.setTitle(`${labels.title}: ${data.learnerName}`, { showInWindowTitleBar: true });
  pdf.setSubject(data.courseTitle);
  pdf.setAuthor(data.issuerName);
  pdf.setCreator(data.issuerName);
  pdf.setKeywords([data.verificationCode, data.verificationUrl]);
  pdf.setLanguage(data.language);
  pdf.setCreationDate(data.issuedAt);
  pdf.setModificationDate(data.issuedAt);

  const page = pdf.addPage([WIDTH, HEIGHT]);
  drawFrame(page);
  if (data.issuerLogo) await drawImage(pdf, page, data.issuerLogo, { x: MARGIN, y: HEIGHT - MARGIN - 56, width: 64, height: 56, align: "left" });

  const footerTop = MARGIN + 112;
  // Long names and titles wrap and get smaller, never cut; when the modules would get too small, the space between
  // the blocks above them shrinks first. The signatories, if any, sit between the modules and the footer.
  const signaturesHeight = data.signatories.length > 0 ? 66 : 0;
  const bodies = [1, 0.75, 0.5].map((gap) => layoutBody(data, { regular, bold }, gap, footerTop + 10 + signaturesHeight));
  const body = bodies.find((candidate) => candidate.moduleSize >= 8) ?? bodies[bodies.length - 1]!;
  for (const { text, ...options } of body.texts) page.drawText(text, options);
  await drawSignatories(pdf, page, data.signatories, { bottom: footerTop + 8, regular, bold });

  drawFooter(page, data, { regular, bold, top: footerTop });
  return pdf.save();
}

function drawFrame(page: PDFPage) {
  const outer = 22;
  page.drawRectangle({
    x: outer,
    y: outer,
    width: WIDTH - 2 * outer,
    height: HEIGHT - 2 * outer,
    borderColor: ACCENT,
    borderWidth: 2,
  });
  page.drawRectangle({
    x: outer + 6,
    y: outer + 6,
    width: WIDTH - 2 * outer - 12,
    height: HEIGHT - 2 * outer - 12,
    borderColor: ACCENT,
    borderWidth: 0.5,
  });
}

type Text = { text: string; x: number; y: number; font: PDFFont; size: number; color: ReturnType<typeof rgb> };

/** Everything above the footer, as text to draw; `gap` scales the space between the blocks (not between lines). */
function layoutBody(data: CertificatePdfInput, { regular, bold }: { regular: PDFFont; bold: PDFFont }, gap: number, bottom: number) {
  const { labels } = data;
  const contentWidth = WIDTH - 2 * MARGIN;
  const texts: Text[] = [];
  const centered = (text: string, y: number, font: PDFFont, size: number, color: Text["color"]) => {
    // A single word wider than the page (a label, an issuer's name) shrinks to fit.
    const fitted = Math.min(size, (size * contentWidth) / font.widthOfTextAtSize(text, size));
    texts.push({ text, x: (WIDTH - font.widthOfTextAtSize(text, fitted)) / 2, y, font, size: fitted, color });
  };
  let y = HEIGHT - MARGIN - 16;
  /** Down to the baseline of a line of `size`, `space` (scaled by `gap`) below the line before. */
  const down = (size: number, space: number) => (y -= size + space * gap);
  centered(data.issuerName.toUpperCase(), y, regular, 11, MUTED);
  centered(labels.title, down(30, 14), bold, 30, ACCENT);
  centered(labels.certifies, down(13, 23), regular, 13, MUTED);
  const oneLine = fitLines(data.learnerName, bold, [28, 24, 20], contentWidth, 1);
  const name = oneLine.lines.length === 1 ? oneLine : fitLines(data.learnerName, bold, [20, 17, 14], contentWidth, 2);
  name.lines.forEach((line, index) => centered(line, index === 0 ? down(name.size, 12) : (y -= name.size * 1.2), bold, name.size, INK));
  if (data.learnerNameAsWritten) {
    const asWritten = fitLines(data.learnerNameAsWritten, regular, [11, 9.5], contentWidth, 1);
    asWritten.lines.forEach((line, index) => centered(line, index === 0 ? down(asWritten.size, 9) : (y -= asWritten.size * 1.3), regular, asWritten.size, MUTED));
    centered(labels.completed, down(13, 11), regular, 13, MUTED);
  } else {
    centered(labels.completed, down(13, 19), regular, 13, MUTED);
  }
  const title = fitLines(data.courseTitle, bold, [18, 16, 14, 12], contentWidth - 80, 2);
  title.lines.forEach((line, index) => centered(line, index === 0 ? down(title.size, title.size * 0.45) : (y -= title.size * 1.45), bold, title.size, INK));
  if (data.modules.length === 0) return { texts, moduleSize: Infinity };
  centered(labels.modules, down(11, 23), bold, 11, INK);
  const modules = layoutModules(data.modules, regular, y - 20, bottom);
  return { texts: [...texts, ...modules.texts], moduleSize: modules.size };
}

/**
 * Modules as a numbered list from `top` down, in two columns when there are more than four. Each title wraps beside
 * its number; the size is the largest at which every line fits above `bottom`.
 */
function layoutModules(modules: string[], font: PDFFont, top: number, bottom: number) {
  const columns = modules.length > 4 ? 2 : 1;
  const perColumn = Math.ceil(modules.length / columns);
  const gap = 24;
  const columnWidth = columns === 2 ? (WIDTH - 2 * MARGIN - gap) / 2 : 460;
  const left = (WIDTH - (columns * columnWidth + (columns - 1) * gap)) / 2;
  const layout = (size: number) => {
    const indent = font.widthOfTextAtSize(`${modules.length}. `, size);
    const entries = modules.map((title) => wrapText(title, font, size, columnWidth - indent));
    const lineHeight = size * 1.3;
    const spacing = size * 0.35;
    const columnHeight = (column: string[][]) => column.reduce((sum, lines) => sum + lines.length * lineHeight, 0) - lineHeight + (column.length - 1) * spacing;
    const height = Math.max(...Array.from({ length: columns }, (_, c) => columnHeight(entries.slice(c * perColumn, (c + 1) * perColumn))));
    return { size, indent, entries, lineHeight, spacing, height };
  };
  const sizes = [10.5, 10, 9.5, 9, 8.5, 8, 7.5, 7, 6.5, 6];
  const { size, indent, entries, lineHeight, spacing } = sizes.map(layout).find((candidate) => candidate.height <= top - bottom) ?? layout(sizes[sizes.length - 1]!);
  const texts: Text[] = [];
  for (let column = 0; column < columns; column++) {
    const x = left + column * (columnWidth + gap);
    let y = top;
    entries.slice(column * perColumn, (column + 1) * perColumn).forEach((lines, row) => {
      texts.push({ text: `${column * perColumn + row + 1}.`, x, y, font, size, color: INK });
      lines.forEach((line, index) => texts.push({ text: line, x: x + indent, y: y - index * lineHeight, font, size, color: INK }));
      y -= lines.length * lineHeight + spacing;
    });
  }
  return { texts, size };
}

/** Each signatory over a line: the signature image (if any), the name, the title. */
async function drawSignatories(pdf: PDFDocument, page: PDFPage, signatories: PdfData["signatories"], { bottom, regular, bold }: { bottom: number; regular: PDFFont; bold: PDFFont }) {
  const width = 220;
  const centres = signatories.length === 1 ? [WIDTH / 2] : [WIDTH / 2 - 150, WIDTH / 2 + 150];
  for (const [index, person] of signatories.entries()) {
    const centre = centres[index];
    const lineY = bottom + 24;
    if (person.signature) await drawImage(pdf, page, person.signature, { x: centre - width / 2, y: lineY + 2, width, height: 34, align: "centre" });
    page.drawLine({ start: { x: centre - width / 2, y: lineY }, end: { x: centre + width / 2, y: lineY }, thickness: 0.5, color: MUTED });
    const name = truncateText(person.name, bold, 10, width);
    page.drawText(name, { x: centre - bold.widthOfTextAtSize(name, 10) / 2, y: lineY - 12, font: bold, size: 10, color: INK });
    const title = truncateText(person.title, regular, 8, width);
    page.drawText(title, { x: centre - regular.widthOfTextAtSize(title, 8) / 2, y: lineY - 23, font: regular, size: 8, color: MUTED });
  }
}

/** A PNG scaled to fit the box, keeping its proportions. */
async function drawImage(pdf: PDFDocument, page: PDFPage, png: Uint8Array, box: { x: number; y: number; width: number; height: number; align: "left" | "centre" }) {
  const image = await pdf.embedPng(png);
  const { width, height } = image.scaleToFit(box.width, box.height);
  const x = box.align === "left" ? box.x : box.x + (box.width - width) / 2;
  page.drawImage(image, { x, y: box.y, width, height });
}

function drawFooter(page: PDFPage, data: PdfData, { regular, bold, top }: { regular: PDFFont; bold: PDFFont; top: number }) {
  const { labels } = data;
  page.drawLine({
    start: { x: MARGIN, y: top },
    end: { x: WIDTH - MARGIN, y: top },
    thickness: 0.5,
    color: MUTED,
  });

  const facts: Array<[string, string]> = [
    [labels.score, data.score],
    [labels.date, data.date],
    [labels.issuer, data.issuerName],
  ];
  facts.forEach(([label, value], index) => {
    const y = top - 28 - index * 26;
    page.drawText(label, { x: MARGIN, y: y + 13, font: regular, size: 8, color: MUTED });
    page.drawText(truncateText(value, bold, 11, 250), { x: MARGIN, y, font: bold, size: 11, color: INK });
  });

  const qrSize = 92;
  const qrX = WIDTH - MARGIN - qrSize;
  // Four modules of quiet zone clear of the rule above.
  const qrTop = top - 14;
  drawQrCode(page, createQrMatrix(data.verificationUrl), { x: qrX, top: qrTop, size: qrSize });

  const textRight = qrX - 14;
  const textWidth = 300;
  const drawRight = (text: string, y: number, font: PDFFont, size: number, color = INK) => {
    const fitted = truncateText(text, font, size, textWidth);
    page.drawText(fitted, { x: textRight - font.widthOfTextAtSize(fitted, size), y, font, size, color });
  };
  drawRight(labels.verificationCode, top - 28 + 15, regular, 8, MUTED);
  drawRight(data.verificationCode, top - 28, bold, 13, ACCENT);
  drawRight(labels.verifyAt, top - 56 + 13, regular, 8, MUTED);
  drawRight(data.verificationUrl, top - 56, regular, 8.5);
}

/** The QR code's modules (true = dark), error correction M, no quiet zone. */
export function createQrMatrix(text: string): boolean[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  return Array.from({ length: modules.size }, (_, row) => Array.from({ length: modules.size }, (_, col) => Boolean(modules.get(row, col))));
}

/** Drawn as vector rectangles (one per run of dark modules): sharp at any zoom and tiny. */
function drawQrCode(page: PDFPage, matrix: boolean[][], { x, top, size }: { x: number; top: number; size: number }) {
  const scale = size / matrix.length;
  const commands: string[] = [];
  matrix.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) {
      if (!row[c]) continue;
      const start = c;
      while (c + 1 < row.length && row[c + 1]) c++;
      commands.push(`M${start} ${r}h${c - start + 1}v1h${-(c - start + 1)}z`);
    }
  });
  page.drawSvgPath(commands.join(""), { x, y: top, scale, color: rgb(0, 0, 0), borderWidth: 0 });
}

/** Lines of at most `maxWidth`, broken between words; a word wider than a line on its own is broken between characters. */
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = "";
  const words = text
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((word) => splitWideWord(word, font, size, maxWidth));
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(candidate, size) > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The largest size at which the text wraps into at most `maxLines`; at the smallest size, as many lines as it takes. */
function fitLines(text: string, font: PDFFont, sizes: number[], maxWidth: number, maxLines: number) {
  for (const size of sizes) {
    const lines = wrapText(text, font, size, maxWidth);
    if (lines.length <= maxLines) return { size, lines };
  }
  const size = sizes[sizes.length - 1]!;
  return { size, lines: wrapText(text, font, size, maxWidth) };
}

function splitWideWord(word: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const parts: string[] = [];
  let part = "";
  for (const character of word) {
    if (part && font.widthOfTextAtSize(part + character, size) > maxWidth) {
      parts.push(part);
      part = "";
    }
    part += character;
  }
  return part ? [...parts, part] : parts;
}

function truncateText(text: string, font: PDFFont, size: number, maxWidth: number): string {
  if (font.widthOfTextAtSize(text, size) <= maxWidth) return text;
  let end = text.length;
  while (end > 0 && font.widthOfTextAtSize(`${text.slice(0, end)}…`, size) > maxWidth) end--;
  return `${text.slice(0, end).trimEnd()}…`;
}
