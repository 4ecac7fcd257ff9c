/**
 * Email through a real SMTP server on loopback: what arrives (recipients, language, escaping,
 * links that work), temporary failures retried, permanent ones recorded and shown to the admin.
 */
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import { startSmtpServer, linksIn, type Refusal, type ReceivedMail } from "../helpers/smtp";

let refuse: ((mail: ReceivedMail, count: number) => Refusal | undefined) | undefined;
const smtp = await startSmtpServer({ refuse: (mail, count) => refuse?.(mail, count) });
process.env.SMTP_URL = smtp.url;
afterAll(() => smtp.close());

const { eq } = await import("drizzle-orm");
const { mailMessages } = await import("#db/schema");
const { deliverDueMessages, MAX_ATTEMPTS } = await import("~/mail/delivery.server");
const { enqueueAssignmentNotices, enqueueInvitation } = await import("~/mail/notices.server");
const { getDb, inTransaction } = await import("~/utils/db.server");
const { toCyrillic } = await import("~/content/transliterate");
const outbox = await import("~/routes/admin.outbox._index");
const outboxMessage = await import("~/routes/admin.outbox.$messageId");
const resetPassword = await import("~/routes/reset-password.$token");
const { createTestUser, postForm, signedIn } = await import("../helpers/auth");
const { callAction, callLoader, CookieJar, get } = await import("../helpers/http");
const { createTestAssignment, createTestGroup } = await import("../helpers/assignment-fixtures");

const messagesOf = (userId: number) => getDb().select().from(mailMessages).where(eq(mailMessages.userId, userId)).all();

beforeEach(() => {
  refuse = undefined;
  smtp.received.length = 0;
});

describe("the invitation", () => {
  test("arrives in the recipient's language and script, names escaped in the HTML, with a set-password link that works once", async () => {
    const trainer = await createTestUser({ role: "trainer", fullName: "Marko <i>Nikolić</i>" });
    const learner = await createTestUser({ language: "sr-Cyrl", fullName: `Jelena <script>alert("x")</script> & Ćirić` });
    createTestGroup({ name: "Beograd <2024>", trainerId: trainer.id, memberIds: [learner.id] });
    inTransaction((tx) => enqueueInvitation(tx, learner.id));

    expect(await deliverDueMessages()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail.to).toEqual([learner.email]);
    expect(mail.language).toBe("sr-Cyrl");
    expect(mail.subject).toBe(toCyrillic("Vaš nalog na Tragu", { placeholders: true }));
    expect(mail.subject).toMatch(/[\u0400-\u04FF]/);
    expect(mail.text).toContain(`Jelena <script>alert("x")</script> & Ćirić`);
    expect(mail.text).toContain("Beograd <2024>");
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain("<i>");
    expect(mail.html).toContain("Jelena &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Ćirić");
    expect(mail.html).toContain("Marko &lt;i&gt;Nikolić&lt;/i&gt;");
    expect(mail.html).toContain("Beograd &lt;2024&gt;");
    expect(mail.messageId).toBe(messagesOf(learner.id)[0].messageId);

    // The link opens the set-password page for this account …
    const link = linksIn(mail).find((url) => url.includes("/reset-password/"));
    expect(link).toBeDefined();
    const path = new URL(link!).pathname;
    const token = path.split("/").at(-1)!;
    const page = await callLoader(resetPassword.loader, get(path), { token });
    expect(page.status).toBe(200);
    expect(page.data.link).toMatchObject({ invitation: true, email: learner.email });

    // … which sets the password, signs in, and confirms the address.
    const jar = new CookieJar();
    const done = await callAction(resetPassword.action, await postForm(path, { newPassword: "a new password 1", confirmPassword: "a new password 1" }, jar), { token });
    expect(done.status).toBe(302);
    expect(done.location).toBe("/my-learning");
    await signedIn({ email: learner.email, password: "a new password 1" });

    // Used once: the link no longer works.
    expect((await callLoader(resetPassword.loader, get(path), { token })).status).toBe(404);
    const again = await callAction(resetPassword.action, await postForm(path, { newPassword: "another password 2", confirmPassword: "another password 2" }, new CookieJar()), { token });
    expect(again.status).toBe(404);
    await signedIn({ email: learner.email, password: "a new password 1" });
  });

  test("is written in the caller's transaction: rolled back with it", async () => {
    const learner = await createTestUser();
    expect(() =>
      inTransaction((tx) => {
        enqueueInvitation(tx, learner.id);
        throw new Error("the import failed");
      }),
    ).toThrow("the import failed");
    expect(messagesOf(learner.id)).toHaveLength(0);
  });
});

