import { z } from "zod";
import { DISTRICTS, INSTITUTION_TYPES, ROLES, USER_LANGUAGES } from "./constants";

// Messages are i18n keys, translated where the form shows them.
const email = z.string({ required_error: "errors.field.required" }).trim().min(1, "errors.field.required").max(254, "errors.email.invalid").email("errors.email.invalid");
const password = z.string({ required_error: "errors.field.required" }).min(10, "errors.password.short").max(128, "errors.password.long");
/** Control characters, and the bidirectional embeddings, overrides and isolates that make a name read differently than it is stored. */
const HIDDEN_CHARACTERS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
const fullName = z
  .string({ required_error: "errors.field.required" })
  .trim()
  .min(1, "errors.field.required")
  .max(200, "errors.fullName.long")
  .refine((name) => !HIDDEN_CHARACTERS.test(name), "errors.fullName.characters");
const institutionType = z.enum(INSTITUTION_TYPES, { errorMap: () => ({ message: "errors.institution.required" }) });
const language = z.enum(USER_LANGUAGES, { errorMap: () => ({ message: "errors.language.required" }) });
// Optional profile fields: an empty field (or none) is stored as null, "not given".
const organisation = z
  .string()
  .trim()
  .max(200, "profile.errors.organisationLong")
  .optional()
  .transform((value) => value || null);
const district = z
  .union([z.literal(""), z.enum(DISTRICTS)], { errorMap: () => ({ message: "profile.errors.districtUnknown" }) })
  .optional()
  .transform((value) => value || null);

export const RegisterSchema = z.object({ fullName, email, password, institutionType, organisation, district, language });
export const LoginSchema = z.object({
  email,
  password: z.string({ required_error: "errors.field.required" }).min(1, "errors.field.required").max(128, "errors.password.long"),
  redirectTo: z.string().optional(),
});
export const ProfileSchema = z.object({
  fullName,
  email,
  institutionType,
  organisation,
  district,
  language,
  /** Asked for when the email address changes (app/routes/account.tsx). */
  currentPassword: z.string().max(128, "errors.password.long").optional(),
});
export const PasswordChangeSchema = z
  .object({
    currentPassword: z.string({ required_error: "errors.field.required" }).min(1, "errors.field.required").max(128, "errors.password.long"),
    newPassword: password,
    confirmPassword: z.string({ required_error: "errors.field.required" }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "errors.password.mismatch" });

export const UserIdSchema = z.coerce.number({ invalid_type_error: "errors.user.unknown" }).int().positive("errors.user.unknown");
export const RoleChangeSchema = z.object({ userId: UserIdSchema, role: z.enum(ROLES, { errorMap: () => ({ message: "errors.role.invalid" }) }) });
export const UserToggleSchema = z.object({ userId: UserIdSchema });

/** Choosing a password from an emailed link (invitation or reset). */
export const NewPasswordSchema = z
  .object({ newPassword: password, confirmPassword: z.string({ required_error: "errors.field.required" }) })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "errors.password.mismatch" });
export const ForgotPasswordSchema = z.object({ email });
/** A person in a trainer's CSV import: the same rules as registration, without a password. */
export const ImportedPersonSchema = z.object({ fullName, email, institutionType, language });
