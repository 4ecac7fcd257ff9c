import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { renderCertificatePdf, type CertificatePdfInput } from "~/certificates/pdf.server";
import { formatVerificationCode, generateVerificationCode } from "~/certificates/verification-code";
import { localize } from "~/content/courses.server";
import type { Language } from "~/content/localized";
import { toCyrillic } from "~/content/transliterate";
import { median, round } from "../lib/util";
import { log } from "../lib/util";
import type { BenchContext } from "./context";

type PdfLabels = CertificatePdfInput["labels"];

function labelsFor(language: Language): PdfLabels {
  const file = path.resolve("app/locales", language === "en" ? "en" : "sr-Latn", "certificates.json");
  const labels = (JSON.parse(fs.readFileSync(file, "utf8")) as { certificates: { pdf: PdfLabels } }).certificates.pdf;
  if (language !== "sr-Cyrl") return labels;
  return Object.fromEntries(Object.entries(labels).map(([key, text]) => [key, toCyrillic(text)])) as PdfLabels;
}

/** A certificate for the real course, every module listed, in each language (Cyrillic embeds other glyphs). */
function inputFor(context: BenchContext, language: Language): CertificatePdfInput {
  const { course } = context;
  const code = generateVerificationCode(crypto.randomBytes(16));
  return {
    language,
    labels: labelsFor(language),
    learnerName: "Đorđe Šćepanović-Marković",
    courseTitle: localize(course.title, language, course),
    modules: course.modules.map((module) => localize(module.title, language, course)),
    score: language === "en" ? "87.5%" : "87,5%",
    date: new Intl.DateTimeFormat(language === "en" ? "en-GB" : language, { dateStyle: "long", timeZone: "Europe/Belgrade" }).format(new Date("2026-03-14T10:00:00Z")),
    issuerName: "Trag",
    verificationCode: formatVerificationCode(code),
    verificationUrl: `https://trag.example.rs/verify/${formatVerificationCode(code)}`,
    issuedAt: new Date("2026-03-14T10:00:00Z"),
  };
}

/** renderCertificatePdf called directly: the first call of the process (fonts read), then the median of 5 (of 1 in a smoke run). */
export async function certificateScenario(context: BenchContext) {
  const perLanguage: Record<string, { cold_ms: number | null; ms: number | null; bytes: number }> = {};
  const timedRuns = context.mode.smoke ? 1 : 5;
  for (const language of ["en", "sr-Latn", "sr-Cyrl"] as const) {
    const input = inputFor(context, language);
    let start = performance.now();
    let pdf = await renderCertificatePdf(input);
    const cold = performance.now() - start;
    const times: number[] = [];
    for (let i = 0; i < timedRuns; i++) {
      start = performance.now();
      pdf = await renderCertificatePdf(input);
      times.push(performance.now() - start);
    }
    perLanguage[language] = { cold_ms: round(cold, 1), ms: round(median(times), 1), bytes: pdf.byteLength };
  }
  const worst = Object.values(perLanguage).reduce((a, b) => ((b.ms ?? 0) > (a.ms ?? 0) ? b : a));
  const largest = Math.max(...Object.values(perLanguage).map((r) => r.bytes));
  log(`certificate PDF: ${JSON.stringify(perLanguage)}`);
  return { ms: worst.ms, bytes: largest, cold_ms: Math.max(...Object.values(perLanguage).map((r) => r.cold_ms ?? 0)), per_language: perLanguage };
}
