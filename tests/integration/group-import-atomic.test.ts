import { count } from "drizzle-orm";
import { expect, test, vi } from "vitest";
import { groupMembers, mailMessages, users } from "#db/schema";
import { runGroupImport } from "~/groups/csv-import.server";
import { createGroup } from "~/models/groups.server";
import { getDb } from "~/utils/db.server";
import { createTestUser } from "../helpers/auth";

// The second invitation fails as if the disk were full: the import must leave nothing behind.
vi.mock("~/mail/notices.server", async (original) => {
  const actual = await original<typeof import("~/mail/notices.server")>();
  let calls = 0;
  return {
    ...actual,
    enqueueInvitation: (...args: Parameters<typeof actual.enqueueInvitation>) => {
      calls += 1;
      if (calls === 2) throw new Error("SQLITE_FULL: database or disk is full");
      return actual.enqueueInvitation(...args);
    },
  };
});

test("an import that fails part-way writes no account, membership or invitation", async () => {
  const trainer = await createTestUser({ role: "trainer" });
  const group = createGroup({ name: "Atomic", description: "", workshopDate: null, workshopPlace: null, startsOn: null, endsOn: null }, trainer.id, new Date());
  const db = getDb();
  const rows = () => ({
    users: db.select({ n: count() }).from(users).get()!.n,
    members: db.select({ n: count() }).from(groupMembers).get()!.n,
    mail: db.select({ n: count() }).from(mailMessages).get()!.n,
  });
  const before = rows();
  const csv = "name,email,institution\nPrva,prva@atomic.example,police\nDruga,druga@atomic.example,police\nTreća,treca@atomic.example,police\n";
  await expect(runGroupImport(group.id, new TextEncoder().encode(csv), new Date())).rejects.toThrow("SQLITE_FULL");
  expect(rows()).toEqual(before);
});
