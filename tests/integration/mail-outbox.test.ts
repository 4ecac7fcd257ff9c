/** Without SMTP_URL (a local start) messages stay in the outbox, marked local, for admins only. */
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { mailMessages } from "#db/schema";
import { deliverDueMessages } from "~/mail/delivery.server";
import { enqueueInvitation } from "~/mail/notices.server";
import * as outbox from "~/routes/admin.outbox._index";
import * as outboxMessage from "~/routes/admin.outbox.$messageId";
import { getDb, inTransaction } from "~/utils/db.server";
import { createTestUser, signedIn } from "../helpers/auth";
import { callLoader, get } from "../helpers/http";

describe("the outbox without an SMTP server", () => {
  test("keeps messages as local; an admin reads the list and each message with its working link", async () => {
    expect(process.env.SMTP_URL).toBeUndefined();
    const admin = await createTestUser({ role: "admin" });
    const learner = await createTestUser({ fullName: "Milica <b>Marković</b>" });
    inTransaction((tx) => enqueueInvitation(tx, learner.id));
    expect(await deliverDueMessages()).toEqual({ sent: 0, retried: 0, failed: 0 });
    const [message] = getDb().select().from(mailMessages).where(eq(mailMessages.userId, learner.id)).all();
    expect(message.status).toBe("local");

    const jar = await signedIn(admin);
    const list = await callLoader(outbox.loader, get("/admin/outbox", { jar }));
    expect(list.status).toBe(200);
    expect(list.data.messages[0]).toMatchObject({ id: message.id, recipient: learner.email, kind: "invitation", status: "local" });
    expect(list.data.counts.local).toBe(1);
    const local = await callLoader(outbox.loader, get("/admin/outbox?status=local&page=1", { jar }));
    expect(local.data.total).toBe(1);
    const none = await callLoader(outbox.loader, get("/admin/outbox?status=failed", { jar }));
    expect(none.data.messages).toEqual([]);

    const one = await callLoader(outboxMessage.loader, get(`/admin/outbox/${message.id}`, { jar }), { messageId: String(message.id) });
    expect(one.status).toBe(200);
    expect(one.data.message.text).toMatch(/http:\/\/localhost:3000\/reset-password\/[\w-]{43}/);
    expect(one.data.message).not.toHaveProperty("dedupeKey");
  });

  test("bad filters are a 400, an unknown message a 404", async () => {
    const jar = await signedIn(await createTestUser({ role: "admin" }));
    expect((await callLoader(outbox.loader, get("/admin/outbox?status=lost", { jar }))).status).toBe(400);
    expect((await callLoader(outbox.loader, get("/admin/outbox?page=0", { jar }))).status).toBe(400);
    for (const id of ["999999", "abc", "-1", "1.5"]) {
      expect((await callLoader(outboxMessage.loader, get(`/admin/outbox/${id}`, { jar }), { messageId: id })).status, id).toBe(404);
    }
  });

  test("is for admins only", async () => {
    const learner = await createTestUser();
    inTransaction((tx) => enqueueInvitation(tx, learner.id));
    const [message] = getDb().select().from(mailMessages).where(eq(mailMessages.userId, learner.id)).all();
    const anonymous = await callLoader(outbox.loader, get("/admin/outbox"));
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login\?/);
    for (const role of ["learner", "trainer", "reviewer"] as const) {
      const jar = await signedIn(await createTestUser({ role }));
      expect((await callLoader(outbox.loader, get("/admin/outbox", { jar }))).status, role).toBe(403);
      const one = await callLoader(outboxMessage.loader, get(`/admin/outbox/${message.id}`, { jar }), { messageId: String(message.id) });
      expect(one.status, role).toBe(403);
      expect(JSON.stringify(one.data)).not.toContain(learner.email);
    }
  });
});
