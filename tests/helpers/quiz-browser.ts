/**
 * Taking a fixture-course quiz in the browser. The fixture bank's right answers are known by
 * their labels (option "a" is right in single choice, "a" and "b" in multiple choice, true in
 * true/false, "Left x" goes with "Right x", steps first/second/third); the page only shows
 * public part ids, so answers are chosen by label text, as a learner would.
 */
import type { Locator, Page } from "playwright-core";
import { toCyrillic } from "~/content/transliterate";
import type { Language } from "~/content/languages";
import { t } from "../e2e/browser";

export const QUIZ_COURSE = "/courses/fixture-course";

/** A fixture text in `language` (Cyrillic generated from the Serbian Latin text, as the app does). */
function fixtureText(language: Language, en: string, srLatn: string): string {
  return language === "en" ? en : language === "sr-Latn" ? srLatn : toCyrillic(srLatn);
}

export const fixtureLabels = {
  option: (language: Language, id: string) => fixtureText(language, `Option ${id}`, `Opcija ${id}`),
  left: (language: Language, id: string) => fixtureText(language, `Left ${id}`, `Levo ${id}`),
  right: (language: Language, id: string) => fixtureText(language, `Right ${id}`, `Desno ${id}`),
  step: (language: Language, id: string) => fixtureText(language, `Step ${id}`, `Korak ${id}`),
};

const PAIRS = ["one", "two", "three"];
const STEPS = ["first", "second", "third"];

export type QuestionKind = "single" | "multiple" | "truefalse" | "matching" | "ordering";

/** The answer form of the question on screen (the one that posts a questionId). */
export function answerForm(page: Page): Locator {
  return page.locator("form").filter({ has: page.locator('input[name="questionId"]') });
}

export async function currentKind(page: Page): Promise<QuestionKind> {
  const form = answerForm(page);
  if ((await form.locator('input[type="radio"][name="option"]').count()) > 0) return "single";
  if ((await form.locator('input[type="checkbox"][name="option"]').count()) > 0) return "multiple";
  if ((await form.locator('input[name="value"]').count()) > 0) return "truefalse";
  if ((await form.locator('select[name^="match."]').count()) > 0) return "matching";
  if ((await form.locator('select[name^="position."]').count()) > 0) return "ordering";
  throw new Error("no answer fields on the page");
}

/** What to choose for a question of `kind`, by label: every control's label and the choice it should get. */
export function choicesFor(language: Language, kind: QuestionKind, correct: boolean): { check: string[]; select: Array<{ label: string; option: string }> } {
  switch (kind) {
    case "single":
      return { check: [fixtureLabels.option(language, correct ? "a" : "b")], select: [] };
    case "multiple":
      return { check: (correct ? ["a", "b"] : ["c", "d"]).map((id) => fixtureLabels.option(language, id)), select: [] };
    case "truefalse":
      return { check: [t(language, correct ? "quiz.true" : "quiz.false")], select: [] };
    case "matching":
      return { check: [], select: PAIRS.map((id, i) => ({ label: fixtureLabels.left(language, id), option: fixtureLabels.right(language, correct ? id : PAIRS[(i + 1) % 3]!) })) };
    case "ordering":
      return { check: [], select: STEPS.map((id, i) => ({ label: fixtureLabels.step(language, id), option: t(language, "quiz.position", { position: correct ? i + 1 : ((i + 1) % 3) + 1 }) })) };
  }
}

/** Fills in the question on screen with the pointer (right or wrong). */
export async function fillAnswer(page: Page, language: Language, correct: boolean): Promise<QuestionKind> {
  const kind = await currentKind(page);
  const form = answerForm(page);
  const { check, select } = choicesFor(language, kind, correct);
  for (const label of check) await form.getByLabel(label, { exact: true }).check();
  for (const { label, option } of select) await form.getByLabel(label, { exact: true }).selectOption({ label: option });
  return kind;
}

/** The "Question n of m" heading of the question on screen. */
export async function questionNumber(page: Page): Promise<{ number: number; total: number }> {
  const text = (await page.locator("#question-heading").textContent()) ?? "";
  const [number, total] = (text.match(/\d+/g) ?? []).map(Number);
  if (!number || !total) throw new Error(`no question heading (found "${text}")`);
  return { number, total };
}

export function questionHeading(page: Page, language: Language, number: number, total: number): Locator {
  return page.getByRole("heading", { level: 2, name: t(language, "quiz.attempt.question", { number, total }), exact: true });
}

export function summaryHeading(page: Page, language: Language): Locator {
  return page.getByRole("heading", { level: 2, name: t(language, "quiz.summary.title"), exact: true });
}

