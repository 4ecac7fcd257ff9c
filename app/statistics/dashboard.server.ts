import { findCourse, getCourses, localize } from "~/content/courses.server";
import { getCountFigures, getModuleFigures, getRevokedCertificates, listStatisticsGroups } from "~/models/statistics.server";
import { errorResponse } from "~/utils/http.server";
import { getI18n, getLanguage } from "~/utils/i18n.server";
import { requirePermission } from "~/utils/session.server";
import { buildDashboard } from "./dashboard";
import { parseStatisticsQuery } from "./filters";
import type { LabelContext } from "./format";

/**
 * What every statistics page and export starts with: a reviewer or admin (403 for anyone else),
 * the filters from the URL (400 when they are wrong), and the protected tables of that view.
 * The breakdown by group, counted learner by learner, is made only when asked for (its own page
 * and export).
 */
export async function loadDashboard(request: Request, asked: { withGroups?: boolean; now?: Date } = {}) {
  const now = asked.now ?? new Date();
  await requirePermission(request, "statistics:read");
  const language = await getLanguage(request);
  const t = (await getI18n(language)).getFixedT(language, "common");
  const courses = getCourses();
  const parsed = parseStatisticsQuery(new URL(request.url).searchParams, {
    courseIds: courses.map((c) => c.id),
    moduleIdsOf: (courseId) => findCourse(courseId)?.modules.map((m) => m.id) ?? [],
    now,
  });
  if (!parsed.ok) throw errorResponse(parsed.error, 400);
  const { filters, months } = parsed;
  const groups = listStatisticsGroups();
  if (filters.groupId && !groups.some((g) => g.id === filters.groupId)) throw errorResponse("statistics.errors.group", 400);
  const course = findCourse(filters.courseId)!;
  const moduleIds = course.modules.filter((m) => !filters.moduleId || m.id === filters.moduleId).map((m) => m.id);
  const dashboard = buildDashboard({
    counts: getCountFigures(filters, months, { withGroups: asked.withGroups ?? false }),
    modules: getModuleFigures(filters, months),
    revoked: getRevokedCertificates(filters, months),
    months,
    moduleIds,
    groupIds: asked.withGroups ? groups.map((g) => g.id) : [],
  });
  const moduleTitles = Object.fromEntries(course.modules.map((m) => [m.id, localize(m.title, language, course)]));
  const labels: LabelContext = { t, language, moduleTitles, groupNames: Object.fromEntries(groups.map((g) => [String(g.id), g.name])) };
  const options = {
    courses: courses.map((c) => ({ id: c.id, title: localize(c.title, language, c), modules: c.modules.map((m) => ({ id: m.id, title: localize(m.title, language, c) })) })),
    groups,
  };
  return { filters, months, dashboard, labels, options, course: { id: course.id, title: localize(course.title, language, course) }, now };
}
