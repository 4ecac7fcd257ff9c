import type { TFunction } from "i18next";
import { z } from "zod";
import { findCourse, getCourses, localize } from "~/content/courses.server";
import type { Course, Module } from "~/content/loader.server";
import { LANGUAGES, type Language } from "~/content/localized";
import { ALL_LANGUAGES, getItemFigures } from "~/models/item-statistics.server";
import { listStatisticsGroups } from "~/models/statistics.server";
import type { Question } from "~/content/bank.schema";
import { errorResponse } from "~/utils/http.server";
import { LANGUAGE_NAMES } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { requirePermission } from "~/utils/session.server";
import { sheetCsvStream, sheetXlsxStream, unitSuffix, type Sheet, type SheetCell } from "./export.server";
import { ITEM_LANGUAGES, itemCells, partCell, quizCells, type Flag, type ItemCell, type ItemLanguage, type ItemSums, type QuizSums } from "./items";
import type { ValueKind } from "./dashboard";

/**
 * The item-analysis page and its files: for a reviewer or admin over every learner (or one group,
 * as a filter), for a trainer over one of their groups. docs/decisions/0009-statistics-summaries.md.
 */

const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

// Messages are i18n keys (statistics namespace).
const ItemQuerySchema = z
  .object({
    course: optional(z.string().max(100)),
    module: optional(z.string().max(100)),
    group: optional(z.coerce.number({ invalid_type_error: "statistics.errors.group" }).int("statistics.errors.group").positive("statistics.errors.group")),
  })
  .strip();

export const ITEM_TABLES = ["quizzes", "questions", "responses"] as const;
export type ItemTable = (typeof ITEM_TABLES)[number];

type Who = { groupId: number | null; groupName: string | null };

/** A reviewer or admin (403 for anyone else); a `group` in the URL narrows the view to it (400 when unknown). */
export async function requireItemReader(request: Request): Promise<Who & { groups: { id: number; name: string }[] }> {
  await requirePermission(request, "statistics:read");
  const parsed = ItemQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw errorResponse(parsed.error.issues[0]?.message ?? "statistics.errors.filters", 400);
  const groups = listStatisticsGroups();
  const group = parsed.data.group ? groups.find((g) => g.id === parsed.data.group) : null;
  if (group === undefined) throw errorResponse("statistics.errors.group", 400);
  return { groupId: group?.id ?? null, groupName: group?.name ?? null, groups };
}

const quizModules = (course: Course) => course.modules.filter((m): m is Module & { bank: NonNullable<Module["bank"]> } => m.bank !== null && m.bank !== undefined);

/** The course and quiz the URL names (the first of each by default); 400 when there is no such quiz. */
function chooseQuiz(search: URLSearchParams) {
  const parsed = ItemQuerySchema.safeParse(Object.fromEntries(search));
  if (!parsed.success) throw errorResponse(parsed.error.issues[0]?.message ?? "statistics.errors.filters", 400);
  const course = parsed.data.course ? findCourse(parsed.data.course) : getCourses()[0];
  if (!course) throw errorResponse("statistics.errors.course", 400);
  const quizzes = quizModules(course);
  const module = parsed.data.module ? quizzes.find((m) => m.id === parsed.data.module) : quizzes[0];
  if (!module) throw errorResponse("statistics.errors.module", 400);
  return { course, module, quizzes };
}

const languageOf = (stored: string): ItemLanguage => (stored === ALL_LANGUAGES ? "all" : (stored as ItemLanguage));

/** How each part a learner can choose is named and counted (item_responses' keys), in the page's language. */
function partsOf(question: Question, text: (t: { en: string; "sr-Latn": string }) => string, t: TFunction): { key: string; label: string; correct: boolean }[] {
  switch (question.type) {
    case "single":
    case "multiple":
      return question.options.map((o) => ({ key: o.id, label: text(o.text), correct: o.correct }));
    case "truefalse":
      return [true, false].map((value) => ({ key: String(value), label: t(`statistics.items.${value}`), correct: question.answer === value }));
    case "matching":
      return question.pairs.map((p) => ({ key: `${p.id}=${p.id}`, label: t("statistics.items.matched", { left: text(p.left), right: text(p.right) }), correct: true }));
    case "ordering":
      return question.items.map((item, i) => ({ key: `${item.id}@${i}`, label: t("statistics.items.placed", { item: text(item.text), position: i + 1 }), correct: true }));
  }
}

