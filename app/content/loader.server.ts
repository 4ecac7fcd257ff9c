import fs from "node:fs";
import path from "node:path";
import { LineCounter, parseDocument, type Document } from "yaml";
import type { ZodIssue, ZodType, ZodTypeDef } from "zod";
import { QuizBankSchema, type QuizBank } from "./bank.schema";
import { findCitations, stripCitations } from "./citations";
import {
  CourseMetaSchema,
  GlossarySchema,
  LessonFrontmatterSchema,
  ModuleMetaSchema,
  SourcesSchema,
  type CourseMeta,
  type GlossaryTerm,
  type LessonFrontmatter,
  type ModuleMeta,
  type Source,
} from "./course.schema";
import { AUTHORED_LANGUAGES, type AuthoredLanguage } from "./localized";
import { compareVersions } from "./versions";

export type Problem = { file: string; line: number; message: string };

/** What a publishable course must satisfy beyond the schemas. Tests may relax it. */
export type ContentRules = {
  lessonsPerModule: { min: number; max: number };
  lessonWords: { min: number; max: number };
  requireCaseLesson: boolean;
};

export const COURSE_RULES: ContentRules = {
  lessonsPerModule: { min: 3, max: 5 },
  lessonWords: { min: 400, max: 1200 },
  requireCaseLesson: true,
};

export type LessonVersion = { file: string; title: string; body: string; words: number };
export type Lesson = {
  id: string;
  kind: LessonFrontmatter["kind"];
  minutes: number;
  versions: Record<AuthoredLanguage, LessonVersion>;
};
export type Module = Omit<ModuleMeta, "quiz"> & {
  folder: string;
  quizSettings: ModuleMeta["quiz"];
  bank: QuizBank | null;
  lessons: Lesson[];
};
export type Course = CourseMeta & {
  folder: string;
  directory: string;
  sources: Record<string, Source>;
  glossary: GlossaryTerm[];
  modules: Module[];
};

export type LoadResult = { courses: Course[]; problems: Problem[] };

const NUMBERED = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const LESSON_FILE = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.(en|sr-Latn)\.md$/;
const CALLOUT_LINE = /^:::\s*([a-z-]*)\s*$/;
export const CALLOUTS = ["key-point", "case", "in-serbia", "decision", "discussion"] as const;

/** Loads every course folder under `dir`. Never throws for bad content: it reports problems. */
export function loadCourses(courseDir: string, rules: ContentRules = COURSE_RULES): LoadResult {
  const dir = path.resolve(courseDir);
  const problems: Problem[] = [];
  const courses: Course[] = [];
  if (!fs.existsSync(dir)) return { courses, problems: [{ file: rel(dir), line: 1, message: "courses folder not found" }] };
  for (const entry of listDirs(dir)) {
    const course = loadCourse(path.join(dir, entry), rules, problems);
    if (course) courses.push(course);
  }
  const seen = new Map<string, string>();
  for (const course of courses) {
    const other = seen.get(course.id);
    if (other) problems.push({ file: rel(path.join(course.directory, "course.yaml")), line: 1, message: `course id "${course.id}" is also used by ${other}` });
    seen.set(course.id, course.folder);
  }
  return { courses, problems };
}

function loadCourse(directory: string, rules: ContentRules, problems: Problem[]): Course | null {
  const before = problems.length;
  const meta = readYaml(path.join(directory, "course.yaml"), CourseMetaSchema, problems);
  const sources = readYaml(path.join(directory, "sources.yaml"), SourcesSchema, problems);
  const glossaryFile = path.join(directory, "glossary.yaml");
  const glossary = fs.existsSync(glossaryFile) ? readYaml(glossaryFile, GlossarySchema, problems) : null;
  if (!meta || !sources) return null;

  const sourceKeys = new Set(Object.keys(sources.data));
  const checkCitations = (file: string, text: string, lineAt: (offset: number) => number) => {
    for (const citation of findCitations(text)) {
      if (!sourceKeys.has(citation.key)) {
        problems.push({ file, line: lineAt(citation.offset), message: `citation key "${citation.key}" is not in sources.yaml` });
      }
    }
  };
  if (glossary) {
    glossary.data.terms.forEach((term, i) => {
      for (const language of AUTHORED_LANGUAGES) {
        checkCitations(glossary.file, term.definition[language], () => glossary.lineOf(["terms", i, "definition", language]));
      }
    });
  }

  const modules: Module[] = [];
  let moduleFolders = 0;
  for (const folder of listDirs(directory)) {
    if (folder === "images") continue;
    if (!NUMBERED.test(folder)) {
      problems.push({ file: rel(path.join(directory, folder)), line: 1, message: "module folders are named NN-kebab-slug" });
      continue;
    }
    moduleFolders += 1;
    const module = loadModule(path.join(directory, folder), directory, rules, problems, checkCitations);
    if (module) modules.push(module);
  }
  // A module folder that failed has its own problems; this one is for a course without any.
  if (moduleFolders === 0) problems.push({ file: meta.file, line: 1, message: "the course has no modules" });
  checkUniqueIds(modules, problems);
  checkChanges(meta, modules, problems);
  if (problems.length > before) return null;
  return {
    ...meta.data,
    folder: path.basename(directory),
    directory,
    sources: sources.data,
    glossary: glossary?.data.terms ?? [],
    modules,
  };
}

