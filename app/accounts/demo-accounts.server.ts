import { createUser, findUserByEmail } from "~/models/users.server";
import type { Role } from "~/utils/permissions";

/** Demo accounts, listed in README.md. Only created in demo mode. */
export const DEMO_ACCOUNTS: Array<{ email: string; password: string; fullName: string; role: Role }> = [
  { email: "learner@trag.test", password: "learner-demo-2026", fullName: "Jelena Petrović", role: "learner" },
  { email: "trainer@trag.test", password: "trainer-demo-2026", fullName: "Marko Nikolić", role: "trainer" },
  { email: "reviewer@trag.test", password: "reviewer-demo-2026", fullName: "Ana Jovanović", role: "reviewer" },
  { email: "admin@trag.test", password: "admin-demo-2026", fullName: "Đorđe Šćepanović", role: "admin" },
];

/** Creates the demo accounts that do not exist yet; returns how many were created. */
export async function seedDemoAccounts(): Promise<number> {
  let created = 0;
  for (const account of DEMO_ACCOUNTS) {
    if (findUserByEmail(account.email)) continue;
    await createUser({ ...account, institutionType: "other", language: "en", emailVerifiedAt: new Date() });
    created++;
  }
  return created;
}
