import { z } from "zod";
import { QuizSettingsSchema } from "../quiz/bank.schema";
import { IdSchema, LocalizedTextSchema } from "./localized";

export const CourseMetaSchema = z
  .object({
    id: IdSchema,
    version: z.string().min(1),
    title: LocalizedTextSchema,
    summary: LocalizedTextSchema,
    audience: LocalizedTextSchema.optional(),
    latinTerms: z.array(z.string().min(1)).default([]),
  })
  .strict();

export const SourceSchema = z
  .object({ reference: z.string().min(1), url: z.string().url("must be a full URL").optional() })
  .strict();

export const SourcesSchema = z.record(
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, "source keys use letters, digits and dashes"),
  SourceSchema,
);

export const GlossarySchema = z
  .object({
    terms: z.array(
      z.object({ id: IdSchema, term: LocalizedTextSchema, definition: LocalizedTextSchema }).strict(),
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
