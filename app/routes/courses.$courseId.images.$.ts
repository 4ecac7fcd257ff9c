import fs from "node:fs/promises";
import path from "node:path";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCourse } from "~/content/courses.server";

const TYPES: Record<string, string> = { ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp" };

/** Serves a course's images; only files inside its images folder. */
export async function loader({ params }: LoaderFunctionArgs) {
  const course = requireCourse(params.courseId);
  const folder = path.join(course.directory, "images");
  const file = path.resolve(folder, params["*"] ?? "");
  const type = TYPES[path.extname(file).toLowerCase()];
  if (!file.startsWith(folder + path.sep) || !type) return new Response("errors.status.404.title", { status: 404 });
  try {
    const body = await fs.readFile(file);
    return new Response(body, { headers: { "Content-Type": type, "Cache-Control": "public, max-age=3600", "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'" } });
  } catch {
    return new Response("errors.status.404.title", { status: 404 });
  }
}
