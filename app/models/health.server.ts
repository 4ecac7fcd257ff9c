import { sql } from "drizzle-orm";
import { getDb } from "~/utils/db.server";

/** True when the database opens and answers a trivial query. */
export function isDatabaseReachable(): boolean {
  try {
    getDb().get(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
