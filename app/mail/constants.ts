export const MAIL_KINDS = ["invitation", "password-reset", "email-verification", "assignment-new", "assignment-due", "assignment-overdue", "trainer-digest"] as const;

/**
 * pending: waiting for its next attempt; sending: claimed by a process that is sending it (a claim
 * older than the stale timeout is taken again); sent: the SMTP server accepted it; failed: refused
 * for good or out of attempts; local: written while no SMTP server was configured, read in the app.
 */
export const MAIL_STATUSES = ["pending", "sending", "sent", "failed", "local"] as const;
