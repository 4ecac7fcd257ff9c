/**
 * `npm run restore -- FILE [--yes]`: puts a backup made by `npm run backup` into DATA_DIR, the
 * database and its secrets (mode 0600, folder 0700). It refuses while any process (a running
 * server, a reminders run) has the database open, and it replaces an existing database only with
 * `--yes`; what it replaces is kept beside it as `<name>.before-restore-<time>`. The next start
 * migrates the restored database to the current schema.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseFile } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { makePrivateDir } from "~/utils/secrets.server";
import { ALL_PAGES_AT_ONCE, readArguments, SECRET_FILES, SECRETS_TABLE } from "./backup-file";
import { fail } from "./fail";

const { file, flags } = readArguments(process.argv.slice(2));
if (!file) fail("Usage: npm run restore -- FILE [--yes]");
const source = path.resolve(file);

let backup: Database.Database;
try {
  backup = new Database(source, { readonly: true, fileMustExist: true });
  if (backup.pragma("integrity_check", { simple: true }) !== "ok") throw new Error("integrity check failed");
} catch (error) {
  fail(`${source} is not a usable backup: ${(error as Error).message}`);
}
const tables = new Set(backup.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
if (!tables.has("users") || !tables.has(SECRETS_TABLE)) fail(`${source} is not a backup made by npm run backup.`);
const secrets = backup.prepare(`SELECT name, content FROM ${SECRETS_TABLE}`).all() as { name: string; content: Buffer }[];
if (secrets.some((secret) => !(SECRET_FILES as readonly string[]).includes(secret.name))) fail(`${source} holds unexpected files.`);

const dataDir = path.resolve(getEnv().DATA_DIR);
makePrivateDir(dataDir);
const target = databaseFile(dataDir);
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
if (fs.existsSync(target)) {
  if (!flags.has("--yes")) fail(`${target} exists. Stop the server, then run again with --yes to replace it (it is kept as ${path.basename(target)}.before-restore-…).`);
  // Leaving WAL mode needs every other connection closed: a server holding the database makes this fail at once.
  const probe = new Database(target, { fileMustExist: true });
  probe.pragma("busy_timeout = 0");
  try {
    probe.pragma("journal_mode = DELETE");
  } catch {
    fail(`${target} is open in another process (a running server?). Stop it and try again.`);
  } finally {
    probe.close();
  }
}

process.umask(0o077);
const partial = `${target}.restoring-${process.pid}`;
await backup.backup(partial, ALL_PAGES_AT_ONCE);
backup.close();
const copy = new Database(partial);
copy.pragma("journal_mode = DELETE");
copy.exec(`DROP TABLE ${SECRETS_TABLE}`);
copy.close();
fs.chmodSync(partial, 0o600);
if (fs.existsSync(target)) fs.renameSync(target, `${target}.before-restore-${stamp}`);
fs.renameSync(partial, target);
for (const { name, content } of secrets) {
  const secretFile = path.join(dataDir, name);
  if (fs.existsSync(secretFile)) {
    if (fs.readFileSync(secretFile).equals(content)) continue;
    fs.renameSync(secretFile, `${secretFile}.before-restore-${stamp}`);
  }
  fs.writeFileSync(secretFile, content, { mode: 0o600 });
}
console.log(`Restored ${source} into ${dataDir} (database and ${secrets.length} secret file(s)). Start the server to use it.`);
