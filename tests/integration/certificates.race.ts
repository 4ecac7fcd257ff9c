/**
 * Run by certificates.test.ts in two processes at once (node --import tsx), each with its own
 * connection to the test's database: it gets everything ready, prints "ready", waits for a line
 * on stdin and then makes the final submission that completes the course, printing the outcome.
 */
import readline from "node:readline";
import { findCourse, findModule } from "~/content/courses.server";
import { markLessonComplete } from "~/models/progress.server";
import { finishAttempt, QuizError } from "~/quiz/attempts.server";
import { getDb } from "~/utils/db.server";

type Task = { kind: "finish"; userId: number; courseId: string; moduleId: string; attemptId: number; revision: number } | { kind: "lesson"; userId: number; courseId: string; lessonId: string };

const task = JSON.parse(process.argv[2] ?? "{}") as Task;
const course = findCourse(task.courseId);
if (!course) throw new Error(`no course ${task.courseId}`);
getDb();

function run(): { ok: boolean; courseCompleted?: boolean; status?: number } {
  try {
    if (task.kind === "lesson") return { ok: true, courseCompleted: markLessonComplete(task.userId, course!, task.lessonId, new Date()).courseCompleted };
    const module = findModule(course!, task.moduleId)!;
    const result = finishAttempt({ userId: task.userId, course: course!, module }, task.attemptId, task.revision, new Date());
    return { ok: true, courseCompleted: result.courseCompleted };
  } catch (error) {
    if (error instanceof QuizError) return { ok: false, status: error.status };
    throw error;
  }
}

console.log("ready");
const lines = readline.createInterface({ input: process.stdin });
lines.once("line", () => {
  console.log(JSON.stringify(run()));
  lines.close();
  getDb().$client.close();
});
