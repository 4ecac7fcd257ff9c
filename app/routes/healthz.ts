import { getCourses } from "~/content/courses.server";
import { isDatabaseReachable } from "~/models/health.server";

export function loader() {
  if (!isDatabaseReachable()) {
    return Response.json({ status: "error", db: "unreachable", courses: 0 }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
  return Response.json({ status: "ok", db: "ok", courses: getCourses().length }, { headers: { "Cache-Control": "no-store" } });
}
