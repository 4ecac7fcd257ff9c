/**
 * What must not reach the browser before the reveal policy allows it: the fixture bank's
 * feedback and explanation texts in every language, and the keys that carry answers.
 */
import path from "node:path";
import { loadCourses, type Module } from "~/content/loader.server";
import { toCyrillic } from "~/content/transliterate";

type FixtureModuleId = "basics" | "timed";

/** The fixture course read straight from its folder (no server environment needed, so e2e tests can use it too). */
function fixtureModuleFromFiles(moduleId: FixtureModuleId): Module {
  const { courses, problems } = loadCourses(path.resolve("tests/fixtures/courses"));
  const module = courses.find((course) => course.id === "fixture-course")?.modules.find((m) => m.id === moduleId);
  if (problems.length > 0 || !module?.bank) throw new Error(`cannot read the fixture module ${moduleId}: ${problems.map((p) => p.message).join("; ")}`);
  return module;
}

/** Every feedback and explanation text of the module's bank, as authored and in Cyrillic. */
export function secretTexts(moduleId: FixtureModuleId): string[] {
  const texts = new Set<string>();
  const add = (text: { en: string; "sr-Latn": string }) => {
    // Explanations are Markdown with citations: the words before the first citation are what shows.
    for (const value of [text.en, text["sr-Latn"], toCyrillic(text["sr-Latn"])]) texts.add(value.split(" [@")[0]!.trim());
  };
  for (const question of fixtureModuleFromFiles(moduleId).bank!.questions) {
    add(question.explanation);
    if (question.type === "single" || question.type === "multiple") for (const option of question.options) add(option.feedback);
    if (question.type === "truefalse") for (const choice of ["true", "false"] as const) add(question.feedback[choice]);
    if (question.type === "matching") for (const pair of question.pairs) if (pair.feedback) add(pair.feedback);
  }
  return [...texts];
}

/** Keys that only revealed data may have. */
export const SECRET_KEYS = ["correct", "correctAnswer", "answer", "explanation", "explanationHtml", "feedback", "grades", "score", "parts"] as const;

/** Paths of every key in `value` named one of `keys`. */
export function findKeys(value: unknown, keys: readonly string[], path = "$"): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => findKeys(item, keys, `${path}[${i}]`));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, child]) => [...(keys.includes(key) ? [`${path}.${key}`] : []), ...findKeys(child, keys, `${path}.${key}`)]);
}

/** The secret texts found in `text` (HTML or serialised data). */
export function findSecretTexts(text: string, moduleId: FixtureModuleId): string[] {
  return secretTexts(moduleId).filter((secret) => text.includes(secret));
}
