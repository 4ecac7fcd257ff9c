import type { Language } from "~/content/languages";
import { insertMailMessage, type MailKind } from "~/models/mail.server";
import type { Db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { newMessageId, renderLetter, type Letter } from "./compose.server";
import { requestDelivery } from "./delivery.server";

/**
 * Writes a message to the outbox in the caller's transaction: "pending" for the SMTP server when
 * SMTP_URL is set, else "local" (kept for admins to read at /admin/outbox). With a dedupe key, a
 * message already written under that key is not written again (returns false).
 */
export function enqueueMail(tx: Db, input: { recipient: string; userId: number | null; kind: MailKind; language: Language; letter: Letter; dedupeKey?: string; now?: Date }): boolean {
  const written = insertMailMessage(
    tx,
    {
      recipient: input.recipient,
      userId: input.userId,
      kind: input.kind,
      language: input.language,
      ...renderLetter(input.letter, input.language),
      messageId: newMessageId(),
      dedupeKey: input.dedupeKey ?? null,
      status: getEnv().SMTP_URL ? "pending" : "local",
    },
    input.now ?? new Date(),
  );
  if (written) requestDelivery();
  return written;
}
