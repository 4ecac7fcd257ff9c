import { z } from "zod";
import { isDay } from "./due-dates";

// Messages are i18n keys (the "groups" namespace), translated where the form shows them.
const isoDate = z
  .string()
  .trim()
  .transform((value) => value || null)
  .refine(
    (value) => value === null || (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)),
    "groups.errors.date",
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

export const AssignmentIdSchema = z.object({ assignmentId: z.coerce.number().int().positive() });

const count = (max: number) =>
  z
    .string()
    .trim()
    .transform((value) => value || "0")
    .pipe(
      z.coerce
        .number({ invalid_type_error: "groups.adjustments.errors.number" })
        .int("groups.adjustments.errors.number")
        .min(0, "groups.adjustments.errors.number")
        .max(max, "groups.adjustments.errors.tooMany"),
    );

/** A trainer's adjustment for one learner: a later due day (empty keeps the assignment's), extra attempts and minutes. */
export const AdjustmentSchema = z.object({
  userId: z.coerce.number().int().positive(),
  due: z
    .string()
    .trim()
    .default("")
    .refine((value) => value === "" || isDay(value), "groups.errors.date"),
  extraAttempts: count(20).default("0"),
  extraMinutes: count(600).default("0"),
});
