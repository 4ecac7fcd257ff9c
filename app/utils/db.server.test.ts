import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, test } from "vitest";
import { openDatabase } from "./db.server";

const mode = (file: string) => fs.statSync(file).mode & 0o777;
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trag-modes-"));
  made.push(dir);
  return dir;
}

test("the database, its WAL and shared-memory files are created 0600 in a 0700 folder, whatever the umask", () => {
  const previous = process.umask(0o022);
  try {
    const dataDir = path.join(tempDir(), "data");
    const file = path.join(dataDir, "trag.sqlite");
    const db = openDatabase(file);
    db.$client.exec("create table t (x); insert into t values (1);");
    expect(mode(dataDir)).toBe(0o700);
    for (const name of [file, `${file}-wal`, `${file}-shm`]) expect([name, mode(name)]).toEqual([name, 0o600]);
    db.$client.close();
  } finally {
    process.umask(previous);
  }
});

test("files and a folder made earlier with wider permissions are narrowed when opened", () => {
  const dataDir = tempDir();
  fs.chmodSync(dataDir, 0o755);
  const file = path.join(dataDir, "trag.sqlite");
  openDatabase(file).$client.close();
  fs.chmodSync(file, 0o644);
  openDatabase(file).$client.close();
  expect(mode(dataDir)).toBe(0o700);
  expect(mode(file)).toBe(0o600);
});
