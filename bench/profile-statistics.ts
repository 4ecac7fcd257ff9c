/**
 * `tsx bench/profile-statistics.ts [DATA_DIR]`: in-process times of the dashboard's and the item
 * analysis's model calls on the seed:large database, for the 20 queries of the statistics scenario
 * (run `npm run seed:large` first). Prints, per call, the median and the slowest over the queries.
 */
import path from "node:path";
import { performance } from "node:perf_hooks";
import { largeSeedDir } from "../scripts/seed-large";
import { statisticsQueries } from "./scenarios/statistics";

process.env.DATA_DIR = path.resolve(process.argv[2] ?? largeSeedDir(50_000, 1));
process.env.COURSES_DIR ??= path.resolve("courses");
const { getCourses, findCourse } = await import("~/content/courses.server");
const { getCountFigures, getModuleFigures, getRevokedCertificates, listStatisticsGroups } = await import("~/models/statistics.server");
const { buildDashboard } = await import("~/statistics/dashboard");
const { getItemFigures } = await import("~/models/item-statistics.server");
const { parseStatisticsQuery } = await import("~/statistics/filters");

const course = getCourses().find((c) => c.id === "thb-technology") ?? getCourses()[0];
const times: Record<string, number[]> = {};
const time = <T>(name: string, work: () => T): T => {
  const started = performance.now();
  const result = work();
  (times[name] ??= []).push(performance.now() - started);
  return result;
};
for (let round = 0; round < 2; round++) {
  for (const name of Object.keys(times)) times[name] = [];
  for (const query of statisticsQueries(course)) {
    const parsed = parseStatisticsQuery(new URLSearchParams(query), { courseIds: [course.id], moduleIdsOf: (id) => findCourse(id)?.modules.map((m) => m.id) ?? [], now: new Date("2026-12-01") });
    if (!parsed.ok) throw new Error(`${query}: ${parsed.error}`);
    const { filters, months } = parsed;
    const tag = (name: string) => `${name}${filters.groupId ? " (group)" : filters.district ? " (district)" : ""}`;
    time("total", () => {
      const groups = time("groups", () => listStatisticsGroups());
      const counts = time(tag("counts"), () => getCountFigures(filters, months, { withGroups: false }));
      const modules = time(tag("modules"), () => getModuleFigures(filters, months));
      const revoked = time(tag("revoked"), () => getRevokedCertificates(filters, months));
      const moduleIds = course.modules.filter((m) => !filters.moduleId || m.id === filters.moduleId).map((m) => m.id);
      const dashboard = time("build", () => buildDashboard({ counts, modules, revoked, months, moduleIds, groupIds: [] }));
      time("json", () => JSON.stringify({ dashboard, groups }).length);
    });
    if (process.env.PROFILE_QUERIES) console.log(query, times.total.at(-1)!.toFixed(1));
  }
}
for (const groupId of [null, null, 3, 9]) time(`items${groupId ? " (group)" : ""}`, () => getItemFigures({ courseId: course.id, moduleId: null, groupId }));
const fmt = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `n ${sorted.length}, median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`;
};
for (const [name, values] of Object.entries(times)) console.log(`${name.padEnd(22)} ${fmt(values)}`);
