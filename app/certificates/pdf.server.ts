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
  fontBytes ??= Promise.all([
    fs.readFile(requireFromHere.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf")),
    fs.readFile(requireFromHere.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf")),
  ]).then(([regular, bold]) => ({ regular, bold }));
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
  const contentWidth = WIDTH - 2 * MARGIN;
  drawFrame(page);
  if (data.issuerLogo) await drawImage(pdf, page, data.issuerLogo, { x: MARGIN, y: HEIGHT - MARGIN - 56, width: 64, height: 56, align: "left" });

  let y = HEIGHT - MARGIN - 16;
  drawCentered(page, data.issuerName.toUpperCase(), y, regular, 11, MUTED, contentWidth);
  y -= 44;
  drawCentered(page, labels.title, y, bold, 30, ACCENT, contentWidth);
  y -= 36;
  drawCentered(page, labels.certifies, y, regular, 13, MUTED, contentWidth);
  y -= 40;
  drawCentered(page, data.learnerName, y, bold, 28, INK, contentWidth);
  if (data.learnerNameAsWritten) {
    y -= 20;
    drawCentered(page, data.learnerNameAsWritten, y, regular, 11, MUTED, contentWidth);
    y -= 24;
  } else {
    y -= 32;
  }
  drawCentered(page, labels.completed, y, regular, 13, MUTED, contentWidth);
  const title = fitLines(data.courseTitle, bold, [18, 16, 14], contentWidth - 80, 2);
  for (const line of title.lines) {
    y -= title.size * 1.45;
    drawCentered(page, line, y, bold, title.size, INK, contentWidth);
  }

  const footerTop = MARGIN + 112;
  const signaturesHeight = data.signatories.length > 0 ? 66 : 0;
  if (data.modules.length > 0) {
    y -= 34;
    drawModules(page, labels.modules, data.modules, { top: y, bottom: footerTop + 10 + signaturesHeight, regular, bold });
  }
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

/** Modules as a numbered list, in two columns when there are more than four. */
function drawModules(
  page: PDFPage,
  heading: string,
  modules: string[],
  { top, bottom, regular, bold }: { top: number; bottom: number; regular: PDFFont; bold: PDFFont }
) {
  drawCentered(page, heading, top, bold, 11, INK, WIDTH - 2 * MARGIN);
  const columns = modules.length > 4 ? 2 : 1;
  const perColumn = Math.ceil(modules.length / columns);
  const available = top - 20 - bottom;
  const size = Math.max(7, Math.min(10.5, available / perColumn / 1.45));
  const lineHeight = size * 1.45;
  const columnWidth = columns === 2 ? 330 : 460;
  const gap = 24;
  const left = (WIDTH - (columns * columnWidth + (columns - 1) * gap)) / 2;
  modules.forEach((title, index) => {
    const column = Math.floor(index / perColumn);
    const row = index % perColumn;
    const text = truncateText(`${index + 1}. ${title}`, regular, size, columnWidth);
    page.drawText(text, {
      x: left + column * (columnWidth + gap),
      y: top - 20 - row * lineHeight,
      font: regular,
      size,
      color: INK,
    });
  });
}

/** Each signatory over a line: the signature image (if any), the name, the title. */
async function drawSignatories(
  pdf: PDFDocument,
  page: PDFPage,
  signatories: PdfData["signatories"],
  { bottom, regular, bold }: { bottom: number; regular: PDFFont; bold: PDFFont }
) {
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
async function drawImage(
  pdf: PDFDocument,
  page: PDFPage,
  png: Uint8Array,
  box: { x: number; y: number; width: number; height: number; align: "left" | "centre" }
) {
  const image = await pdf.embedPng(png);
  const { width, height } = image.scaleToFit(box.width, box.height);
  const x = box.align === "left" ? box.x : box.x + (box.width - width) / 2;
  page.drawImage(image, { x, y: box.y, width, height });
}

function drawFooter(
  page: PDFPage,
  data: PdfData,
  { regular, bold, top }: { regular: PDFFont; bold: PDFFont; top: number }
) {
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
  return Array.from({ length: modules.size }, (_, row) =>
    Array.from({ length: modules.size }, (_, col) => Boolean(modules.get(row, col)))
  );
}

/** Drawn as vector rectangles (one per run of dark modules): sharp at any zoom and tiny. */
function drawQrCode(
  page: PDFPage,
  matrix: boolean[][],
  { x, top, size }: { x: number; top: number; size: number }
) {
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

function drawCentered(
  page: PDFPage,
  text: string,
  y: number,
  font: PDFFont,
  size: number,
  color: ReturnType<typeof rgb>,
  maxWidth: number
) {
  // Long names shrink to fit rather than run off the page.
  const fitted = Math.min(size, (size * maxWidth) / font.widthOfTextAtSize(text, size));
  const width = font.widthOfTextAtSize(text, fitted);
  page.drawText(text, { x: (WIDTH - width) / 2, y, font, size: fitted, color });
}

export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
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

/** The largest size at which the text wraps into at most `maxLines`; truncated at the smallest. */
function fitLines(text: string, font: PDFFont, sizes: number[], maxWidth: number, maxLines: number) {
  for (const size of sizes) {
    const lines = wrapText(text, font, size, maxWidth);
    if (lines.length <= maxLines) return { size, lines };
  }
  const size = sizes[sizes.length - 1];
  const lines = wrapText(text, font, size, maxWidth);
  const last = truncateText(lines.slice(maxLines - 1).join(" "), font, size, maxWidth);
  return { size, lines: [...lines.slice(0, maxLines - 1), last] };
}

function truncateText(text: string, font: PDFFont, size: number, maxWidth: number): string {
  if (font.widthOfTextAtSize(text, size) <= maxWidth) return text;
  let end = text.length;
  while (end > 0 && font.widthOfTextAtSize(`${text.slice(0, end)}…`, size) > maxWidth) end--;
  return `${text.slice(0, end).trimEnd()}…`;
}
