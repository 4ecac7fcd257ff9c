import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { get } from "../lib/client";
import type { Learner } from "../lib/client";
import type { BenchContext } from "./context";
import { pickLesson } from "./lesson";
import { quizModules, startAttempt } from "./quiz";
import { appPath } from "../lib/server";
import { log } from "../lib/util";

type Chunk = { file: string; src?: string; imports?: string[]; css?: string[]; assets?: string[] };
type ViteManifest = Record<string, Chunk>;

const CLIENT = () => appPath("build/client");
// Remix 2.17 moves the client build's Vite manifest out of the public folder to build/.vite/client-manifest.json
// (`build.manifest` in vite.config.ts); build/client/.vite/manifest.json is where Vite itself writes it.
const MANIFESTS = () => [appPath("build/.vite/client-manifest.json"), appPath("build/client/.vite/manifest.json")];

export const LESSON_ROUTE = "app/routes/courses.$courseId.$moduleId.$lessonId.tsx";
export const QUIZ_ROUTE = "app/routes/courses.$courseId.$moduleId.quiz.$attemptId._index.tsx";

/** Size after gzip at zlib's default level: what compressing each file on the fly would send. */
const gzipKb = (files: string[]) => kb(files.reduce((sum, file) => sum + zlib.gzipSync(fs.readFileSync(path.join(CLIENT(), file))).length, 0));
const rawKb = (files: string[]) => kb(files.reduce((sum, file) => sum + fs.statSync(path.join(CLIENT(), file)).size, 0));
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** Bytes of the body the server sends for `url` when the browser accepts `encoding` (node:http does not decode it). */
function servedBytes(url: string, encoding: string): Promise<{ bytes: number; contentEncoding: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": encoding } }, (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          reject(new Error(`${url}: HTTP ${response.statusCode}`));
          return;
        }
        let bytes = 0;
        response.on("data", (chunk: Buffer) => (bytes += chunk.length));
        response.on("end", () => resolve({ bytes, contentEncoding: String(response.headers["content-encoding"] ?? "identity") }));
        response.on("error", reject);
      })
      .on("error", reject);
  });
}

/** What the server sends for `files`, summed, with each response's Content-Encoding counted. */
async function served(base: string, files: string[], encoding: string) {
  let bytes = 0;
  const encodings: Record<string, number> = {};
  for (const file of files) {
    const response = await servedBytes(`${base}/${file}`, encoding);
    bytes += response.bytes;
    encodings[response.contentEncoding] = (encodings[response.contentEncoding] ?? 0) + 1;
  }
  return { kb: kb(bytes), encodings };
}

function entryOf(manifest: ViteManifest, source: string): string {
  const key = Object.keys(manifest).find((k) => k === source || k.startsWith(`${source}?`));
  if (!key) throw new Error(`no manifest entry for ${source}`);
  return key;
}

/** The JS and CSS files a document request for `route` loads: entry.client, root and the route, with their static imports followed transitively. */
function filesFor(manifest: ViteManifest, route: string) {
  const js = new Set<string>();
  const css = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || js.has(chunk.file)) return;
    js.add(chunk.file);
    for (const file of [...(chunk.css ?? []), ...(chunk.assets ?? []).filter((a) => a.endsWith(".css"))]) css.add(file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const source of ["app/entry.client.tsx", "app/root.tsx", route]) visit(entryOf(manifest, source));
  // Not Remix's route manifest file (assets/manifest-*.js): with lazy route discovery
  // (v3_lazyRouteDiscovery in remix.config.js) a page never loads it; its HTML carries the few
  // routes it matches inline, and further routes come from /__manifest as links appear.
  return { js: [...js], css: [...css] };
}

/** The scripts a page loads: Remix lists each module the page imports as a modulepreload link. */
function preloadedScripts(html: string) {
  return [...html.matchAll(/<link rel="modulepreload" href="\/([^"]+)"/g)].map((match) => match[1]);
}

