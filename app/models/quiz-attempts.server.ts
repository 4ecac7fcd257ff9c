import { and, asc, desc, eq, sql } from "drizzle-orm";
import { quizAnswers, quizAttempts, users } from "#db/schema";
import { getDb, preparedOnce, type Db } from "~/utils/db.server";

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

export function findAttempt(attemptId: number): AttemptRow | undefined {
  return attemptById().get({ id: attemptId });
}

export function listAttempts(userId: number, courseId: string, moduleId: string): AttemptRow[] {
  return getDb()
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.courseId, courseId), eq(quizAttempts.moduleId, moduleId)))
    .orderBy(asc(quizAttempts.number))
    .all();
}

/**
 * Writes a new attempt in the caller's transaction (startAttempt's, which also records the module begun).
 * Without a language, the attempt is in the learner's page language: their profile's (getLanguage in app/utils/i18n.server.ts).
 */
export function insertAttempt(tx: Db, attempt: typeof quizAttempts.$inferInsert): AttemptRow {
  const language = attempt.language ?? sql`(select ${users.language} from ${users} where ${users.id} = ${attempt.userId})`;
  return tx
    .insert(quizAttempts)
    .values({ ...attempt, language })
    .returning()
    .get();
}

export function updateAttempt(tx: Db, attemptId: number, changes: Partial<Pick<AttemptRow, "snapshot" | "revision" | "status" | "scorePercent" | "finishedAt">>) {
  tx.update(quizAttempts).set(changes).where(eq(quizAttempts.id, attemptId)).run();
}

export function insertAnswer(tx: Db, answer: Omit<AnswerRow, "id">) {
  answerInsert(tx).run(answer);
}

/** Every answer of an attempt, oldest first: the last one per question counts. */
export function listAnswers(attemptId: number): AnswerRow[] {
  return getDb().select().from(quizAnswers).where(eq(quizAnswers.attemptId, attemptId)).orderBy(asc(quizAnswers.id)).all();
}

export function latestAnswers(attemptId: number): Map<string, AnswerRow> {
  const latest = new Map<string, AnswerRow>();
  for (const row of listAnswers(attemptId)) latest.set(row.questionId, row);
  return latest;
}

export function lastAttempt(userId: number, courseId: string, moduleId: string): AttemptRow | undefined {
  return getDb()
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.courseId, courseId), eq(quizAttempts.moduleId, moduleId)))
    .orderBy(desc(quizAttempts.number))
    .get();
}
