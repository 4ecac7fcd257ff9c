import { sql } from "drizzle-orm";
import { getCourses } from "~/content/courses.server";
import { getDb } from "~/utils/db.server";

export function loader() {
  try {
    getDb().get(sql`select 1`);
  } catch {
    return Response.json({ status: "error", db: "unreachable", courses: 0 }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
  return Response.json({ status: "ok", db: "ok", courses: getCourses().length }, { headers: { "Cache-Control": "no-store" } });
}
