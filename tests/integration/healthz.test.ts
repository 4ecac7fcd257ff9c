import { describe, expect, test } from "vitest";
import * as healthz from "~/routes/healthz";
import { getDb } from "~/utils/db.server";
import { settle } from "../helpers/http";

describe("GET /healthz", () => {
  test("reports the database and the number of courses", async () => {
    const result = await settle(() => healthz.loader());
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ status: "ok", db: "ok", courses: 1 });
    expect(result.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(result.headers.get("Cache-Control")).toBe("no-store");
  });

  // Last in this file: it leaves the file's database closed.
  test("is a 503 when the database cannot be used", async () => {
    getDb().$client.close();
    const result = await settle(() => healthz.loader());
    expect(result.status).toBe(503);
    expect(result.data).toEqual({ status: "error", db: "unreachable", courses: 0 });
    expect(result.headers.get("Cache-Control")).toBe("no-store");
  });
});
