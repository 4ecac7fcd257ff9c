import { beforeAll, describe, expect, test } from "vitest";
import { assignmentModules, assignments } from "#db/schema";
import { effectiveDueAt, getLearnerAdjustment, getLearnerAdjustments, getQuizAllowance, listAdjustmentHistory, recordAdjustment } from "~/models/adjustments.server";
import { addGroupMember, createGroup, removeGroupMember, setGroupArchived } from "~/models/groups.server";
import { getDb } from "~/utils/db.server";
import { createTestUser, type TestUser } from "../helpers/auth";

const GROUP = { description: "", workshopDate: null, workshopPlace: null, startsOn: null, endsOn: null };
const DUE = new Date("2026-03-01T22:59:59.999Z");

let trainer: TestUser;
let learner: TestUser;

function createAssignment(groupId: number, moduleIds: string[]) {
  const db = getDb();
  const assignment = db.insert(assignments).values({ groupId, courseId: "fixture-course", dueAt: DUE, note: "", createdBy: trainer.id }).returning().get();
  for (const moduleId of moduleIds) db.insert(assignmentModules).values({ assignmentId: assignment.id, moduleId }).run();
  return assignment;
}

beforeAll(async () => {
  trainer = await createTestUser({ role: "trainer" });
  learner = await createTestUser();
});

describe("the adjustments model", () => {
  test("the latest change per learner is in force, earlier ones are history with who and when", () => {
    const group = createGroup({ ...GROUP, name: "Adjusted" }, trainer.id, new Date());
    addGroupMember(group.id, learner.id, new Date());
    const assignment = createAssignment(group.id, ["timed"]);
    expect(getLearnerAdjustments(group.id).size).toBe(0);
    const later = new Date("2026-03-08T22:59:59.999Z");
    recordAdjustment({ assignmentId: assignment.id, userId: learner.id, dueAt: later, extraAttempts: 1, extraMinutes: 0, changedBy: trainer.id, changedAt: new Date("2026-02-01T10:00:00Z") });
    recordAdjustment({
      assignmentId: assignment.id,
      userId: learner.id,
      dueAt: later,
      extraAttempts: 2,
      extraMinutes: 15,
      changedBy: trainer.id,
      changedAt: new Date("2026-02-02T10:00:00Z"),
    });

    const inForce = getLearnerAdjustments(group.id).get(assignment.id)?.get(learner.id);
    expect(inForce).toMatchObject({ extraAttempts: 2, extraMinutes: 15, dueAt: later, changedBy: trainer.id, changedByName: trainer.fullName, changedAt: new Date("2026-02-02T10:00:00Z") });
    expect(getLearnerAdjustment(assignment.id, learner.id)).toEqual(inForce);
    expect(listAdjustmentHistory(assignment.id, learner.id).map((row) => row.extraAttempts)).toEqual([2, 1]);
    expect(effectiveDueAt(assignment, inForce)).toEqual(later);
    expect(effectiveDueAt(assignment, undefined)).toEqual(DUE);

    expect(getQuizAllowance(learner.id, "fixture-course", "timed")).toEqual({ extraAttempts: 2, extraMinutes: 15 });
    expect(getQuizAllowance(learner.id, "fixture-course", "basics")).toEqual({ extraAttempts: 0, extraMinutes: 0 });

    // Out of the group, or the group archived: nothing granted there holds any more.
    setGroupArchived(group.id, new Date());
    expect(getQuizAllowance(learner.id, "fixture-course", "timed")).toEqual({ extraAttempts: 0, extraMinutes: 0 });
    setGroupArchived(group.id, null);
    removeGroupMember(group.id, learner.id);
    expect(getQuizAllowance(learner.id, "fixture-course", "timed")).toEqual({ extraAttempts: 0, extraMinutes: 0 });
  });

  test("two groups granting the same module give the largest grant, not the sum", async () => {
    const first = createGroup({ ...GROUP, name: "First" }, trainer.id, new Date());
    const second = createGroup({ ...GROUP, name: "Second" }, trainer.id, new Date());
    const user = await createTestUser();
    for (const group of [first, second]) addGroupMember(group.id, user.id, new Date());
    const a = createAssignment(first.id, ["timed"]);
    const b = createAssignment(second.id, ["timed", "basics"]);
    recordAdjustment({ assignmentId: a.id, userId: user.id, dueAt: null, extraAttempts: 1, extraMinutes: 20, changedBy: trainer.id, changedAt: new Date() });
    recordAdjustment({ assignmentId: b.id, userId: user.id, dueAt: null, extraAttempts: 3, extraMinutes: 5, changedBy: trainer.id, changedAt: new Date() });
    expect(getQuizAllowance(user.id, "fixture-course", "timed")).toEqual({ extraAttempts: 3, extraMinutes: 20 });
    expect(getLearnerAdjustments(first.id).get(b.id)).toBeUndefined();
  });
});
