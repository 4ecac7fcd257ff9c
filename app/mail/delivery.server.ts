import type { Transporter } from "nodemailer";
import { claimNextMessage, markMailFailed, markMailRetry, markMailSent } from "~/models/mail.server";
import { getEnv } from "~/utils/env.server";
import { getTransport } from "./transport.server";

/** A claim older than this is taken to belong to a process that died mid-send, and is sent again. */
export const STALE_CLAIM_MS = 10 * 60 * 1000;
/** After this many attempts a temporary failure counts as permanent. */
export const MAX_ATTEMPTS = 8;

/** Wait before attempt `attempts + 1`: 1, 2, 4 … minutes, at most 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60 * 1000);
}

/** The SMTP reply code of a nodemailer error, when the server gave one. */
function replyCode(error: unknown): number | undefined {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === "number" ? code : undefined;
}

function describe(error: unknown): string {
  const { response, message } = error as { response?: unknown; message?: unknown };
  return String(response ?? message ?? error).slice(0, 1000);
}

export type DeliveryReport = { sent: number; retried: number; failed: number };

/**
 * Sends every message that is due, one at a time: claim it (app/models/mail.server.ts), send it,
 * record the outcome. A 5xx reply is permanent (failed); anything else (4xx, a dropped
 * connection, a timeout) is tried again with backoff. Does nothing without a transport.
 * See docs/decisions for what a crash between sending and recording does.
 */
export async function deliverDueMessages(options: { now?: () => Date; transport?: Transporter | null } = {}): Promise<DeliveryReport> {
  const now = options.now ?? (() => new Date());
  const transport = options.transport === undefined ? getTransport() : options.transport;
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  if (!transport) return report;
  const from = getEnv().MAIL_FROM;
  for (;;) {
    const claimedAt = now();
    const message = claimNextMessage(claimedAt, new Date(claimedAt.getTime() - STALE_CLAIM_MS));
    if (!message) return report;
    try {
      await transport.sendMail({
        from,
        to: message.recipient,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: message.messageId,
        headers: { "Content-Language": message.language, "Auto-Submitted": "auto-generated" },
      });
      markMailSent(message.id, now());
      report.sent++;
    } catch (error) {
      const code = replyCode(error);
      if ((code !== undefined && code >= 500) || message.attempts >= MAX_ATTEMPTS) {
        markMailFailed(message.id, describe(error));
        report.failed++;
      } else {
        markMailRetry(message.id, describe(error), new Date(now().getTime() + retryDelayMs(message.attempts)));
        report.retried++;
      }
    }
  }
}

let deliverSoon: (() => void) | undefined;

/**
 * Lets requestDelivery start a delivery in this process (the serving processes do, through the
 * scheduler); elsewhere (tests, scripts) messages wait for an explicit deliverDueMessages.
 */
export function enableDeliveryOnRequest(deliver: (() => void) | undefined) {
  deliverSoon = deliver;
}

/**
 * Asks for a delivery once the current synchronous work is done: called as a message is written
 * inside a transaction, it runs after the transaction has committed.
 */
export function requestDelivery() {
  if (deliverSoon) setImmediate(deliverSoon);
}