export type ItemAnalysis = Awaited<ReturnType<typeof loadItemAnalysis>>;

/** Every figure of the page, protected, for the course's quizzes and the chosen quiz's questions. */
export async function loadItemAnalysis(request: Request, who: Who) {
  const { t, language } = await getT(request);
  const { course, module, quizzes } = chooseQuiz(new URL(request.url).searchParams);
  const figures = getItemFigures({ courseId: course.id, moduleId: null, groupId: who.groupId });
  const text = (value: { en: string; "sr-Latn": string }, l: Language = language) => localize(value, l, course);

  const itemSums = new Map<string, Partial<Record<ItemLanguage, ItemSums>>>();
  for (const row of figures.items) {
    const key = `${row.moduleId}/${row.questionId}`;
    itemSums.set(key, { ...itemSums.get(key), [languageOf(row.language)]: row });
  }
  const parts = new Map<string, number>();
  for (const row of figures.parts) parts.set(`${row.moduleId}/${row.questionId}/${row.part}/${languageOf(row.language)}`, row.n);

  const cellsOf = (m: Module, q: Question) => itemCells(itemSums.get(`${m.id}/${q.id}`) ?? {});
  const flagsOf = (cells: Record<ItemLanguage, ItemCell>) => ITEM_LANGUAGES.flatMap((l) => cells[l].flags.map((flag): { language: ItemLanguage; flag: Flag } => ({ language: l, flag })));

  const quizRows = quizzes.map((m) => {
    const sums: Partial<Record<ItemLanguage, QuizSums>> = {};
    for (const row of figures.quizzes) if (row.moduleId === m.id) sums[languageOf(row.language)] = row;
    const items: Partial<Record<ItemLanguage, ItemSums[]>> = {};
    for (const q of m.bank.questions) for (const [l, s] of Object.entries(itemSums.get(`${m.id}/${q.id}`) ?? {})) (items[l as ItemLanguage] ??= []).push(s);
    return {
      moduleId: m.id,
      title: text(m.title),
      cells: quizCells(sums, items),
      flagged: m.bank.questions.filter((q) => flagsOf(cellsOf(m, q)).length > 0).length,
    };
  });

  const questions = module.bank.questions.map((q, index) => {
    const cells = cellsOf(module, q);
    return {
      id: q.id,
      number: index + 1,
      type: q.type,
      prompt: text(q.prompt),
      prompts: Object.fromEntries(LANGUAGES.map((l) => [l, text(q.prompt, l)])) as Record<Language, string>,
      cells,
      flags: flagsOf(cells),
      parts: partsOf(q, (value) => text(value), t).map((part) => ({
        ...part,
        cells: Object.fromEntries(
          ITEM_LANGUAGES.map((l) => [
            l,
            partCell(
              l === "all" ? LANGUAGES.reduce((n, each) => n + (parts.get(`${module.id}/${q.id}/${part.key}/${each}`) ?? 0), 0) : (parts.get(`${module.id}/${q.id}/${part.key}/${l}`) ?? 0),
              cells[l],
            ),
          ]),
        ) as Record<ItemLanguage, ReturnType<typeof partCell>>,
      })),
    };
  });

  return {
    t,
    language,
    course: { id: course.id, title: text(course.title) },
    module: { id: module.id, title: text(module.title) },
    courses: getCourses().map((c) => ({ id: c.id, title: localize(c.title, language, c), quizzes: quizModules(c).map((m) => ({ id: m.id, title: localize(m.title, language, c) })) })),
    group: who.groupId ? { id: who.groupId, name: who.groupName ?? "" } : null,
    quizzes: quizRows,
    questions,
  };
}

/** The view's query string (course, quiz, group), for links and files. */
export function itemSearch(view: ItemAnalysis, withGroup: boolean): string {
  const search = new URLSearchParams({ course: view.course.id, module: view.module.id });
  if (withGroup && view.group) search.set("group", String(view.group.id));
  return search.toString();
}

export const languageLabel = (l: ItemLanguage, t: TFunction) => (l === "all" ? t("statistics.items.allLanguages") : LANGUAGE_NAMES[l]);