/** Each version's changes name a version up to the course's own, once, and modules the course has. */
function checkChanges(meta: Parsed<CourseMeta>, modules: Module[], problems: Problem[]) {
  const moduleIds = new Set(modules.map((m) => m.id));
  const versions = new Set<string>();
  meta.data.changes.forEach((change, i) => {
    const line = () => meta.lineOf(["changes", i, "version"]);
    if (compareVersions(change.version, meta.data.version) > 0)
      problems.push({ file: meta.file, line: line(), message: `changes for version ${change.version}, which is later than the course's version ${meta.data.version}` });
    if (versions.has(change.version)) problems.push({ file: meta.file, line: line(), message: `version ${change.version} has two entries under changes` });
    versions.add(change.version);
    change.modules.forEach((entry, j) => {
      if (modules.length > 0 && !moduleIds.has(entry.id))
        problems.push({ file: meta.file, line: meta.lineOf(["changes", i, "modules", j, "id"]), message: `changes name module "${entry.id}", which the course does not have` });
    });
  });
}

type CheckCitations = (file: string, text: string, lineAt: (offset: number) => number) => void;

function loadModule(directory: string, courseDir: string, rules: ContentRules, problems: Problem[], checkCitations: CheckCitations): Module | null {
  const before = problems.length;
  const meta = readYaml(path.join(directory, "module.yaml"), ModuleMetaSchema, problems);
  const quizFile = path.join(directory, "quiz.yaml");
  const bank = fs.existsSync(quizFile) ? readYaml(quizFile, QuizBankSchema, problems) : null;
  const beforeLessons = problems.length;
  const { lessons, found } = loadLessons(directory, courseDir, rules, problems, checkCitations);
  const lessonsFailed = problems.length > beforeLessons;
  if (!meta) return null;

  meta.data.takeaways.forEach((takeaway, i) => {
    for (const language of AUTHORED_LANGUAGES) checkCitations(meta.file, takeaway[language], () => meta.lineOf(["takeaways", i, language]));
  });
  const { min, max } = rules.lessonsPerModule;
  // Lessons are counted whether or not they loaded; a lesson that failed has its own problems.
  if (found < min || found > max) {
    problems.push({ file: meta.file, line: 1, message: `a module needs ${min} to ${max} lessons; this one has ${found}` });
  }
  if (rules.requireCaseLesson && !lessonsFailed && lessons.length > 0 && !lessons.some((l) => l.kind === "case")) {
    problems.push({ file: meta.file, line: 1, message: 'a module needs at least one lesson of kind "case"' });
  }
  if (!bank && !fs.existsSync(quizFile)) {
    problems.push({ file: rel(quizFile), line: 1, message: "the module has no question bank (quiz.yaml)" });
  }
  if (bank) checkExplanations(bank, checkCitations, problems);
  if (problems.length > before) return null;
  const { quiz, ...rest } = meta.data;
  return { ...rest, folder: path.basename(directory), quizSettings: quiz, bank: bank?.data ?? null, lessons };
}

