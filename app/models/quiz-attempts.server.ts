import { and, asc, desc, eq, sql } from "drizzle-orm";
import { quizAnswers, quizAttempts, users } from "#db/schema";
import { getDb, preparedOnce, type Db } from "~/utils/db.server";

export type AttemptRow = typeof quizAttempts.$inferSelect;
export type AnswerRow = typeof quizAnswers.$inferSelect;

// These run for every answer and every load of an attempt's page (bench/changes.md).
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

const attemptsAtQuiz = preparedOnce((db) =>
  db
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, sql.placeholder("userId")), eq(quizAttempts.courseId, sql.placeholder("courseId")), eq(quizAttempts.moduleId, sql.placeholder("moduleId"))))
    .orderBy(asc(quizAttempts.number))
    .prepare(),
);
const answersOfAttempt = preparedOnce((db) =>
  db
    .select()
    .from(quizAnswers)
    .where(eq(quizAnswers.attemptId, sql.placeholder("attemptId")))
    .orderBy(asc(quizAnswers.id))
    .prepare(),
);
// An update's values go in through sql`…` (drizzle's types allow no placeholder there), so they are stored as given: the snapshot as JSON text, times as epoch ms.
const progressUpdate = preparedOnce((db) =>
  db
    .update(quizAttempts)
    .set({ snapshot: sql`${sql.placeholder("snapshot")}`, revision: sql`${sql.placeholder("revision")}` })
    .where(eq(quizAttempts.id, sql.placeholder("id")))
    .prepare(),
);
const resultUpdate = preparedOnce((db) =>
  db
    .update(quizAttempts)
    .set({
      snapshot: sql`${sql.placeholder("snapshot")}`,
      revision: sql`${sql.placeholder("revision")}`,
      status: sql`${sql.placeholder("status")}`,
      scorePercent: sql`${sql.placeholder("scorePercent")}`,
      finishedAt: sql`${sql.placeholder("finishedAt")}`,
    })
    .where(eq(quizAttempts.id, sql.placeholder("id")))
    .prepare(),
);

export function findAttempt(attemptId: number): AttemptRow | undefined {
  return attemptById().get({ id: attemptId });
}

export function listAttempts(userId: number, courseId: string, moduleId: string): AttemptRow[] {
  return attemptsAtQuiz().all({ userId, courseId, moduleId });
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

/** The attempt's machine after a move or an answer, in the caller's transaction. */
export function updateAttemptProgress(tx: Db, attemptId: number, progress: Pick<AttemptRow, "snapshot" | "revision">) {
  progressUpdate(tx).run({ id: attemptId, snapshot: JSON.stringify(progress.snapshot), revision: progress.revision });
}

/** The attempt's machine and result once it is over, in the caller's transaction. */
export function updateAttemptResult(tx: Db, attemptId: number, result: Pick<AttemptRow, "snapshot" | "revision" | "status" | "scorePercent"> & { finishedAt: Date }) {
  resultUpdate(tx).run({
    id: attemptId,
    snapshot: JSON.stringify(result.snapshot),
    revision: result.revision,
    status: result.status,
    scorePercent: result.scorePercent,
    finishedAt: result.finishedAt.getTime(),
  });
}

export function insertAnswer(tx: Db, answer: Omit<AnswerRow, "id">) {
  answerInsert(tx).run(answer);
}

/** Every answer of an attempt, oldest first: the last one per question counts. */
export function listAnswers(attemptId: number): AnswerRow[] {
  return answersOfAttempt().all({ attemptId });
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
