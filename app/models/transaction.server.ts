/**
 * Services (quiz attempts, email links, imports) group model calls that belong together with
 * `inTransaction`: all of their writes land, or none do. They take it from here, not from
 * app/utils/db.server.ts, so that only app/models/ reaches the connection.
 */
export { inTransaction, type Db } from "~/utils/db.server";
/** For the server's graceful shutdown (scripts/serve.js through app/entry.server.tsx). */
export { closeDatabase } from "~/utils/db.server";
