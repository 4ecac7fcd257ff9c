import type { CourseChange, CourseMeta } from "./course.schema";

type Versioned = Pick<CourseMeta, "version" | "changes">;

/** Orders versions number by number: "2026.10" comes after "2026.9". */
export function compareVersions(a: string, b: string): number {
  const left = a.split(".").map(Number);
  const right = b.split(".").map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The latest version, up to the course's own, in which this module changed; undefined if it never did. */
export function moduleChangedIn(course: Versioned, moduleId: string): string | undefined {
  let latest: string | undefined;
  for (const change of course.changes) {
    if (compareVersions(change.version, course.version) > 0 || !change.modules.some((m) => m.id === moduleId)) continue;
    if (!latest || compareVersions(change.version, latest) > 0) latest = change.version;
  }
  return latest;
}

/**
 * Whether a quiz attempt made on `attemptVersion` of the course counts in the course's current
 * version: always for a module that has not changed since, otherwise only from the version it changed in.
 */
export function attemptCounts(course: Versioned, moduleId: string, attemptVersion: string): boolean {
  const changedIn = moduleChangedIn(course, moduleId);
  return !changedIn || compareVersions(attemptVersion, changedIn) >= 0;
}

/** The changes after `version` up to the course's current one, newest first. */
export function changesSince(course: Versioned, version: string): CourseChange[] {
  return course.changes.filter((change) => compareVersions(change.version, version) > 0 && compareVersions(change.version, course.version) <= 0).sort((a, b) => compareVersions(b.version, a.version));
}
