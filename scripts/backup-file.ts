/**
 * What a backup file is (scripts/backup.ts writes it, scripts/restore.ts reads it): a copy of the
 * SQLite database with one extra table holding DATA_DIR's secrets, so that one file brings back a
 * working server: the issuer's signing key (without it no credential issued so far verifies), the
 * session secret, and the keys of the keyed hashes in the audit log and rate limits.
 */
export const SECRETS_TABLE = "trag_backup_secrets";
export const SECRET_FILES = ["issuer-key.json", "session-secret", "hash-key", "address-key"] as const;

/** Copies every page in one step, under one read transaction: a consistent snapshot, while a server in WAL mode goes on writing. */
export const ALL_PAGES_AT_ONCE = { progress: () => 0x7fffffff };

/** Arguments after `npm run backup --` / `npm run restore --`: the file, and flags. */
export function readArguments(argv: string[]) {
  const args = argv.filter((arg) => arg !== "--");
  return { file: args.find((arg) => !arg.startsWith("--")), flags: new Set(args.filter((arg) => arg.startsWith("--"))) };
}