/** Question counts and types are checked by the bank schema; here, that every explanation cites a known source. */
function checkExplanations(bank: Parsed<QuizBank>, checkCitations: CheckCitations, problems: Problem[]) {
  bank.data.questions.forEach((question, i) => {
    for (const language of AUTHORED_LANGUAGES) {
      const explanation = question.explanation[language];
      const at = () => bank.lineOf(["questions", i, "explanation", language]);
      if (findCitations(explanation).length === 0) {
        problems.push({ file: bank.file, line: at(), message: `question "${question.id}": the ${language} explanation cites no source` });
      }
      checkCitations(bank.file, explanation, at);
    }
  });
  bank.data.cases.forEach((quizCase, i) => {
    checkCitations(bank.file, quizCase.sources.map((key) => `[@${key}]`).join(" "), () => bank.lineOf(["cases", i, "sources"]));
  });
}

/** The lessons that loaded, and how many lessons (files grouped by NN-slug) the folder has. */
function loadLessons(directory: string, courseDir: string, rules: ContentRules, problems: Problem[], checkCitations: CheckCitations): { lessons: Lesson[]; found: number } {
  const groups = new Map<string, Partial<Record<AuthoredLanguage, { file: string; text: string }>>>();
  for (const name of fs.readdirSync(directory).sort()) {
    if (name === "module.yaml" || name === "quiz.yaml") continue;
    const full = path.join(directory, name);
    const match = LESSON_FILE.exec(name);
    if (!match) {
      problems.push({ file: rel(full), line: 1, message: "unexpected file: lessons are named NN-slug.en.md or NN-slug.sr-Latn.md" });
      continue;
    }
    const key = `${match[1]}-${match[2]}`;
    const group = groups.get(key) ?? {};
    group[match[3] as AuthoredLanguage] = { file: full, text: fs.readFileSync(full, "utf8") };
    groups.set(key, group);
  }

  const lessons: Lesson[] = [];
  for (const [key, group] of groups) {
    const versions: Partial<Record<AuthoredLanguage, LessonVersion>> = {};
    const fronts: Partial<Record<AuthoredLanguage, LessonFrontmatter>> = {};
    for (const language of AUTHORED_LANGUAGES) {
      const source = group[language];
      if (!source) {
        const existing = Object.values(group)[0]!;
        problems.push({ file: rel(existing.file), line: 1, message: `lesson "${key}" has no ${language} version (${key}.${language}.md)` });
        continue;
      }
      const parsed = parseLessonFile(source.file, source.text, courseDir, rules, problems, checkCitations);
      if (parsed) {
        versions[language] = parsed.version;
        fronts[language] = parsed.front;
      }
    }
    const en = fronts.en;
    const sr = fronts["sr-Latn"];
    if (!en || !sr || !versions.en || !versions["sr-Latn"]) continue;
    if (en.id !== sr.id || en.kind !== sr.kind) {
      problems.push({ file: rel(versions["sr-Latn"].file), line: 2, message: `id and kind must match the English version (${en.id}, ${en.kind})` });
      continue;
    }
    lessons.push({ id: en.id, kind: en.kind, minutes: en.minutes, versions: versions as Record<AuthoredLanguage, LessonVersion> });
  }
  return { lessons, found: groups.size };
}

function parseLessonFile(file: string, text: string, courseDir: string, rules: ContentRules, problems: Problem[], checkCitations: CheckCitations) {
  const relFile = rel(file);
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) {
    problems.push({ file: relFile, line: 1, message: "a lesson starts with YAML frontmatter between --- lines" });
    return null;
  }
  const front = parseYamlText(relFile, match[1], LessonFrontmatterSchema, problems, 1);
  const body = text.slice(match[0].length);
  const bodyLine = countLines(match[0]);
  const lineAt = (offset: number) => bodyLine + countLines(body.slice(0, offset)) - 1;
  const before = problems.length;

  checkCitations(relFile, body, lineAt);
  for (const image of body.matchAll(/!\[([^\]]*)\]\(([^)\s]+)[^)]*\)/g)) {
    const line = lineAt(image.index ?? 0);
    if (!image[1].trim()) problems.push({ file: relFile, line, message: "an image needs alt text: ![what it shows](file)" });
    const target = path.resolve(courseDir, image[2]);
    if (!/^https?:/.test(image[2]) && (!target.startsWith(courseDir + path.sep) || !fs.existsSync(target))) {
      problems.push({ file: relFile, line, message: `image "${image[2]}" not found in the course folder` });
    }
  }
  let open = 0;
  body.split("\n").forEach((lineText, i) => {
    const callout = CALLOUT_LINE.exec(lineText.trim());
    if (!callout) return;
    if (callout[1] === "") open -= 1;
    else if ((CALLOUTS as readonly string[]).includes(callout[1])) open += 1;
    else problems.push({ file: relFile, line: bodyLine + i, message: `unknown callout ":::${callout[1]}"; use one of ${CALLOUTS.join(", ")}` });
    if (open < 0 || open > 1) {
      problems.push({ file: relFile, line: bodyLine + i, message: "callouts cannot be nested and each ::: closes one callout" });
      open = Math.max(0, Math.min(open, 1));
    }
  });
  if (open !== 0) problems.push({ file: relFile, line: bodyLine, message: "a callout is not closed with :::" });

  const words = countWords(body);
  const { min, max } = rules.lessonWords;
  if (words < min || words > max) {
    problems.push({ file: relFile, line: bodyLine, message: `a lesson needs ${min} to ${max} words; this one has ${words}` });
  }
  if (!front || problems.length > before) return null;
  return { front: front.data, version: { file: relFile, title: front.data.title, body, words } };
}

