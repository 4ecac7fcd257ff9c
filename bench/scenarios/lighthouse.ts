import * as chromeLauncher from "chrome-launcher";
import { log, median } from "../lib/util";

export const CHROME_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run"];
const CATEGORIES = ["performance", "accessibility", "best-practices"] as const;

type Audit = { id: string; title: string; score: number | null; scoreDisplayMode: string; numericValue?: number; displayValue?: string };
type Lhr = {
  categories: Record<(typeof CATEGORIES)[number], { score: number | null; auditRefs: Array<{ id: string; weight: number }> }>;
  audits: Record<string, Audit>;
  finalDisplayedUrl: string;
  runWarnings: string[];
};
type LighthouseFn = (url: string, flags: Record<string, unknown>) => Promise<{ lhr: Lhr } | undefined>;

export type PageScores = {
  performance: number | null;
  accessibility: number | null;
  best_practices: number | null;
  runs: number;
  metrics: Record<string, string | undefined>;
  /** Audits that cost points in accessibility or best practices. */
  failing: Record<string, string[]>;
  final_url: string;
};

const score = (value: number | null | undefined) => (value === null || value === undefined ? null : Math.round(value * 100));

/**
 * Lighthouse 12 (default mobile settings, simulated throttling) in Debian's Chromium, logged in
 * by sending the session cookie as an extra header. Each page is run `runs` times; each category
 * is the median of its runs.
 */
export async function lighthouseScenario(pages: Record<string, { url: string; cookie: string }>, runs: number): Promise<Record<string, PageScores>> {
  const { default: lighthouse } = (await import("lighthouse")) as unknown as { default: LighthouseFn };
  const chrome = await chromeLauncher.launch({ chromePath: CHROME_PATH, chromeFlags: CHROME_FLAGS });
  const results: Record<string, PageScores> = {};
  try {
    for (const [name, page] of Object.entries(pages)) {
      const lhrs: Lhr[] = [];
      for (let i = 0; i < runs; i++) {
        const result = await lighthouse(page.url, {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: [...CATEGORIES],
          extraHeaders: { Cookie: page.cookie },
        });
        if (!result) throw new Error(`lighthouse returned nothing for ${name}`);
        lhrs.push(result.lhr);
      }
      const categoryMedian = (category: (typeof CATEGORIES)[number]) => {
        const values = lhrs.map((lhr) => score(lhr.categories[category].score)).filter((v): v is number => v !== null);
        return median(values);
      };
      const last = lhrs[lhrs.length - 1];
      const failing: Record<string, string[]> = {};
      for (const category of CATEGORIES) {
        failing[category] = last.categories[category].auditRefs
          .filter((ref) => ref.weight > 0 && last.audits[ref.id] && last.audits[ref.id].score !== null && last.audits[ref.id].score! < 1)
          .map((ref) => `${ref.id} (${score(last.audits[ref.id].score)})`);
      }
      results[name] = {
        performance: categoryMedian("performance"),
        accessibility: categoryMedian("accessibility"),
        best_practices: categoryMedian("best-practices"),
        runs,
        metrics: Object.fromEntries(
          ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"].map((id) => [id, last.audits[id]?.displayValue]),
        ),
        failing,
        final_url: last.finalDisplayedUrl,
      };
      if (!last.finalDisplayedUrl.startsWith(page.url)) throw new Error(`lighthouse ended on ${last.finalDisplayedUrl}, not ${page.url}: was the session cookie refused?`);
      log(`lighthouse ${name}: performance ${results[name].performance}, accessibility ${results[name].accessibility}, best practices ${results[name].best_practices}`);
    }
  } finally {
    await chrome.kill();
  }
  return results;
}
