// @vitest-environment node
import fs from "node:fs";
import { createRequire } from "node:module";
import jsQR from "jsqr";
import { PDFDict, PDFDocument, PDFName } from "pdf-lib";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { Language } from "~/content/languages";
import { toCyrillic } from "~/content/transliterate";
import { resources } from "~/utils/i18n.server";
import { type CertificatePdfInput, createQrMatrix, renderCertificatePdf } from "./pdf.server";

const verificationUrl = "https://trag.example.rs/verify/K7QM-3XPT-9HCD-2RWF-EV4A";

const latin: CertificatePdfInput = {
  language: "sr-Latn",
  labels: {
    title: "Uverenje o završenoj obuci",
    certifies: "Ovim se potvrđuje da je",
    completed: "uspešno završio/la obuku",
    modules: "Moduli",
    score: "Rezultat",
    date: "Datum izdavanja",
    issuer: "Izdavalac",
    verificationCode: "Kod za proveru",
    verifyAt: "Proverite na",
  },
  learnerName: "Đorđe Šćepanović",
  courseTitle: "Trgovina ljudima olakšana tehnologijom: prepoznavanje, istraga i krivično gonjenje",
  modules: [
    "Tehnologija i trgovina ljudima",
    "Vrbovanje na mreži",
    "Digitalni dokazi",
    "Finansijski tokovi i kriptovalute",
    "Otkrivanje i identifikacija",
    "Zaštita žrtava",
    "Krivično gonjenje i suđenje",
  ],
  score: "87 %",
  date: "1. mart 2025.",
  issuerName: "Trag",
  verificationCode: "K7QM-3XPT-9HCD-2RWF-EV4A",
  verificationUrl,
  issuedAt: new Date("2025-03-01T10:00:00Z"),
};

const cyrillic: CertificatePdfInput = {
  ...latin,
  language: "sr-Cyrl",
  labels: {
    title: "Уверење о завршеној обуци",
    certifies: "Овим се потврђује да је",
    completed: "успешно завршио/ла обуку",
    modules: "Модули",
    score: "Резултат",
    date: "Датум издавања",
    issuer: "Издавалац",
    verificationCode: "Код за проверу",
    verifyAt: "Проверите на",
  },
  learnerName: "Јелена Петровић",
  courseTitle: "Трговина људима олакшана технологијом",
  modules: ["Технологија и трговина људима", "Врбовање на мрежи"],
  date: "1. март 2025.",
};

async function openPdf(bytes: Uint8Array) {
  // pdfjs takes ownership of the buffer it is given, so hand it a copy
  return pdfjs.getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false }).promise;
}

async function extractText(bytes: Uint8Array) {
  const page = await (await openPdf(bytes)).getPage(1);
  const content = await page.getTextContent();
  return content.items.map((item) => ("str" in item ? item.str : "")).join("\n");
}

/** Renders the page (pdfjs draws with @napi-rs/canvas in Node) and reads the QR code off it. */
async function decodeQrFromPage(bytes: Uint8Array) {
  const document = await openPdf(bytes);
  const page = await document.getPage(1);
  const viewport = page.getViewport({ scale: 2 });
  // pdfjs's NodeCanvasFactory (untyped): creates @napi-rs/canvas canvases
  const factory = document.canvasFactory as {
    create(width: number, height: number): { canvas: unknown; context: CanvasRenderingContext2D };
    destroy(entry: { canvas: unknown; context: unknown }): void;
  };
  const { canvas, context } = factory.create(viewport.width, viewport.height);
  await page.render({ canvasContext: context, viewport }).promise;
  const { data, width, height } = context.getImageData(0, 0, viewport.width, viewport.height);
  factory.destroy({ canvas, context });
  return jsQR(new Uint8ClampedArray(data), width, height)?.data;
}

/** The matrix as RGBA pixels with a four-module quiet zone, for jsQR. */
function rasterize(matrix: boolean[][], scale = 4, quiet = 4) {
  const size = (matrix.length + 2 * quiet) * scale;
  const pixels = new Uint8ClampedArray(size * size * 4).fill(255);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const row = Math.floor(y / scale) - quiet;
      const col = Math.floor(x / scale) - quiet;
      if (matrix[row]?.[col]) pixels.fill(0, (y * size + x) * 4, (y * size + x) * 4 + 3);
    }
  }
  return { pixels, size };
}

