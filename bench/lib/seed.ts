import Database from "better-sqlite3";
import { assignmentModules, assignments, enrolments, groupMembers, groups, groupTrainers, lessonProgress, quizAttempts, users } from "#db/schema";
import type { Course } from "~/content/loader.server";
import { hashPassword } from "~/models/users.server";
import { databaseFile, openDatabase } from "~/utils/db.server";

export const LEARNER_PASSWORD = "bench-learner-2026";

export type SeededUser = { id: number; email: string; password: string };

/**
 * Creates the database in `dataDir` (migrated, as the server would), or adds to the one there,
 * `count` learners (emails `<prefix>0001@bench.trag.test`, …).
 * argon2 costs tens of milliseconds a hash, so the password is hashed once and every learner
 * gets that hash; logging in still verifies it for real.
 */
export async function seedLearners(dataDir: string, count: number, prefix = "learner"): Promise<SeededUser[]> {
  const db = openDatabase(databaseFile(dataDir));
  const passwordHash = await hashPassword(LEARNER_PASSWORD);
  const rows = Array.from({ length: count }, (_, i) => ({
    email: `${prefix}${String(i + 1).padStart(4, "0")}@bench.trag.test`,
    fullName: `Bench Learner ${i + 1}`,
    passwordHash,
    institutionType: "other" as const,
    language: "en" as const,
    role: "learner" as const,
  }));
  const created = db.$client.transaction(() => rows.map((row) => db.insert(users).values(row).returning({ id: users.id }).get()))();
  db.$client.close();
  return created.map((row, i) => ({ id: row.id, email: rows[i].email, password: LEARNER_PASSWORD }));
}

/** Reads the bench database (read-only, beside the running server) to check what the load wrote. */
export function countRows(dataDir: string, sql: string, ...params: unknown[]): number {
  const db = new Database(databaseFile(dataDir), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare(sql).get(...params) as Record<string, number>;
    return Number(Object.values(row)[0]);
  } finally {
    db.close();
  }
}

export const TRAINER_PASSWORD = "bench-trainer-2026";

/**
 * The trainer_grid scenario's data: a trainer with a group of `learners` members (their own
 * accounts, not the other scenarios'), every module of `course` assigned in two assignments
 * (one due last week, one next week), and progress spread the way a real group's is: per learner
 * and module a share of the lessons done, and for about half of them quiz attempts, passed,
 * failed or one still running. Deterministic (a fixed pseudo-random sequence).
 */
export async function seedTrainerGroup(dataDir: string, course: Course, learners: number) {
  const db = openDatabase(databaseFile(dataDir));
  const [trainerHash, learnerHash] = await Promise.all([hashPassword(TRAINER_PASSWORD), hashPassword(LEARNER_PASSWORD)]);
  let state = 20260220;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const now = Date.now();
  const DAY = 24 * 60 * 60 * 1000;
  const institutions = ["police", "prosecution", "court", "labour-inspectorate", "social-care", "civil-society", "other"] as const;
  const trainer = db.$client.transaction(() => {
    const trainer = db
      .insert(users)
      .values({ email: "trainer@bench.trag.test", fullName: "Bench Trainer", passwordHash: trainerHash, institutionType: "other", language: "sr-Latn", role: "trainer" })
      .returning({ id: users.id })
      .get();
    const group = db.insert(groups).values({ name: "Beograd, 20. februar 2024", joinCode: "BENCHGRID", createdBy: trainer.id }).returning({ id: groups.id }).get();
    db.insert(groupTrainers)
      .values({ groupId: group.id, userId: trainer.id, addedAt: new Date(now) })
      .run();
    const half = Math.ceil(course.modules.length / 2);
    for (const [index, modules] of [course.modules.slice(0, half), course.modules.slice(half)].entries()) {
      const assignment = db
        .insert(assignments)
        .values({ groupId: group.id, courseId: course.id, dueAt: new Date(now + (index === 0 ? -7 : 7) * DAY), createdBy: trainer.id })
        .returning({ id: assignments.id })
        .get();
      for (const module of modules) db.insert(assignmentModules).values({ assignmentId: assignment.id, moduleId: module.id }).run();
    }
    for (let i = 0; i < learners; i++) {
      const learner = db
        .insert(users)
        .values({
          email: `grid${String(i + 1).padStart(4, "0")}@bench.trag.test`,
          fullName: `Polaznik ${String(i + 1).padStart(4, "0")} Šćepanović`,
          passwordHash: learnerHash,
          institutionType: institutions[i % institutions.length],
          language: "sr-Latn",
          role: "learner",
        })
        .returning({ id: users.id })
        .get();
      db.insert(groupMembers)
        .values({ groupId: group.id, userId: learner.id, joinedAt: new Date(now - 30 * DAY) })
        .run();
      let visited = false;
      for (const module of course.modules) {
        const done = Math.floor(random() * (module.lessons.length + 1));
        for (const lesson of module.lessons.slice(0, done)) {
          db.insert(lessonProgress)
            .values({ userId: learner.id, courseId: course.id, lessonId: lesson.id, completedAt: new Date(now - random() * 20 * DAY) })
            .run();
          visited = true;
        }
        if (!module.bank || random() < 0.5) continue;
        const tries = 1 + Math.floor(random() * module.quizSettings.maxAttempts);
        for (let number = 1; number <= tries; number++) {
          const startedAt = now - random() * 10 * DAY;
          const last = number === tries;
          const status = last && random() < 0.1 ? "in-progress" : last && random() < 0.7 ? "passed" : "failed";
          db.insert(quizAttempts)
            .values({
              userId: learner.id,
              courseId: course.id,
              moduleId: module.id,
              number,
              contentVersion: course.version,
              seed: number,
              questionIds: [],
              optionOrder: {},
              startedAt: new Date(startedAt),
              finishedAt: status === "in-progress" ? null : new Date(startedAt + 15 * 60_000),
              status,
              scorePercent: status === "in-progress" ? null : status === "passed" ? 70 + Math.round(random() * 30) : Math.round(random() * 69),
              snapshot: {},
            })
            .run();
        }
      }
      if (visited)
        db.insert(enrolments)
          .values({ userId: learner.id, courseId: course.id, startedAt: new Date(now - 25 * DAY), lastVisitedAt: new Date(now - random() * 5 * DAY) })
          .run();
    }
    return { id: trainer.id, groupId: group.id };
  })();
  db.$client.close();
  return { id: trainer.id, email: "trainer@bench.trag.test", password: TRAINER_PASSWORD, groupId: trainer.groupId };
}