describe("new-assignment notices", () => {
  test("go once to each member, each in their language, with the modules and the trainer's note", async () => {
    const trainer = await createTestUser({ role: "trainer", fullName: "Ana Trener" });
    const english = await createTestUser({ language: "en" });
    const latin = await createTestUser({ language: "sr-Latn" });
    const group = createTestGroup({ trainerId: trainer.id, memberIds: [english.id, latin.id] });
    const assignment = createTestAssignment({ groupId: group.id, trainerId: trainer.id, moduleIds: ["basics", "timed"], dueAt: new Date("2030-03-15T22:59:00Z"), note: "Read <b>carefully</b>" });
    inTransaction((tx) => enqueueAssignmentNotices(tx, assignment.id));
    inTransaction((tx) => enqueueAssignmentNotices(tx, assignment.id)); // again: nothing new

    expect(await deliverDueMessages()).toEqual({ sent: 2, retried: 0, failed: 0 });
    const toEnglish = smtp.received.find((m) => m.to[0] === english.email)!;
    const toLatin = smtp.received.find((m) => m.to[0] === latin.email)!;
    expect(toEnglish.subject).toBe("New assignment: Fixture course");
    expect(toEnglish.text).toContain("- Basics\n- Timed module");
    expect(toEnglish.text).toContain("15 March 2030");
    expect(toEnglish.text).toContain("Read <b>carefully</b>");
    expect(toEnglish.html).toContain("Read &lt;b&gt;carefully&lt;/b&gt;");
    expect(toLatin.subject).toBe("Novi zadatak: Probni kurs");
    expect(toLatin.language).toBe("sr-Latn");
    expect(toLatin.text).toContain("- Osnove\n- Modul sa vremenom");
    expect(toLatin.text).toContain("15. marta 2030."); // the genitive after a day, as Serbian writes dates
    expect(linksIn(toLatin)).toContain("http://localhost:3000/my-learning");
  });
});

describe("delivery", () => {
  test("a temporary refusal (421) is tried again after a wait and then delivered, with the same Message-ID", async () => {
    const learner = await createTestUser();
    inTransaction((tx) => enqueueInvitation(tx, learner.id));
    refuse = () => ({ code: 421, message: "Try again later" });
    const start = new Date();
    expect(await deliverDueMessages({ now: () => start })).toEqual({ sent: 0, retried: 1, failed: 0 });
    const [waiting] = messagesOf(learner.id);
    expect(waiting).toMatchObject({ status: "pending", attempts: 1 });
    expect(waiting.lastError).toContain("421");
    expect(waiting.nextAttemptAt.getTime()).toBe(start.getTime() + 60_000);

    refuse = undefined;
    // Not before its time …
    expect(await deliverDueMessages({ now: () => new Date(start.getTime() + 30_000) })).toEqual({ sent: 0, retried: 0, failed: 0 });
    // … then delivered.
    expect(await deliverDueMessages({ now: () => new Date(start.getTime() + 61_000) })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].messageId).toBe(waiting.messageId);
    expect(messagesOf(learner.id)[0]).toMatchObject({ status: "sent", attempts: 2, lastError: null });
  });

  test("a permanent refusal (550) is recorded as failed, not tried again, and shown to the admin", async () => {
    const admin = await createTestUser({ role: "admin" });
    const learner = await createTestUser({ email: "nobody-here@example.test" });
    inTransaction((tx) => enqueueInvitation(tx, learner.id));
    refuse = () => ({ code: 550, message: "No such user here" });
    expect(await deliverDueMessages()).toEqual({ sent: 0, retried: 0, failed: 1 });
    refuse = undefined;
    expect(await deliverDueMessages({ now: () => new Date(Date.now() + 24 * 60 * 60 * 1000) })).toEqual({ sent: 0, retried: 0, failed: 0 });
    const [failed] = messagesOf(learner.id);
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    expect(failed.lastError).toContain("550 No such user here");

    const jar = await signedIn(admin);
    const list = await callLoader(outbox.loader, get("/admin/outbox?status=failed", { jar }));
    expect(list.status).toBe(200);
    expect(list.data.counts.failed).toBeGreaterThanOrEqual(1);
    expect(list.data.messages.find((m: { id: number }) => m.id === failed.id)).toMatchObject({ recipient: "nobody-here@example.test", status: "failed" });
    const one = await callLoader(outboxMessage.loader, get(`/admin/outbox/${failed.id}`, { jar }), { messageId: String(failed.id) });
    expect(one.data.message.lastError).toContain("550 No such user here");
  });

  test("a temporary failure that keeps happening becomes permanent after the last attempt", async () => {
    const learner = await createTestUser();
    inTransaction((tx) => enqueueInvitation(tx, learner.id));
    refuse = () => ({ code: 451, message: "Local problem" });
    let at = Date.now();
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      expect(await deliverDueMessages({ now: () => new Date(at) })).toEqual({ sent: 0, retried: 1, failed: 0 });
      at += 7 * 60 * 60 * 1000;
    }
    expect(await deliverDueMessages({ now: () => new Date(at) })).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(messagesOf(learner.id)[0]).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
  });
});
