import { describe, expect, test } from "vitest";
import { ROLES } from "~/accounts/constants";
import { hasPermission, PERMISSIONS, type Permission } from "./permissions";

describe("the role → permission map", () => {
  test("is exactly this", () => {
    expect(PERMISSIONS).toEqual({
      learner: ["course:study", "quiz:attempt", "certificate:own"],
      trainer: ["course:study", "quiz:attempt", "certificate:own", "group:manage", "progress:read-group"],
      reviewer: ["course:study", "quiz:attempt", "certificate:own", "statistics:read"],
      admin: ["course:study", "quiz:attempt", "certificate:own", "group:manage", "progress:read-group", "statistics:read", "user:manage", "certificate:revoke", "audit:read"],
    });
  });

  test("covers every role, and every role can study", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...ROLES].sort());
    for (const role of ROLES) {
      for (const permission of PERMISSIONS.learner) expect(hasPermission(role, permission), `${role} ${permission}`).toBe(true);
    }
  });

  test("admin has every permission any role has", () => {
    const all = new Set<Permission>(Object.values(PERMISSIONS).flat());
    for (const permission of all) expect(hasPermission("admin", permission), permission).toBe(true);
  });

  test.each([
    ["learner", "user:manage", false],
    ["learner", "group:manage", false],
    ["learner", "statistics:read", false],
    ["trainer", "group:manage", true],
    ["trainer", "progress:read-group", true],
    ["trainer", "statistics:read", false],
    ["trainer", "user:manage", false],
    ["reviewer", "statistics:read", true],
    ["reviewer", "group:manage", false],
    ["reviewer", "user:manage", false],
    ["admin", "user:manage", true],
    ["admin", "certificate:revoke", true],
    ["trainer", "certificate:revoke", false],
  ] as const)("%s may %s: %s", (role, permission, allowed) => {
    expect(hasPermission(role, permission)).toBe(allowed);
  });

  test("only admins manage users and revoke certificates", () => {
    for (const permission of ["user:manage", "certificate:revoke"] as const) {
      expect(ROLES.filter((role) => hasPermission(role, permission))).toEqual(["admin"]);
    }
  });
});
