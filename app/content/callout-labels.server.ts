import type { TFunction } from "i18next";
import { CALLOUTS } from "./loader.server";
import type { CalloutLabels } from "./markdown.server";

export function calloutLabels(t: TFunction): CalloutLabels {
  return Object.fromEntries(CALLOUTS.map((name) => [name, t(`lesson.callout.${name}`)])) as CalloutLabels;
}