/** Throws unless the files counted for a page are the scripts its HTML loads, no more and no fewer. */
function checkCountedFiles(page: string, counted: string[], html: string) {
  const loaded = preloadedScripts(html);
  const notLoaded = counted.filter((file) => !loaded.includes(file));
  const notCounted = loaded.filter((file) => !counted.includes(file));
  if (notLoaded.length > 0 || notCounted.length > 0) throw new Error(`${page} page: counted but not loaded [${notLoaded.join(", ")}], loaded but not counted [${notCounted.join(", ")}]`);
}

/**
 * JS and CSS of the lesson and quiz pages, as the running server sends them: to a client that
 * accepts only gzip (the figure the targets judge) and to a browser that accepts brotli. The files
 * counted are checked against the scripts each page, opened by `learner`, loads. Also the quiz
 * page's HTML and `.data`.
 */
export async function pageWeightScenario(context: BenchContext, learner: Learner) {
  const base = context.base;
  const file = MANIFESTS().find((f) => fs.existsSync(f));
  if (!file) throw new Error("the build has no Vite manifest: build again (npm run build)");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as ViteManifest;
  const lesson = filesFor(manifest, LESSON_ROUTE);
  const quiz = filesFor(manifest, QUIZ_ROUTE);
  const lessonPage = await get(base, pickLesson(context).path, learner.cookie);
  if (lessonPage.status !== 200) throw new Error(`the lesson page answered ${lessonPage.status}`);
  checkCountedFiles("lesson", lesson.js, lessonPage.html);
  const quizPage = await quizPageWeight(context, learner);
  checkCountedFiles("quiz", quiz.js, quizPage.html);
  const [lessonGzip, quizGzip, lessonCss, quizCss, lessonBrotli, quizBrotli] = await Promise.all([
    served(base, lesson.js, "gzip"),
    served(base, quiz.js, "gzip"),
    served(base, lesson.css, "gzip"),
    served(base, quiz.css, "gzip"),
    served(base, lesson.js, "gzip, deflate, br"),
    served(base, quiz.js, "gzip, deflate, br"),
  ]);
  const result = {
    lesson_js_gzip_kb: lessonGzip.kb,
    quiz_js_gzip_kb: quizGzip.kb,
    lesson_css_gzip_kb: lessonCss.kb,
    quiz_css_gzip_kb: quizCss.kb,
    lesson_js_brotli_kb: lessonBrotli.kb,
    quiz_js_brotli_kb: quizBrotli.kb,
    lesson_js_gzip6_kb: gzipKb(lesson.js),
    quiz_js_gzip6_kb: gzipKb(quiz.js),
    lesson_js_raw_kb: rawKb(lesson.js),
    quiz_js_raw_kb: rawKb(quiz.js),
    content_encodings: { gzip: lessonGzip.encodings, brotli: lessonBrotli.encodings },
    manifest: path.relative(process.cwd(), file),
    files: { lesson: lesson.js.concat(lesson.css), quiz: quiz.js.concat(quiz.css) },
    ...quizPage.weight,
  };
  log(
    `page weight as served: lesson JS ${result.lesson_js_gzip_kb} KB gzip / ${result.lesson_js_brotli_kb} KB brotli, quiz JS ${result.quiz_js_gzip_kb} / ${result.quiz_js_brotli_kb} KB, CSS ${result.lesson_css_gzip_kb} KB gzip`,
  );
  return result;
}

/**
 * The quiz page one learner gets: its HTML document and the `.data` a client-side navigation
 * fetches, uncompressed (what the loader sends, before the wire's compression).
 */
async function quizPageWeight(context: BenchContext, learner: Learner) {
  // The last quiz module: the Lighthouse scenario starts this learner on the first one.
  const attemptPath = await startAttempt(context, quizModules(context).at(-1)!, learner);
  const [html, data] = await Promise.all([get(context.base, attemptPath, learner.cookie), get(context.base, `${attemptPath}.data`, learner.cookie)]);
  if (html.status !== 200 || data.status !== 200) throw new Error(`the quiz page answered ${html.status}, its data ${data.status}`);
  const weight = { quiz_html_kb: kb(Buffer.byteLength(html.html)), quiz_data_kb: kb(Buffer.byteLength(data.html)) };
  log(`quiz page: ${weight.quiz_html_kb} KB of HTML, ${weight.quiz_data_kb} KB of .data`);
  return { html: html.html, weight };
}