describe("renderCertificatePdf", () => {
  let latinPdf: Uint8Array;
  let cyrillicPdf: Uint8Array;

  // Generation time is measured by `npm run bench` (certificate_pdf), not asserted here.
  beforeAll(async () => {
    latinPdf = await renderCertificatePdf(latin);
    cyrillicPdf = await renderCertificatePdf(cyrillic);
  });

  it("is a small A4 landscape PDF", async () => {
    expect(new TextDecoder().decode(latinPdf.subarray(0, 5))).toBe("%PDF-");
    expect(latinPdf.length).toBeLessThan(200 * 1024);
    expect(cyrillicPdf.length).toBeLessThan(200 * 1024);
    const page = await (await openPdf(latinPdf)).getPage(1);
    const [, , width, height] = page.view;
    expect(width).toBeCloseTo(841.89, 0);
    expect(height).toBeCloseTo(595.28, 0);
  });

  it("has selectable text with Serbian Latin diacritics", async () => {
    const text = await extractText(latinPdf);
    for (const expected of ["Đorđe Šćepanović", "Uverenje o završenoj obuci", "Zaštita žrtava", "87 %", "1. mart 2025.", "K7QM-3XPT-9HCD-2RWF-EV4A", verificationUrl]) {
      expect(text).toContain(expected);
    }
  });

  it("has selectable Cyrillic text", async () => {
    const text = await extractText(cyrillicPdf);
    for (const expected of ["Јелена Петровић", "Уверење о завршеној обуци", "Врбовање на мрежи", "1. март 2025."]) {
      expect(text).toContain(expected);
    }
  });

  it("sets title, author, subject and language", async () => {
    const latinInfo = (await (await openPdf(latinPdf)).getMetadata()).info as Record<string, unknown>;
    expect(latinInfo).toMatchObject({
      Title: "Uverenje o završenoj obuci: Đorđe Šćepanović",
      Author: "Trag",
      Subject: latin.courseTitle,
      Language: "sr-Latn",
    });
    const cyrillicInfo = (await (await openPdf(cyrillicPdf)).getMetadata()).info as Record<string, unknown>;
    expect(cyrillicInfo).toMatchObject({
      Title: "Уверење о завршеној обуци: Јелена Петровић",
      Language: "sr-Cyrl",
    });
  });

  it("embeds DejaVu Sans and Sans Bold as subsets, not whole fonts", async () => {
    const document = await PDFDocument.load(latinPdf);
    const baseFonts = document.context
      .enumerateIndirectObjects()
      .map(([, object]) => (object instanceof PDFDict ? object.get(PDFName.of("BaseFont"))?.toString() : undefined))
      .filter(Boolean);
    expect(baseFonts).toEqual(expect.arrayContaining([expect.stringMatching(/^\/DejaVuSans-\d+$/)]));
    expect(baseFonts).toEqual(expect.arrayContaining([expect.stringMatching(/^\/DejaVuSans-Bold-\d+$/)]));
    const fullFont = fs.statSync(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf")).size;
    expect(latinPdf.length).toBeLessThan(fullFont / 10);
  });

  it("prints a QR code that decodes to the verification URL", async () => {
    expect(await decodeQrFromPage(latinPdf)).toBe(verificationUrl);
    expect(await decodeQrFromPage(cyrillicPdf)).toBe(verificationUrl);
  });

  it("is reproducible for the same input", async () => {
    expect(Buffer.from(await renderCertificatePdf(latin)).equals(Buffer.from(latinPdf))).toBe(true);
  });

  it("fits long names, titles and module lists on the one page", async () => {
    const long = {
      ...latin,
      learnerName: "Aleksandra Konstantinović-Radosavljević Petrović Njegoš",
      courseTitle: `${latin.courseTitle} ${latin.courseTitle} ${latin.courseTitle}`,
      modules: Array.from({ length: 14 }, (_, i) => `Modul ${i + 1}: ${latin.modules[i % 7]} i još mnogo toga što ne staje`),
    };
    const bytes = await renderCertificatePdf(long);
    const document = await openPdf(bytes);
    expect(document.numPages).toBe(1);
    const text = await extractText(bytes);
    expect(text).toContain(long.learnerName);
    expect(await decodeQrFromPage(bytes)).toBe(verificationUrl);
  });

  it("prints the name as written beneath a transliterated name", async () => {
    const bytes = await renderCertificatePdf({ ...cyrillic, learnerName: "Ђорђе Шћепановић", learnerNameAsWritten: "Đorđe Šćepanović" });
    const text = await extractText(bytes);
    expect(text).toContain("Ђорђе Шћепановић");
    expect(text).toContain("Đorđe Šćepanović");
    expect(await decodeQrFromPage(bytes)).toBe(verificationUrl);
  });

  it("rejects incomplete input", async () => {
    await expect(renderCertificatePdf({ ...latin, learnerName: "" })).rejects.toThrow();
    await expect(renderCertificatePdf({ ...latin, verificationUrl: "not a url" })).rejects.toThrow();
  });
});

describe("long titles and names", () => {
  // A4 landscape and the margin of pdf.server.ts: text stays between the margins.
  const WIDTH = 841.89;
  const MARGIN = 56;

  type Titled = { title: Record<"en" | "sr-Latn", string> };
  const read = (file: string) => parseYaml(fs.readFileSync(file, "utf8")) as Titled & { latinTerms?: string[] };
  /** Every course in courses/, with its modules' titles, in each language (Cyrillic generated as the app does). */
  const courses = fs
    .readdirSync("courses", { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const folder = path.join("courses", entry.name);
      const course = read(path.join(folder, "course.yaml"));
      const modules = fs
        .readdirSync(folder)
        .filter((name) => fs.existsSync(path.join(folder, name, "module.yaml")))
        .sort()
        .map((name) => read(path.join(folder, name, "module.yaml")));
      const inLanguage = (text: Titled["title"], language: Language) => (language === "sr-Cyrl" ? toCyrillic(text["sr-Latn"], { latinTerms: course.latinTerms }) : text[language]);
      return { title: (language: Language) => inLanguage(course.title, language), modules: (language: Language) => modules.map((module) => inLanguage(module.title, language)) };
    });
  const longest = (texts: string[]) => texts.reduce((a, b) => (b.length > a.length ? b : a));
  // 200 characters of name words (the last one cut short).
  const latinName = Array.from({ length: 20 }, (_, i) => ["Aleksandra", "Konstantinović-Radosavljević", "Šćepanović", "Njegoš", "Đorđević"][i % 5])
    .join(" ")
    .slice(0, 200);

  async function textItems(bytes: Uint8Array) {
    const page = await (await openPdf(bytes)).getPage(1);
    const { items } = await page.getTextContent();
    return items.flatMap((item) =>
      "str" in item && item.str.trim() ? [{ text: item.str, x: item.transform[4] as number, y: item.transform[5] as number, width: item.width, size: item.height }] : [],
    );
  }

  it.each(["en", "sr-Latn", "sr-Cyrl"] as const)("wrap in %s: every word printed, every line within the text width, none over another", async (language) => {
    const pdfLabels = (resources[language].certificates as { certificates: { pdf: CertificatePdfInput["labels"] } }).certificates.pdf;
    const course = courses.reduce((a, b) => (Math.max(...b.modules(language).map((m) => m.length)) > Math.max(...a.modules(language).map((m) => m.length)) ? b : a));
    const modules = course.modules(language);
    const input: CertificatePdfInput = {
      ...latin,
      language,
      labels: pdfLabels,
      learnerName: language === "sr-Cyrl" ? toCyrillic(latinName) : latinName,
      learnerNameAsWritten: language === "sr-Cyrl" ? latinName : undefined,
      courseTitle: longest(courses.map((c) => c.title(language))),
      modules,
    };
    expect(latinName).toHaveLength(200);
    expect(modules.length).toBeGreaterThan(4);
    const items = await textItems(await renderCertificatePdf(input));
    const printed = items
      .map((item) => item.text)
      .join(" ")
      .replace(/\s+/g, " ");
    // Each text whole and in order (its lines are drawn one after another).
    for (const text of [input.learnerName, input.learnerNameAsWritten ?? "", input.courseTitle, ...modules]) expect(printed).toContain(text);
    for (const item of items) {
      expect(item.x, item.text).toBeGreaterThanOrEqual(MARGIN - 0.5);
      expect(item.x + item.width, item.text).toBeLessThanOrEqual(WIDTH - MARGIN + 0.5);
      expect(item.size, item.text).toBeGreaterThanOrEqual(6);
    }
    // From the baseline down to the descenders and up to the ascenders.
    const box = (item: (typeof items)[number]) => ({ left: item.x, right: item.x + item.width, bottom: item.y - 0.22 * item.size, top: item.y + 0.76 * item.size });
    // Nothing crosses the rule above the footer.
    const rule = MARGIN + 112;
    expect(items.filter((item) => box(item).bottom < rule && box(item).top > rule).map((item) => item.text)).toEqual([]);
    const overlaps = items.flatMap((a, i) =>
      items.slice(i + 1).flatMap((b) => {
        const [p, q] = [box(a), box(b)];
        return p.left < q.right && q.left < p.right && p.bottom < q.top && q.bottom < p.top ? [`"${a.text}" / "${b.text}"`] : [];
      }),
    );
    expect(overlaps).toEqual([]);
  });
});

describe("createQrMatrix", () => {
  it("decodes to the text it encodes", () => {
    const { pixels, size } = rasterize(createQrMatrix(verificationUrl));
    expect(jsQR(pixels, size, size)?.data).toBe(verificationUrl);
  });
});
