import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";

// The layers in .dependency-cruiser.cjs, checked with dependency-cruiser's own command line.
const ROOT = path.resolve(".");
const DEPCRUISE = path.join(ROOT, "node_modules/.bin/depcruise");

type Violation = { rule: { name: string }; from: string; to: string };

function violations(cwd: string): Violation[] {
  let stdout: string;
  try {
    stdout = execFileSync(DEPCRUISE, ["app", "db", "--config", path.join(ROOT, ".dependency-cruiser.cjs"), "--output-type", "json"], { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    // It exits non-zero when it finds errors; the report is still on stdout. Anything else is a failure of its own.
    const failed = error as { stdout: string; stderr: string };
    if (!failed.stdout) throw new Error(`depcruise gave no report: ${failed.stderr}`);
    stdout = failed.stdout;
  }
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

/** A throwaway tree with the app's tsconfig and the given files. */
function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trag-architecture-"));
  fs.copyFileSync(path.join(ROOT, "tsconfig.json"), path.join(dir, "tsconfig.json"));
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

// Each check starts dependency-cruiser over the whole tree: seconds of work, more on a busy machine.
describe("the architecture", { timeout: 120_000 }, () => {
  test("the tree obeys every rule", () => {
    expect(violations(ROOT).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });

  test("each rule catches the import it forbids, and lets type-only imports through", () => {
    const dir = tree({
      "db/schema.ts": `import { helper } from "../app/utils/helper";\nimport { ROLES } from "../app/accounts/constants";\nexport const x = [helper, ROLES];\n`,
      "app/accounts/constants.ts": `export const ROLES = ["learner"];\n`,
      "app/utils/helper.ts": `export const helper = 1;\n`,
      "app/utils/db.server.ts": `export function getDb() { return 1; }\n`,
      "app/models/users.server.ts": `import { getDb } from "~/utils/db.server";\nexport type User = { id: number };\nexport const findUser = () => getDb();\n`,
      "app/routes/page.tsx": `import { getDb } from "~/utils/db.server";\nimport { x } from "#db/schema";\nexport const y = [getDb, x];\n`,
      "app/components/card.tsx": `import { findUser } from "~/models/users.server";\nimport type { User } from "~/models/users.server";\nexport const z: [unknown, User?] = [findUser];\n`,
      "app/content/loader.server.ts": `import { findUser } from "~/models/users.server";\nexport const w = findUser;\n`,
      "app/quiz/quiz.machine.ts": `import fs from "node:fs";\nimport { helper } from "~/utils/helper";\nexport const m = [fs, helper];\n`,
      "app/quiz/service.server.ts": `import { getDb } from "~/utils/db.server";\nexport const s = getDb;\n`,
    });
    try {
      const found = violations(dir).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
      expect(found.sort()).toEqual(
        [
          "components-no-server: app/components/card.tsx → app/models/users.server.ts",
          "content-no-database: app/content/loader.server.ts → app/models/users.server.ts",
          "db-no-app: db/schema.ts → app/utils/helper.ts",
          "models-only-query: app/quiz/service.server.ts → app/utils/db.server.ts",
          "models-only-query: app/routes/page.tsx → app/utils/db.server.ts",
          "quiz-machine-pure: app/quiz/quiz.machine.ts → app/utils/helper.ts",
          "quiz-machine-pure: app/quiz/quiz.machine.ts → fs",
          "routes-no-database: app/routes/page.tsx → app/utils/db.server.ts",
          "routes-no-database: app/routes/page.tsx → db/schema.ts",
        ].sort(),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
