import { z } from "zod";
import { DISTRICTS, INSTITUTION_TYPES } from "~/accounts/constants";
import { addMonths, monthOf, monthsBetween, MONTH_PATTERN } from "./months";

/** The longest period one view covers, in months. */
export const MAX_MONTHS = 36;

const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

// Messages are i18n keys (statistics namespace).
export const StatisticsQuerySchema = z
  .object({
    from: optional(z.string().regex(MONTH_PATTERN, "statistics.errors.month")),
    to: optional(z.string().regex(MONTH_PATTERN, "statistics.errors.month")),
    course: optional(z.string().max(100)),
    module: optional(z.string().max(100)),
    institution: optional(z.enum(INSTITUTION_TYPES, { errorMap: () => ({ message: "statistics.errors.institution" }) })),
    district: optional(z.enum([...DISTRICTS, "none"], { errorMap: () => ({ message: "statistics.errors.district" }) })),
    group: optional(z.coerce.number({ invalid_type_error: "statistics.errors.group" }).int("statistics.errors.group").positive("statistics.errors.group")),
  })
  .strip();

export type StatisticsFilters = {
  from: string;
  to: string;
  courseId: string;
  moduleId: string | null;
  institutionType: (typeof INSTITUTION_TYPES)[number] | null;
  district: (typeof DISTRICTS)[number] | "none" | null;
  groupId: number | null;
};

export type FilterResult = { ok: true; filters: StatisticsFilters; months: string[] } | { ok: false; error: string };

/**
 * The view a URL asks for. Without dates: the twelve months up to the current one (Belgrade
 * time). `courseIds` and `moduleIds` are what exists; `now` is passed in.
 */
export function parseStatisticsQuery(search: URLSearchParams, options: { courseIds: string[]; moduleIdsOf: (courseId: string) => string[]; now: Date }): FilterResult {
  const parsed = StatisticsQuerySchema.safeParse(Object.fromEntries(search));
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "statistics.errors.filters" };
  const q = parsed.data;
  const to = q.to ?? (q.from ? addMonths(q.from, 11) : monthOf(options.now));
  const from = q.from ?? addMonths(to, -11);
  if (from > to) return { ok: false, error: "statistics.errors.order" };
  const months = monthsBetween(from, to);
  if (months.length > MAX_MONTHS) return { ok: false, error: "statistics.errors.tooLong" };
  const courseId = q.course ?? options.courseIds[0];
  if (!courseId || !options.courseIds.includes(courseId)) return { ok: false, error: "statistics.errors.course" };
  if (q.module && !options.moduleIdsOf(courseId).includes(q.module)) return { ok: false, error: "statistics.errors.module" };
  return {
    ok: true,
    months,
    filters: { from, to, courseId, moduleId: q.module ?? null, institutionType: q.institution ?? null, district: q.district ?? null, groupId: q.group ?? null },
  };
}

/** The filters as URL search parameters (for links to exports and the PDF), leaving out what is not set. */
export function filtersToSearch(filters: StatisticsFilters): URLSearchParams {
  const search = new URLSearchParams({ from: filters.from, to: filters.to, course: filters.courseId });
  if (filters.moduleId) search.set("module", filters.moduleId);
  if (filters.institutionType) search.set("institution", filters.institutionType);
  if (filters.district) search.set("district", filters.district);
  if (filters.groupId) search.set("group", String(filters.groupId));
  return search;
}
