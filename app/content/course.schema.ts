import { z } from "zod";
import { QuizSettingsSchema } from "./bank.schema";
import { IdSchema, LocalizedTextSchema } from "./localized";

/** A course version: numbers separated by dots ("2026.2"), compared number by number. */
export const VersionSchema = z.string().regex(/^\d+(\.\d+)*$/, 'a version is numbers separated by dots, e.g. "2026.2"');

/** One version's changes: the modules a learner must complete again, each with what is new in it. */
export const CourseChangeSchema = z
  .object({
    version: VersionSchema,
    /** Corrections that do not make a module changed, for learners of an earlier version. */
    note: LocalizedTextSchema.optional(),
    modules: z.array(z.object({ id: IdSchema, whatsNew: LocalizedTextSchema }).strict()).default([]),
  })
  .strict();

export const CourseMetaSchema = z
  .object({
    id: IdSchema,
    version: VersionSchema,
    title: LocalizedTextSchema,
    summary: LocalizedTextSchema,
    audience: LocalizedTextSchema.optional(),
    latinTerms: z.array(z.string().min(1)).default([]),
    /** What changed in each version after the first, newest first (courses/README.md: changed modules). */
    changes: z.array(CourseChangeSchema).default([]),
  })
  .strict();

const UrlSchema = z.string().url("must be a full URL");

export const SourceSchema = z
  .object({
    reference: z.string().min(1),
    url: UrlSchema.optional(),
    /** The reference and URL are a reproduction (a mirror, copy or secondary site), not the primary document. */
    reproduction: z.literal(true).optional(),
    /** The primary document (the Court's HUDOC, the Council of Europe's site, the official gazette), cited first. */
    primary: z
      .object({ reference: z.string().min(1), url: UrlSchema.optional() })
      .strict()
      .optional(),
  })
  .strict()
  .refine((source) => !source.primary || source.reproduction, { message: "a source with a primary document is a reproduction: add reproduction: true", path: ["reproduction"] });

export const SourcesSchema = z.record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, "source keys use letters, digits and dashes"), SourceSchema);

const RegExpSchema = z
  .string()
  .min(1)
  .refine((pattern) => {
    try {
      new RegExp(pattern, "u");
      return true;
    } catch {
      return false;
    }
  }, "not a valid regular expression");

export const GlossarySchema = z
  .object({
    terms: z.array(
      z
        .object({
          id: IdSchema,
          term: LocalizedTextSchema,
          definition: LocalizedTextSchema,
          /** What Serbian text should write instead of an avoided variant; the Serbian term by default. */
          use: z.string().min(1).optional(),
          /** Serbian variants `npm run content:check` reports: regular expressions, case-insensitive unless marked. */
          avoid: z.array(z.union([RegExpSchema, z.object({ pattern: RegExpSchema, caseSensitive: z.boolean().default(false) }).strict()])).optional(),
          /** Quotations in which an avoided variant is accepted (matched as written, in any case). */
          allow: z.array(z.string().min(1)).optional(),
        })
        .strict(),
    ),
  })
  .strict();

export const LessonFrontmatterSchema = z
  .object({
    id: IdSchema,
    title: z.string().trim().min(1),
    kind: z.enum(["lesson", "case"]).default("lesson"),
    minutes: z.number().int().positive().max(240),
  })
  .strict();

export type CourseMeta = z.infer<typeof CourseMetaSchema>;
export type CourseChange = z.infer<typeof CourseChangeSchema>;
export type Source = z.infer<typeof SourceSchema>;
export type GlossaryTerm = z.infer<typeof GlossarySchema>["terms"][number];
export type LessonFrontmatter = z.infer<typeof LessonFrontmatterSchema>;

export const ModuleMetaSchema = z
  .object({
    id: IdSchema,
    title: LocalizedTextSchema,
    summary: LocalizedTextSchema,
    estimatedMinutes: z.number().int().positive(),
    contentNote: LocalizedTextSchema.optional(),
    objectives: z.array(LocalizedTextSchema).min(1, "a module needs at least one learning objective"),
    takeaways: z.array(LocalizedTextSchema).default([]),
    quiz: QuizSettingsSchema.default({}),
  })
  .strict();
export type ModuleMeta = z.infer<typeof ModuleMetaSchema>;
