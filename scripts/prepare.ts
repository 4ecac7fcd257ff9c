import { formatProblems } from "~/content/courses.server";
import { loadCourses } from "~/content/loader.server";
import { databaseFile } from "~/utils/db.server";
import { rebuildLearnerStatisticsIfMissing } from "~/models/learner-statistics.server";
import { inTransaction } from "~/models/transaction.server";
import { parseEnv, type Env } from "~/utils/env.server";
import { seedDemoAccounts } from "~/accounts/demo-accounts.server";
import { syncSearchIndex } from "~/search/index.server";
import { getIssuer } from "~/certificates/issuer.server";
import { readOrCreateSecret } from "~/utils/secrets.server";
import fs from "node:fs";
import path from "node:path";
import { fail } from "./fail";
import { pathToFileURL } from "node:url";

/** Everything `npm start` does before serving: configuration, migrations, content, demo data. */
export async function prepare(): Promise<Env> {
  let env: Env;
  try {
    env = parseEnv();
  } catch (error) {
    fail((error as Error).message);
  }
  const { courses, problems } = loadCourses(path.resolve(env.COURSES_DIR));
  if (problems.length > 0) fail(`Course content is invalid; the server will not start until it is fixed:\n${formatProblems(problems)}`);
  if (inTransaction((tx) => rebuildLearnerStatisticsIfMissing(tx, courses))) console.log("Statistics summaries rebuilt from the recorded activity.");
  console.log(`Database ready: ${databaseFile(env.DATA_DIR)}`);
  console.log(`Courses loaded: ${courses.map((c) => `${c.id} (${c.modules.length} modules)`).join(", ")}`);
  const started = performance.now();
  const indexed = syncSearchIndex(courses);
  console.log(indexed.length > 0 ? `Search index built for ${indexed.join(", ")} in ${Math.round(performance.now() - started)} ms` : "Search index up to date");
  if (!env.SESSION_SECRET) readOrCreateSecret(env.DATA_DIR, "session-secret");
  const issuer = await getIssuer(env);
  console.log(`Certificate issuer: ${issuer.id}`);
  if (env.TRAG_DEMO) {
    const created = await seedDemoAccounts();
    console.log(`Demo mode is on${created ? `: created ${created} demo accounts` : ""} (see README.md; TRAG_DEMO=0 turns it off).`);
  }
  return env;
}

/** The settings scripts/start.js needs, written as JSON to file descriptor 3 (start.js opens it as a pipe). */
const SETTINGS_FLAG = "--settings-to-fd-3";

// Run on its own by scripts/start.js, so that no serving process holds what preparing loads.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  void prepare().then((env) => {
    if (process.argv.includes(SETTINGS_FLAG)) fs.writeSync(3, JSON.stringify({ PORT: env.PORT, PUBLIC_URL: env.PUBLIC_URL, WEB_CONCURRENCY: env.WEB_CONCURRENCY, TRUST_PROXY: env.TRUST_PROXY }));
  });
}
