import { describe, expect, test } from "vitest";
import { addDays, belgradeTime, digestWeek, reminderStage } from "./reminders.server";

/** A moment given as Belgrade wall-clock time in March 2030 (UTC+1). */
const belgrade = (day: string, time = "10:00") => new Date(`${day}T${time}:00+01:00`);

describe("reminder stages, by Belgrade calendar days", () => {
  const due = belgrade("2030-03-15", "23:59");
  const toldEarly = belgrade("2030-03-01");

  test("nothing before the three days, 'due' during them, 'overdue' from the day after for a week", () => {
    expect(reminderStage(belgrade("2030-03-11", "23:59"), due, toldEarly)).toBeNull();
    expect(reminderStage(belgrade("2030-03-12", "00:00"), due, toldEarly)).toBe("due");
    expect(reminderStage(belgrade("2030-03-15", "23:58"), due, toldEarly)).toBe("due");
    expect(reminderStage(belgrade("2030-03-16", "00:00"), due, toldEarly)).toBe("overdue");
    expect(reminderStage(belgrade("2030-03-22", "23:00"), due, toldEarly)).toBe("overdue");
    expect(reminderStage(belgrade("2030-03-23", "00:00"), due, toldEarly)).toBeNull();
  });

  test("no 'due' for a learner told of the assignment inside the three days (the notice gave the date)", () => {
    expect(reminderStage(belgrade("2030-03-13"), due, belgrade("2030-03-12", "08:00"))).toBeNull();
    expect(reminderStage(belgrade("2030-03-13"), due, belgrade("2030-03-11", "23:00"))).toBe("due");
    expect(reminderStage(belgrade("2030-03-16"), due, belgrade("2030-03-14"))).toBe("overdue");
  });

  test("a due time late in the evening in Belgrade is that day, though UTC has moved on", () => {
    const lateDue = new Date("2030-06-15T23:30:00+02:00"); // 21:30 UTC
    expect(belgradeTime(lateDue).day).toBe("2030-06-15");
    expect(reminderStage(new Date("2030-06-15T23:45:00+02:00"), lateDue, toldEarly)).toBe("due");
    expect(reminderStage(new Date("2030-06-16T00:05:00+02:00"), lateDue, toldEarly)).toBe("overdue");
  });
});

describe("the digest week", () => {
  test("starts on Monday at 07:00 Belgrade time and is named by its Monday", () => {
    expect(digestWeek(belgrade("2030-03-18", "06:59"))).toBeNull();
    expect(digestWeek(belgrade("2030-03-18", "07:00"))).toBe("2030-03-18");
    expect(digestWeek(belgrade("2030-03-20", "01:00"))).toBe("2030-03-18");
    expect(digestWeek(belgrade("2030-03-24", "23:59"))).toBe("2030-03-18");
    expect(digestWeek(belgrade("2030-03-25", "07:30"))).toBe("2030-03-25");
  });

  test("addDays crosses months and years", () => {
    expect(addDays("2030-03-01", -3)).toBe("2030-02-26");
    expect(addDays("2030-12-30", 3)).toBe("2031-01-02");
  });
});
