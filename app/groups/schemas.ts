import { z } from "zod";

// Messages are i18n keys (the "groups" namespace), translated where the form shows them.
const isoDate = z
  .string()
  .trim()
  .transform((value) => value || null)
  .refine(
    (value) => value === null || (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)),
    "groups.errors.date"
  );

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "groups.errors.tooLong")
    .transform((value) => value || null);

export const GroupSchema = z
  .object({
    name: z.string({ required_error: "errors.field.required" }).trim().min(1, "errors.field.required").max(200, "groups.errors.tooLong"),
    description: z.string().trim().max(2000, "groups.errors.tooLong").default(""),
    workshopDate: isoDate.default(""),
    workshopPlace: optionalText(200).default(""),
    startsOn: isoDate.default(""),
    endsOn: isoDate.default(""),
  })
  .refine((group) => !group.startsOn || !group.endsOn || group.startsOn <= group.endsOn, { path: ["endsOn"], message: "groups.errors.endsBeforeStart" });

export type GroupInput = z.infer<typeof GroupSchema>;

export const TrainerEmailSchema = z.object({
  email: z.string({ required_error: "errors.field.required" }).trim().min(1, "errors.field.required").max(254, "errors.email.invalid").email("errors.email.invalid"),
});

export const UserIdFieldSchema = z.object({ userId: z.coerce.number().int().positive() });

export const JoinCodeFormSchema = z.object({ code: z.string().max(40).default("") });
