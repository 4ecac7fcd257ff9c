import { findModule, localize } from "~/content/courses.server";
import type { Course } from "~/content/loader.server";
import type { Language } from "~/content/localized";
import { changesSince } from "~/content/versions";
import { getLatestCompletedVersion } from "~/models/completions.server";

export type WhatsNew = ReturnType<typeof getWhatsNew>;

/**
 * What changed since the latest version of the course this learner completed, newest first;
 * null when they completed none, or completed the current version.
 */
export function getWhatsNew(userId: number, course: Course, language: Language) {
  const completed = getLatestCompletedVersion(userId, course);
  if (!completed || completed === course.version) return null;
  const changes = changesSince(course, completed).map((change) => ({
    version: change.version,
    note: change.note ? localize(change.note, language, course) : null,
    modules: change.modules.flatMap((entry) => {
      const module = findModule(course, entry.id);
      if (!module) return [];
      return [{ id: module.id, number: course.modules.indexOf(module) + 1, title: localize(module.title, language, course), whatsNew: localize(entry.whatsNew, language, course) }];
    }),
  }));
  return { completedVersion: completed, currentVersion: course.version, changes };
}
