import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { log } from "../lib/util";

type Chunk = { file: string; src?: string; imports?: string[]; css?: string[]; assets?: string[] };
type ViteManifest = Record<string, Chunk>;

const CLIENT = path.resolve("build/client");
// Remix 2.17 moves the client build's Vite manifest out of the public folder to build/.vite/client-manifest.json
// when `build.manifest` is on (bench/vite.config.ts); build/client/.vite/manifest.json is where Vite itself writes it.
const MANIFESTS = [path.resolve("build/.vite/client-manifest.json"), path.resolve("build/client/.vite/manifest.json")];

export const LESSON_ROUTE = "app/routes/courses.$courseId.$moduleId.$lessonId.tsx";
export const QUIZ_ROUTE = "app/routes/courses.$courseId.$moduleId.quiz.$attemptId._index.tsx";

/** Size after gzip at zlib's default level, as the app's compression middleware sends it. */
const gzipKb = (files: string[]) => {
  const bytes = files.reduce((sum, file) => sum + zlib.gzipSync(fs.readFileSync(path.join(CLIENT, file))).length, 0);
  return Math.round((bytes / 1024) * 10) / 10;
};
const rawKb = (files: string[]) => Math.round((files.reduce((sum, file) => sum + fs.statSync(path.join(CLIENT, file)).size, 0) / 1024) * 10) / 10;

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
  // Remix's own route manifest script (window.__remixManifest) is loaded by every page too.
  const remixManifest = fs.readdirSync(path.join(CLIENT, "assets")).filter((f) => /^manifest-[0-9a-f]+\.js$/.test(f));
  if (remixManifest.length === 1) js.add(`assets/${remixManifest[0]}`);
  return { js: [...js], css: [...css] };
}

export function pageWeightScenario() {
  const file = MANIFESTS.find((f) => fs.existsSync(f));
  if (!file) throw new Error("the build has no Vite manifest: build with bench/vite.config.ts (npm run bench does)");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as ViteManifest;
  const lesson = filesFor(manifest, LESSON_ROUTE);
  const quiz = filesFor(manifest, QUIZ_ROUTE);
  const result = {
    lesson_js_gzip_kb: gzipKb(lesson.js),
    quiz_js_gzip_kb: gzipKb(quiz.js),
    lesson_css_gzip_kb: gzipKb(lesson.css),
    quiz_css_gzip_kb: gzipKb(quiz.css),
    lesson_js_raw_kb: rawKb(lesson.js),
    quiz_js_raw_kb: rawKb(quiz.js),
    manifest: path.relative(process.cwd(), file),
    files: { lesson: lesson.js.concat(lesson.css), quiz: quiz.js.concat(quiz.css) },
  };
  log(`page weight: lesson JS ${result.lesson_js_gzip_kb} KB, quiz JS ${result.quiz_js_gzip_kb} KB, CSS ${result.lesson_css_gzip_kb} KB (gzip)`);
  return result;
}
