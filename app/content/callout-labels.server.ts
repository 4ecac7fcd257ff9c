import type { TFunction } from "i18next";
import type { Language } from "./languages";
import { CALLOUTS } from "./loader.server";
import type { CalloutLabels } from "./markdown.server";

// The same for every request in a language: made once, not on every page (bench/changes.md).
const labelsByLanguage = new Map<Language, CalloutLabels>();

/** The callout boxes' labels in `language`; `t` must translate into that language. */
export function calloutLabels(language: Language, t: TFunction): CalloutLabels {
  let labels = labelsByLanguage.get(language);
  if (!labels) {
    labels = { ...(Object.fromEntries(CALLOUTS.map((name) => [name, t(`lesson.callout.${name}`)])) as Record<(typeof CALLOUTS)[number], string>), reference: t("lesson.referenceName") };
    labelsByLanguage.set(language, labels);
  }
  return labels;
}
