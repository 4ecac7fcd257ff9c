import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "~/utils/env.server";

let transport: Transporter | null | undefined;

/**
 * The SMTP transport of SMTP_URL (nodemailer), or null when none is configured. Timeouts bound a
 * send to about two minutes, well inside the stale-claim timeout (app/mail/delivery.server.ts).
 */
export function getTransport(): Transporter | null {
  if (transport === undefined) {
    const url = getEnv().SMTP_URL;
    transport = url ? nodemailer.createTransport({ url, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 }) : null;
  }
  return transport;
}
