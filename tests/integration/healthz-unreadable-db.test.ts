import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import * as healthz from "~/routes/healthz";
import { settle } from "../helpers/http";

// This file's DATA_DIR holds a "database" that is not one, before anything opens it.
test("GET /healthz is a 503 when the database file cannot be opened", async () => {
  fs.writeFileSync(path.join(process.env.DATA_DIR!, "trag.sqlite"), "this is not an SQLite database, just text that is long enough to be read as a header".repeat(20));
  const result = await settle(() => healthz.loader());
  expect(result.status).toBe(503);
  expect(result.data).toEqual({ status: "error", db: "unreachable", courses: 0 });
});
