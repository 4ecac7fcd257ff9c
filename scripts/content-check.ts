import path from "node:path";
import { formatProblems } from "~/content/courses.server";
import { loadCourses } from "~/content/loader.server";
import { describeQuizBalance, listQuizShortfalls, quizBalance } from "~/content/quiz-balance.server";
import { contentStatistics } from "~/content/statistics.server";
import { checkTerminology } from "~/content/terminology.server";

const json = process.argv.includes("--json");
const dir = path.resolve(process.env.COURSES_DIR ?? "courses");
const { courses, problems } = loadCourses(dir);
for (const course of courses) problems.push(...checkTerminology(course.directory, course.glossary));

if (problems.length > 0) {
  console.error(formatProblems(problems));
  console.error(`\n${problems.length} problem${problems.length === 1 ? "" : "s"} found.`);
  process.exit(1);
}

const shortfalls = listQuizShortfalls(courses);
if (json) console.log(JSON.stringify(contentStatistics(courses), null, 2));
else {
  console.log(`Content is valid: ${courses.length} course${courses.length === 1 ? "" : "s"}, ${courses.reduce((n, c) => n + c.modules.length, 0)} modules.`);
  for (const course of courses) {
    console.log(`\nQuiz balance, ${course.id}:`);
    for (const module of course.modules) if (module.bank) console.log(`  ${module.folder}: ${describeQuizBalance(quizBalance(module.bank))}`);
  }
}
if (shortfalls.length > 0) {
  console.error(`\nQuiz balance problems (${shortfalls.length}):\n${shortfalls.map((s) => `  ${s}`).join("\n")}`);
  process.exit(1);
}
