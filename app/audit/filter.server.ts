import { z } from "zod";
import { AUDIT_EVENT_KINDS, AUDIT_TIME_ZONE } from "~/audit/constants";
import type { AuditFilter } from "~/models/audit.server";

/** The instant a calendar day (YYYY-MM-DD) begins in Belgrade. */
export function startOfDayInBelgrade(day: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  const utcMidnight = Date.UTC(y, m - 1, d);
  // Belgrade's offset at that moment (an hour or two); midnight there is that much earlier in UTC.
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: AUDIT_TIME_ZONE, hourCycle: "h23", hour: "2-digit", minute: "2-digit" }).formatToParts(new Date(utcMidnight));
  const hour = Number(parts.find((p) => p.type === "hour")?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === "minute")?.value ?? 0);
  return new Date(utcMidnight - (hour * 60 + minute) * 60_000);
}

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value));

const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

function nextDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The admin audit page's query string: ?kind=&user=&from=&until=&before= (all optional). */
export const AuditQuerySchema = z.object({
  kind: optional(z.enum(AUDIT_EVENT_KINDS)),
  user: optional(z.string().trim().max(200)),
  from: optional(day),
  until: optional(day),
  before: optional(z.coerce.number().int().positive()),
});

export type AuditQuery = z.infer<typeof AuditQuerySchema>;

/** The model's filter for a query: `until` is inclusive for the admin, so it ends at the next day's start. */
export function auditFilterOf(query: AuditQuery): AuditFilter {
  return {
    kind: query.kind,
    user: query.user,
    from: query.from ? startOfDayInBelgrade(query.from) : undefined,
    until: query.until ? startOfDayInBelgrade(nextDay(query.until)) : undefined,
    beforeId: query.before,
  };
}
