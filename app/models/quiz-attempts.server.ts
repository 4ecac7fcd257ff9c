import { and, asc, desc, eq, sql } from "drizzle-orm";
import { quizAnswers, quizAttempts, users } from "#db/schema";
import { preparedOnce, type Db } from "~/utils/db.server";

export type AttemptRow = typeof quizAttempts.$inferSelect;
export type AnswerRow = typeof quizAnswers.$inferSelect;

// Both run for every answer, the second under the write lock.
const attemptById = preparedOnce((db) =>
  db
    .select()
    .from(quizAttempts)
    .where(eq(quizAttempts.id, sql.placeholder("id")))
    .prepare(),
);
const answerInsert = preparedOnce((db) =>
  db
    .insert(quizAnswers)
    .values({
      attemptId: sql.placeholder("attemptId"),
      questionId: sql.placeholder("questionId"),
      response: sql.placeholder("response"),
      score: sql.placeholder("score"),
      answeredAt: sql.placeholder("answeredAt"),
    })
    .prepare(),
);

export function findAttempt(db: Db, attemptId: number): AttemptRow | undefined {
  return attemptById(db).get({ id: attemptId });
}

export function listAttempts(db: Db, userId: number, courseId: string, moduleId: string): AttemptRow[] {
  return db
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.courseId, courseId), eq(quizAttempts.moduleId, moduleId)))
    .orderBy(asc(quizAttempts.number))
    .all();
}

/** Without a language, the attempt is in the learner's page language: their profile's (getLanguage in app/utils/i18n.server.ts). */
export function insertAttempt(db: Db, attempt: typeof quizAttempts.$inferInsert): AttemptRow {
  const language = attempt.language ?? sql`(select ${users.language} from ${users} where ${users.id} = ${attempt.userId})`;
  return db
    .insert(quizAttempts)
    .values({ ...attempt, language })
    .returning()
    .get();
}

export function updateAttempt(db: Db, attemptId: number, changes: Partial<Pick<AttemptRow, "snapshot" | "revision" | "status" | "scorePercent" | "finishedAt">>) {
  db.update(quizAttempts).set(changes).where(eq(quizAttempts.id, attemptId)).run();
}

export function insertAnswer(db: Db, answer: Omit<AnswerRow, "id">) {
  answerInsert(db).run(answer);
}

/** Every answer of an attempt, oldest first: the last one per question counts. */
export function listAnswers(db: Db, attemptId: number): AnswerRow[] {
  return db.select().from(quizAnswers).where(eq(quizAnswers.attemptId, attemptId)).orderBy(asc(quizAnswers.id)).all();
}

export function latestAnswers(db: Db, attemptId: number): Map<string, AnswerRow> {
  const latest = new Map<string, AnswerRow>();
  for (const row of listAnswers(db, attemptId)) latest.set(row.questionId, row);
  return latest;
}

export function lastAttempt(db: Db, userId: number, courseId: string, moduleId: string): AttemptRow | undefined {
  return db
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.courseId, courseId), eq(quizAttempts.moduleId, moduleId)))
    .orderBy(desc(quizAttempts.number))
    .get();
}