/** Deferred mode: answers the question on screen, saves, and waits for the next question or the summary. */
export async function answerAndSave(page: Page, language: Language, correct: boolean): Promise<QuestionKind> {
  const { number, total } = await questionNumber(page);
  const kind = await fillAnswer(page, language, correct);
  await page.getByRole("button", { name: t(language, "quiz.attempt.save"), exact: true }).click();
  await (number < total ? questionHeading(page, language, number + 1, total) : summaryHeading(page, language)).waitFor();
  return kind;
}

/** Immediate mode: answers, checks, and waits for the feedback. */
export async function answerAndCheck(page: Page, language: Language, correct: boolean): Promise<QuestionKind> {
  const kind = await fillAnswer(page, language, correct);
  await page.getByRole("button", { name: t(language, "quiz.attempt.check"), exact: true }).click();
  await page.locator(".revealed").waitFor();
  return kind;
}

/** From the summary: finishes and waits for the result. */
export async function finishFromSummary(page: Page, language: Language): Promise<void> {
  await page.getByRole("button", { name: t(language, "quiz.summary.finish"), exact: true }).click();
  await page.waitForURL((url) => url.pathname.endsWith("/review"));
  await page.locator("#result-heading").waitFor();
}

/** Starts (or retakes) from the quiz overview and waits for the first question. */
export async function startFromOverview(page: Page, language: Language, moduleId: string, total: number, { retake = false } = {}): Promise<number> {
  await page.getByRole("button", { name: t(language, retake ? "quiz.overview.retake" : "quiz.overview.start"), exact: true }).click();
  await page.waitForURL((url) => /\/quiz\/\d+$/.test(url.pathname));
  await questionHeading(page, language, 1, total).waitFor();
  return attemptIdOf(page, moduleId);
}

export function attemptIdOf(page: Page, moduleId: string): number {
  const match = new RegExp(`/${moduleId}/quiz/(\\d+)`).exec(new URL(page.url()).pathname);
  if (!match) throw new Error(`not on a ${moduleId} attempt: ${page.url()}`);
  return Number(match[1]);
}

// ---- Only the keyboard ----

/** Presses Tab until one of `targets` has the focus. */
export async function tabTo(page: Page, targets: Locator, { max = 120 } = {}): Promise<void> {
  for (let presses = 0; presses < max; presses++) {
    if (await targets.evaluateAll((elements) => elements.some((element) => element === document.activeElement))) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${targets}`);
}

function focusedLabel(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement | null;
    return element?.labels?.[0]?.textContent ?? null;
  });
}

/** Moves a focused closed <select> to the option labelled `label` with the arrow keys. */
async function arrowToOption(page: Page, select: Locator, label: string): Promise<void> {
  const { current, target } = await select.evaluate(
    (element: HTMLSelectElement, wanted) => ({ current: element.selectedIndex, target: [...element.options].findIndex((o) => o.label === wanted) }),
    label,
  );
  if (target === -1) throw new Error(`no option "${label}"`);
  for (let i = current; i !== target; i += Math.sign(target - current)) await page.keyboard.press(target > current ? "ArrowDown" : "ArrowUp");
}

/** Answers the question on screen with Tab, the arrow keys and Space only. */
export async function fillAnswerByKeyboard(page: Page, language: Language, correct: boolean): Promise<QuestionKind> {
  const kind = await currentKind(page);
  const form = answerForm(page);
  const { check, select } = choicesFor(language, kind, correct);
  if (kind === "single" || kind === "truefalse") {
    // A radio group is one Tab stop; the arrow keys move through it and choose.
    await tabTo(page, form.locator('input[type="radio"]'));
    for (let moves = 0; (await focusedLabel(page)) !== check[0]; moves++) {
      if (moves > 10) throw new Error(`the arrow keys never reached "${check[0]}"`);
      await page.keyboard.press("ArrowDown");
    }
    await page.keyboard.press("Space");
  } else if (kind === "multiple") {
    for (const label of check) {
      await tabTo(page, form.getByLabel(label, { exact: true }));
      await page.keyboard.press("Space");
    }
  } else {
    for (const { label, option } of select) {
      const control = form.getByLabel(label, { exact: true });
      await tabTo(page, control);
      await arrowToOption(page, control, option);
    }
  }
  for (const label of check) if (!(await form.getByLabel(label, { exact: true }).isChecked())) throw new Error(`"${label}" is not checked`);
  return kind;
}

/** Tabs to a button by its name and presses Enter. */
export async function pressButton(page: Page, name: string): Promise<void> {
  await tabTo(page, page.getByRole("button", { name, exact: true }));
  await page.keyboard.press("Enter");
}
