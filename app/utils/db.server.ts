import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "#db/schema";
import { monthOf } from "~/statistics/months";
import { getEnv } from "./env.server";
import { makePrivateDir } from "./secrets.server";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS_DIR = path.resolve(process.cwd(), "db/migrations");

/**
 * Opens (creating if needed) a SQLite file with the pragmas Trag relies on, and migrates it.
 * The file is created 0600 in a 0700 folder (SQLite gives its -wal and -shm files the database
 * file's permissions); a file made earlier with wider permissions is narrowed.
 */
export function openDatabase(file: string): Db {
  makePrivateDir(path.dirname(file));
  fs.closeSync(fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_RDWR, 0o600));
  for (const existing of [file, `${file}-wal`, `${file}-shm`]) if (fs.existsSync(existing)) fs.chmodSync(existing, 0o600);
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 5000");
  // SQLite's lower() and LIKE fold ASCII only; names are Serbian (Šćepanović, Јелена).
  sqlite.function("unicode_lower", { deterministic: true }, (text: unknown) => (typeof text === "string" ? text.toLocaleLowerCase("sr") : text));
  // The Belgrade month (YYYY-MM) of an epoch-ms time: the statistics triggers file figures by it.
  sqlite.function("belgrade_month", { deterministic: true }, (at: unknown) => (typeof at === "number" || typeof at === "bigint" ? monthOf(Number(at)) : null));
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return db;
}

export function databaseFile(dataDir: string) {
  return path.resolve(dataDir, "trag.sqlite");
}

let db: Db | undefined;
export function getDb(): Db {
  db ??= openDatabase(databaseFile(getEnv().DATA_DIR));
  return db;
}

/**
 * Closes this process's connection (a serving process stopping). SQLite copies the WAL into the
 * database file first; the last connection to close removes the WAL file.
 */
export function closeDatabase() {
  if (!db) return;
  db.$client.close();
  db = undefined;
}

/**
 * A statement for a query that runs on every page, built and compiled once per database: drizzle
 * would otherwise build the SQL and SQLite compile it again on each call (bench/changes.md).
 * Values go in through `sql.placeholder`.
 */
export function preparedOnce<T>(build: (db: Db) => T): (target?: Db) => T {
  const statements = new WeakMap<Db, T>();
  return (target = getDb()) => {
    let statement = statements.get(target);
    if (statement === undefined) statements.set(target, (statement = build(target)));
    return statement;
  };
}

/** Runs `work` in one immediate transaction: all of its writes land, or none do. */
export function inTransaction<T>(work: (tx: Db) => T): T {
  const current = getDb();
  return current.$client.transaction(() => work(current)).immediate();
}
