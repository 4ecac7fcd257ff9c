/**
 * Services (quiz attempts, email links, imports) group model calls that belong together with
 * `inTransaction`: all of their writes land, or none do. They take it from here, not from
 * app/utils/db.server.ts, so that only app/models/ reaches the connection.
 *
 * How a model gets its connection (docs/decisions/0027-model-connections.md): a function that reads
 * or writes on its own takes none and uses `getDb()` (or a `preparedOnce` statement). A function
 * whose writes only make sense with the caller's other writes, and that is only ever called inside
 * `inTransaction`, takes that transaction as its first argument, named `tx` (issueCertificate,
 * recordCompletions, insertMailMessage, erasePersonalData…). There is one connection per process and
 * `inTransaction` runs on it, so whatever a `tx` function or the work inside `inTransaction` calls
 * without a connection (a read, recordAuditEvent, addGroupMember) is part of the transaction too.
 * The statistics rebuilds take `tx` and touch nothing else: scripts/seed-large.ts runs them inside a
 * transaction of the file it builds, not the app's.
 */
export { inTransaction, type Db } from "~/utils/db.server";
/** For the server's graceful shutdown (scripts/serve.js through app/entry.server.tsx). */
export { closeDatabase } from "~/utils/db.server";
