import Database from "better-sqlite3";
import { users } from "#db/schema";
import { hashPassword } from "~/models/users.server";
import { databaseFile, openDatabase } from "~/utils/db.server";

export const LEARNER_PASSWORD = "bench-learner-2026";

export type SeededUser = { id: number; email: string; password: string };

/**
 * Creates the database in `dataDir` (migrated, as the server would) with `count` learners.
 * argon2 costs tens of milliseconds a hash, so the password is hashed once and every learner
 * gets that hash; logging in still verifies it for real.
 */
export async function seedLearners(dataDir: string, count: number): Promise<SeededUser[]> {
  const db = openDatabase(databaseFile(dataDir));
  const passwordHash = await hashPassword(LEARNER_PASSWORD);
  const rows = Array.from({ length: count }, (_, i) => ({
    email: `learner${String(i + 1).padStart(4, "0")}@bench.trag.test`,
    fullName: `Bench Learner ${i + 1}`,
    passwordHash,
    institutionType: "other" as const,
    language: "en" as const,
    role: "learner" as const,
  }));
  const created = db.$client.transaction(() => rows.map((row) => db.insert(users).values(row).returning({ id: users.id }).get()))();
  db.$client.close();
  return created.map((row, i) => ({ id: row.id, email: rows[i].email, password: LEARNER_PASSWORD }));
}

/** Reads the bench database (read-only, beside the running server) to check what the load wrote. */
export function countRows(dataDir: string, sql: string, ...params: unknown[]): number {
  const db = new Database(databaseFile(dataDir), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare(sql).get(...params) as Record<string, number>;
    return Number(Object.values(row)[0]);
  } finally {
    db.close();
  }
}
