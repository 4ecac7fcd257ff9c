/**
 * Kinds of security event in the audit log. Stored as text without a CHECK, so a new kind needs no
 * migration; add it here and to the audit namespace's strings (app/locales/<lang>/audit.json; db/schema.ts stores it).
 */
export const AUDIT_EVENT_KINDS = [
  "login.succeeded",
  "login.failed",
  "logout",
  "password.changed",
  "email.changed",
  "role.changed",
  "user.deactivated",
  "user.activated",
  "certificate.issued",
  "certificate.revoked",
  "certificate.reissued",
  "export.downloaded",
  "data.exported",
  "account.erased",
] as const;

/** Calendar days are Serbia's, whatever the server's time zone (shared by the page and app/audit/filter.server.ts). */
export const AUDIT_TIME_ZONE = "Europe/Belgrade";
