import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { configureVerifierPool } from "~/certificates/verifier-pool.server";
import { TEST_VERIFIER_POOL } from "../helpers/verifier-pool";

// Each test file gets its own data folder; the app migrates a fresh SQLite file in it on first use.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trag-test-"));
process.env.DATA_DIR = dataDir;
process.env.COURSES_DIR = process.env.TEST_COURSES_DIR ?? path.resolve("tests/fixtures/courses");
process.env.TRAG_DEMO = "0";
process.env.PUBLIC_URL = "http://localhost:3000";

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
await configureVerifierPool(TEST_VERIFIER_POOL);
