/**
 * `npm run backup` and `npm run restore` as processes (scripts/backup.ts, scripts/restore.ts): a
 * backup taken while this process keeps writing restores into a fresh DATA_DIR with the same
 * contents as the database had at one moment; files are 0600; a restore refuses a database in use.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mailRequests } from "#db/schema";
import { databaseFile, getDb } from "~/utils/db.server";
import { hashClientAddress, keyedHash, readOrCreateSecret } from "~/utils/secrets.server";
import { createTestUser } from "../helpers/auth";

const DATA_DIR = process.env.DATA_DIR!;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "trag-backup-test-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** Runs a script the way `npm run` does (tsx), without blocking this process's event loop. */
function run(script: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

const mode = (file: string) => fs.statSync(file).mode & 0o777;

function contents(file: string) {
  const db = new Database(file, { readonly: true });
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  // Some tables have no rowid (virtual tables, WITHOUT ROWID): rows are compared in a fixed order of their own.
  const rowsOf = (table: string) => (db.prepare(`SELECT * FROM "${table}"`).all() as object[]).map((row) => JSON.stringify(row)).sort();
  const result: Record<string, unknown[]> = Object.fromEntries(tables.map((table) => [table, rowsOf(table)]));
  result.mail_requests = db.prepare("SELECT * FROM mail_requests ORDER BY id").all();
  db.close();
  return result;
}

beforeAll(async () => {
  await createTestUser({ fullName: "Backup Person" });
  // Enough rows that copying them takes a while, and every secret DATA_DIR can hold.
  const insert = getDb().$client.prepare("INSERT INTO mail_requests (client_key, requested_at) VALUES (?, ?)");
  getDb().$client.transaction(() => {
    for (let i = 0; i < 30_000; i++) insert.run(`seed-${i}-${"x".repeat(100)}`, i);
  })();
  hashClientAddress("192.0.2.1", DATA_DIR);
  keyedHash("test", "value");
  readOrCreateSecret(DATA_DIR, "session-secret");
});

// Each test runs the CLI scripts several times, each a tsx process that opens and migrates a database: five of them
// took 30 s on Node 24 beside the e2e suite in CI, so the tests get the time a loaded machine needs.
describe("backup and restore", { timeout: 120_000 }, () => {
  test("a backup taken during writes restores into a fresh DATA_DIR as the database stood at one moment", async () => {
    const file = path.join(scratch, "trag.backup");
    const backup = run("scripts/backup.ts", ["--", file]);
    let finished = false;
    void backup.then(() => (finished = true));
    let written = 0;
    // Keep writing, one row per turn of the event loop, until the backup process has exited.
    while (!finished) {
      getDb()
        .insert(mailRequests)
        .values({ clientKey: "during", requestedAt: new Date(written) })
        .run();
      written += 1;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const result = await backup;
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(written).toBeGreaterThan(0);
    expect(mode(file)).toBe(0o600);

    const fresh = path.join(scratch, "fresh-data");
    const restored = await run("scripts/restore.ts", ["--", file], { DATA_DIR: fresh });
    expect(restored.stderr).toBe("");
    expect(restored.code).toBe(0);
    expect(mode(fresh)).toBe(0o700);
    expect(mode(databaseFile(fresh))).toBe(0o600);
    for (const secret of ["session-secret", "hash-key", "address-key"]) {
      expect(fs.readFileSync(path.join(fresh, secret)), secret).toEqual(fs.readFileSync(path.join(DATA_DIR, secret)));
      expect(mode(path.join(fresh, secret)), secret).toBe(0o600);
    }

    const check = new Database(databaseFile(fresh), { readonly: true });
    expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
    check.close();
    const copy = contents(databaseFile(fresh));
    const live = contents(databaseFile(DATA_DIR));
    // The rows written during the backup: those before its moment are in the copy, none after.
    const copied = (copy.mail_requests as { id: number }[]).length;
    expect(copied).toBeGreaterThanOrEqual(30_000);
    expect(copy.mail_requests).toEqual((live.mail_requests as { id: number }[]).slice(0, copied));
    const { mail_requests: _copied, sqlite_sequence: copySequence, ...copyRest } = copy;
    const { mail_requests: _live, sqlite_sequence: liveSequence, ...liveRest } = live;
    expect(Object.keys(copyRest).length).toBeGreaterThan(20);
    expect(copyRest).toEqual(liveRest);
    const names = (rows: unknown[]) => rows.map((row) => JSON.parse(row as string).name).sort();
    expect(names(copySequence)).toEqual(names(liveSequence));
  });

  test("restore refuses a database in use, and replaces one only with --yes", async () => {
    const file = path.join(scratch, "again.backup");
    expect((await run("scripts/backup.ts", ["--", file])).code).toBe(0);
    // This process has DATA_DIR's database open, as a running server would.
    const inUse = await run("scripts/restore.ts", ["--", file, "--yes"]);
    expect(inUse.code).toBe(1);
    expect(inUse.stderr).toContain("is open in another process");
    const unconfirmed = await run("scripts/restore.ts", ["--", file]);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain("run again with --yes");

    const other = path.join(scratch, "other-data");
    expect((await run("scripts/restore.ts", ["--", file], { DATA_DIR: other })).code).toBe(0);
    const replaced = await run("scripts/restore.ts", ["--", file, "--yes"], { DATA_DIR: other });
    expect(replaced.stderr).toBe("");
    expect(replaced.code).toBe(0);
    expect(fs.readdirSync(other).filter((name) => name.startsWith("trag.sqlite.before-restore-"))).toHaveLength(1);
  });

  test("backup refuses to overwrite a file; restore refuses a file that is not a backup", async () => {
    const existing = path.join(scratch, "existing");
    fs.writeFileSync(existing, "keep me");
    const overwrite = await run("scripts/backup.ts", ["--", existing]);
    expect(overwrite.code).toBe(1);
    expect(fs.readFileSync(existing, "utf8")).toBe("keep me");
    const notBackup = await run("scripts/restore.ts", ["--", existing], { DATA_DIR: path.join(scratch, "never") });
    expect(notBackup.code).toBe(1);
    expect(notBackup.stderr).toContain("is not a usable backup");
    expect(fs.existsSync(path.join(scratch, "never", "trag.sqlite"))).toBe(false);
  });
});
