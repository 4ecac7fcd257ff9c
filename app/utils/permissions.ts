import type { ROLES } from "~/accounts/constants";

export type Role = (typeof ROLES)[number];

const LEARNER = ["course:study", "quiz:attempt", "certificate:own"] as const;

/** The one place that says what each role may do. Checked on the server in every loader and action. */
export const PERMISSIONS = {
  learner: [...LEARNER],
  trainer: [...LEARNER, "group:manage", "progress:read-group"],
  reviewer: [...LEARNER, "statistics:read"],
  admin: [...LEARNER, "group:manage", "progress:read-group", "statistics:read", "user:manage", "certificate:revoke", "audit:read"],
} as const satisfies Record<Role, readonly string[]>;

export type Permission = (typeof PERMISSIONS)[Role][number];

export function hasPermission(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[role] as readonly string[]).includes(permission);
}
