import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";

// What `npm start` does before serving (scripts/prepare.ts), run as a process: it refuses to
// start with a clear message. (prepare, not start.ts, so that no build is triggered.) Run as
// scripts/start.js runs it (scripts/run-prepare.js): `node --import tsx`, without npx's and tsx's
// own processes, which cost more CPU than the script itself.
function prepareWith(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/prepare.ts"], {
    encoding: "utf8",
    env: { ...process.env, TRAG_DEMO: "0", ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("starting the server", () => {
  test("a bad PORT and TRAG_DEMO stop it with one message naming both", () => {
    const result = prepareWith({ PORT: "eighty", TRAG_DEMO: "perhaps" });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe("Invalid configuration:\n  PORT: must be a port number\n  TRAG_DEMO: must be 1 or 0 (or true/false, yes/no, on/off)");
  });

  test("a WEB_CONCURRENCY that is not a number of processes stops it", () => {
    const result = prepareWith({ WEB_CONCURRENCY: "zero" });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe("Invalid configuration:\n  WEB_CONCURRENCY: must be a whole number of processes, 1 or more");
  });

  test("invalid course content stops it with every problem as file:line: message", () => {
    const result = prepareWith({ COURSES_DIR: "tests/fixtures/broken/yaml-syntax" });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      "Course content is invalid; the server will not start until it is fixed:\n" +
        "tests/fixtures/broken/yaml-syntax/course/sources.yaml:5: YAML: Nested mappings are not allowed in compact mappings",
    );
  });

  test("valid configuration and content: migrates the database and loads the courses", () => {
    const result = prepareWith({});
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Database ready: ${process.env.DATA_DIR}/trag.sqlite`);
    expect(result.stdout).toContain("Courses loaded: fixture-course (2 modules)");
  });
});
