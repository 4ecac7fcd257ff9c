/**
 * The email the e2e server sent, as the loopback SMTP server of the global setup received it
 * (tests/setup/e2e-server.ts writes each message to the `mailbox` folder).
 */
import { expect, inject } from "vitest";
import { linksIn, readMailbox, type ReceivedMail } from "../helpers/smtp";

export { linksIn, type ReceivedMail };

/** Every message to `address` received so far, oldest first (Trag stores addresses lower-cased). */
export function readMailTo(address: string): Promise<ReceivedMail[]> {
  return readMailbox(inject("mailbox"), { to: address.toLowerCase() });
}

/** Waits until a message to `to` for which `match` holds has arrived, and returns the newest such. */
export async function waitForMail(to: string, match: (mail: ReceivedMail) => boolean = () => true): Promise<ReceivedMail> {
  const find = async () => (await readMailTo(to)).filter(match).at(-1);
  try {
    await expect.poll(find, { timeout: 30_000, interval: 100 }).toBeDefined();
  } catch {
    const arrived = (await readMailTo(to)).map((mail) => mail.subject);
    throw new Error(`No matching email to ${to} arrived; to that address: ${JSON.stringify(arrived)}`);
  }
  return (await find())!;
}

/** The path (and token) of the first link in `mail` whose path starts with `prefix`. */
export function linkPath(mail: ReceivedMail, prefix: string): string {
  const link = linksIn(mail).find((url) => new URL(url).pathname.startsWith(prefix));
  if (!link) throw new Error(`no ${prefix} link in the email "${mail.subject}"`);
  return new URL(link).pathname;
}