export function countWords(markdown: string): number {
  const text = stripCitations(markdown)
    .replace(/^:::.*$/gm, "")
    .replace(/\{\{|\}\}/g, "");
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)?.length ?? 0;
}

function checkUniqueIds(modules: Module[], problems: Problem[]) {
  const seen = new Map<string, string>();
  const note = (kind: string, id: string, where: string) => {
    const key = `${kind}:${id}`;
    const other = seen.get(key);
    if (other) problems.push({ file: where, line: 1, message: `${kind} id "${id}" is also used in ${other}` });
    else seen.set(key, where);
  };
  for (const module of modules) {
    note("module", module.id, module.folder);
    for (const lesson of module.lessons) note("lesson", lesson.id, lesson.versions.en.file);
    for (const question of module.bank?.questions ?? []) note("question", question.id, `${module.folder}/quiz.yaml`);
  }
}

type Parsed<T> = { data: T; file: string; lineOf: (path: Array<string | number>) => number };

function readYaml<T>(file: string, schema: ZodType<T, ZodTypeDef, unknown>, problems: Problem[]): Parsed<T> | null {
  if (!fs.existsSync(file)) {
    problems.push({ file: rel(file), line: 1, message: `missing ${path.basename(file)}` });
    return null;
  }
  return parseYamlText(rel(file), fs.readFileSync(file, "utf8"), schema, problems, 0);
}

function parseYamlText<T>(file: string, text: string, schema: ZodType<T, ZodTypeDef, unknown>, problems: Problem[], lineOffset: number): Parsed<T> | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      problems.push({ file, line: lineOffset + (lineCounter.linePos(error.pos[0]).line || 1), message: `YAML: ${error.message.split("\n")[0]}` });
    }
    return null;
  }
  const lineOf = (p: Array<string | number>) => lineOffset + lineOfPath(doc, lineCounter, p);
  const result = schema.safeParse(doc.toJS() ?? {});
  if (!result.success) {
    for (const issue of result.error.issues) problems.push({ file, line: lineOfIssue(doc, lineCounter, issue, lineOffset), message: describeIssue(issue) });
    return null;
  }
  return { data: result.data, file, lineOf };
}

function lineOfPath(doc: Document, lineCounter: LineCounter, p: ReadonlyArray<string | number>): number {
  for (let n = p.length; n >= 0; n--) {
    const node = doc.getIn(p.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === "object" && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return 1;
}

function lineOfIssue(doc: Document, lineCounter: LineCounter, issue: ZodIssue, lineOffset: number): number {
  if (issue.code === "unrecognized_keys") {
    const parent = doc.getIn(issue.path, true) as { items?: Array<{ key: { value?: unknown; range?: [number, number, number] } }> } | undefined;
    const pair = parent?.items?.find((item) => item.key?.value === issue.keys[0]);
    if (pair?.key.range) return lineOffset + lineCounter.linePos(pair.key.range[0]).line;
  }
  return lineOffset + lineOfPath(doc, lineCounter, issue.path);
}

function describeIssue(issue: ZodIssue): string {
  const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  if (issue.code === "unrecognized_keys") return `${where}unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  if (issue.code === "invalid_type" && issue.received === "undefined") return `${where}required`;
  return `${where}${issue.message}`;
}

function listDirs(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith("."))
    .map((d) => d.name)
    .sort();
}

function countLines(text: string): number {
  let lines = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  return lines;
}

function rel(file: string): string {
  return path.relative(process.cwd(), file) || file;
}
