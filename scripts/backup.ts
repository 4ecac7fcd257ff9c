/**
 * `npm run backup -- FILE`: an online backup of DATA_DIR into one new file (mode 0600), safe while
 * the server is serving: SQLite's backup API (better-sqlite3's `db.backup()`) copies the database
 * as it stood at one moment, and the server's writes go on meanwhile (WAL). DATA_DIR's secrets are
 * stored inside the copy (scripts/backup-file.ts). Restore with `npm run restore -- FILE`.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseFile } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { ALL_PAGES_AT_ONCE, readArguments, SECRET_FILES, SECRETS_TABLE } from "./backup-file";
import { fail } from "./fail";

const { file } = readArguments(process.argv.slice(2));
if (!file) fail("Usage: npm run backup -- FILE");
const destination = path.resolve(file);
if (fs.existsSync(destination)) fail(`${destination} exists already: choose a new file name.`);
if (!fs.existsSync(path.dirname(destination))) fail(`The folder ${path.dirname(destination)} does not exist.`);
const dataDir = path.resolve(getEnv().DATA_DIR);
const source = databaseFile(dataDir);
if (!fs.existsSync(source)) fail(`There is no database at ${source}.`);

// Every file this makes (the copy and SQLite's journal beside it) is for this system user only.
process.umask(0o077);
const partial = `${destination}.partial-${process.pid}`;
const live = new Database(source, { fileMustExist: true });
live.pragma("busy_timeout = 5000");
try {
  await live.backup(partial, ALL_PAGES_AT_ONCE);
} finally {
  live.close();
}

const copy = new Database(partial);
copy.pragma("journal_mode = DELETE");
copy.exec(`CREATE TABLE ${SECRETS_TABLE} (name TEXT PRIMARY KEY, content BLOB NOT NULL)`);
const kept = SECRET_FILES.filter((name) => fs.existsSync(path.join(dataDir, name)));
const insert = copy.prepare(`INSERT INTO ${SECRETS_TABLE} (name, content) VALUES (?, ?)`);
for (const name of kept) insert.run(name, fs.readFileSync(path.join(dataDir, name)));
const check = copy.pragma("integrity_check", { simple: true });
copy.close();
if (check !== "ok") {
  fs.rmSync(partial, { force: true });
  fail(`The copy failed its integrity check (${String(check)}); nothing was written.`);
}
fs.chmodSync(partial, 0o600);
fs.renameSync(partial, destination);
console.log(`Backed up ${source} and ${kept.length} secret file(s) (${kept.join(", ")}) to ${destination}.`);