/** One of the page's tables as a sheet, with the same protected figures. */
export function itemSheet(view: ItemAnalysis, table: ItemTable): Sheet {
  const { t } = view;
  const columns = (names: [string, ValueKind][]) =>
    ITEM_LANGUAGES.flatMap((l) => names.map(([name, kind]) => `${languageLabel(l, t)}: ${t(`statistics.items.columns.${name}`)}${unitSuffix(kind, t)}`));
  const figure = (value: number | null, kind: ValueKind): SheetCell => ({ value, kind });
  const flagText = (flags: { language: ItemLanguage; flag: Flag }[]) => flags.map((f) => `${t(`statistics.items.flags.${f.flag}`)} (${languageLabel(f.language, t)})`).join("; ");
  switch (table) {
    case "quizzes":
      return {
        name: t("statistics.items.tables.quizzes"),
        headings: [
          t("statistics.items.columns.quiz"),
          ...columns([
            ["attempts", "count"],
            ["learners", "count"],
            ["alpha", "index"],
          ]),
          t("statistics.items.columns.flagged"),
        ],
        rows: view.quizzes.map((q) => ({
          label: q.title,
          cells: [...ITEM_LANGUAGES.flatMap((l) => [figure(q.cells[l].attempts, "count"), figure(q.cells[l].learners, "count"), figure(q.cells[l].alpha, "index")]), figure(q.flagged, "count")],
        })),
      };
    case "questions":
      return {
        name: t("statistics.items.tables.questions"),
        headings: [
          t("statistics.items.columns.question"),
          ...columns([
            ["attempts", "count"],
            ["facility", "rate"],
            ["discrimination", "index"],
          ]),
          t("statistics.items.columns.flags"),
        ],
        rows: view.questions.map((q) => ({
          label: `${q.number}. ${q.prompt}`,
          cells: [
            ...ITEM_LANGUAGES.flatMap((l) => [figure(q.cells[l].attempts, "count"), figure(q.cells[l].facility, "rate"), figure(q.cells[l].discrimination, "index")]),
            { text: flagText(q.flags) },
          ],
        })),
      };
    case "responses":
      return {
        name: t("statistics.items.tables.responses"),
        headings: [
          t("statistics.items.columns.question"),
          t("statistics.items.columns.part"),
          t("statistics.items.columns.correct"),
          ...columns([
            ["chosen", "count"],
            ["share", "rate"],
          ]),
        ],
        rows: view.questions.flatMap((q) =>
          q.parts.map((p) => ({
            label: `${q.number}. ${q.prompt}`,
            cells: [
              { text: p.label },
              { text: p.correct ? t("statistics.items.yes") : t("statistics.items.no") },
              ...ITEM_LANGUAGES.flatMap((l) => [figure(p.cells[l].count, "count"), figure(p.cells[l].share, "rate")]),
            ],
          })),
        ),
      };
  }
}

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } as const;
const ExportSchema = z.object({
  table: z.enum(ITEM_TABLES, { errorMap: () => ({ message: "statistics.errors.table" }) }),
  format: z.enum(["csv", "xlsx"], { errorMap: () => ({ message: "statistics.errors.format" }) }),
});

/** GET …/items/export?course&module[&group]&table&format: one table of the view as a file. */
export async function itemExportResponse(request: Request, who: Who): Promise<Response> {
  const search = new URL(request.url).searchParams;
  const parsed = ExportSchema.safeParse({ table: search.get("table"), format: search.get("format") });
  if (!parsed.success) throw errorResponse(parsed.error.issues[0]?.message ?? "statistics.errors.table", 400);
  const view = await loadItemAnalysis(request, who);
  const { table, format } = parsed.data;
  const sheet = itemSheet(view, table);
  const filename = `trag-items-${table}-${view.module.id}${view.group ? `-group-${view.group.id}` : ""}.${format}`;
  const about: [string, string | Date][] = [
    [view.t("statistics.export.course"), view.course.title],
    [view.t("statistics.items.columns.quiz"), view.module.title],
    [view.t("statistics.filters.group"), view.group?.name ?? view.t("statistics.filters.all")],
    [view.t("statistics.export.generated"), new Date()],
  ];
  return new Response(format === "csv" ? sheetCsvStream(sheet) : sheetXlsxStream(sheet, view.t("statistics.export.filters"), about), {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
