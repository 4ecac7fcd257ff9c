import crypto from "node:crypto";
import { CsvError, parse } from "csv-parse/sync";
import { INSTITUTION_TYPES, USER_LANGUAGES } from "~/accounts/constants";
import { ImportedPersonSchema } from "~/accounts/schemas";
import { enqueueInvitation } from "~/mail/notices.server";
import { addGroupMember, findPeopleByEmail } from "~/models/groups.server";
import { hashPassword, insertInvitedUser, normalizeEmail, type InstitutionType, type UserLanguage } from "~/models/users.server";
import { inTransaction } from "~/models/transaction.server";
import { resources } from "~/utils/i18n.server";
import { toLatin } from "~/content/transliterate";

export const MAX_IMPORT_BYTES = 1024 * 1024;
export const MAX_IMPORT_ROWS = 2000;
/** The language of an imported account whose row leaves it empty: most participants read Serbian. */
const DEFAULT_LANGUAGE: UserLanguage = "sr-Latn";

/** A refusal of the whole file: an i18n key, the status to answer with, and values for the message. */
export type ImportRefusal = { error: string; status: 400 | 413; values?: Record<string, string | number> };

/** One data row as it was in the file; `line` is where it starts (the header is line 1). */
export type ImportRow = { line: number; fullName: string; email: string; institution: string; language: string };

type Column = "fullName" | "email" | "institution" | "language";

/**
 * A header or value reduced to what people mean by it: lower case, Serbian Cyrillic read as Latin,
 * without diacritics, spaces or punctuation ("E-pošta", "Е-пошта" and "eposta" are one).
 */
export function compact(text: string): string {
  return toLatin(text.toLocaleLowerCase("sr"))
    .replace(/đ/g, "dj")
    .normalize("NFD")
    .replace(/[^a-z0-9]/g, "");
}

const HEADERS: Record<Column, string[]> = {
  fullName: ["name", "fullname", "ime", "imeiprezime", "imeprezime", "punoime", "prezimeiime"],
  email: ["email", "emailaddress", "mail", "imejl", "mejl", "eposta", "adresaeposte", "elektronskaposta", "emailadresa"],
  institution: ["institution", "institutiontype", "typeofinstitution", "institucija", "tipinstitucije", "vrstainstitucije"],
  language: ["language", "preferredlanguage", "jezik", "zeljenijezik"],
};
const REQUIRED: Column[] = ["fullName", "email", "institution"];

const INSTITUTION_ALIASES: Record<InstitutionType, string[]> = {
  police: ["police", "policija", "mup", "ministryofinterior", "ministarstvounutrasnjihposlova"],
  prosecution: ["prosecution", "prosecutor", "prosecutorsoffice", "publicprosecution", "tuzilastvo", "javnotuzilastvo", "tuzilac"],
  court: ["court", "judiciary", "judge", "sud", "sudija", "sudstvo"],
  "labour-inspectorate": ["labourinspectorate", "laborinspectorate", "labourinspection", "laborinspection", "inspekcijarada"],
  "social-care": ["socialcare", "socialwork", "centreforsocialwork", "socijalnazastita", "centarzasocijalnirad", "csr", "centarzazastituzrtavatrgovineljudima"],
  "civil-society": ["civilsociety", "ngo", "civilnodrustvo", "organizacijacivilnogdrustva", "nvo", "udruzenje"],
  other: ["other", "ostalo", "drugo"],
};

const LANGUAGE_ALIASES: Record<UserLanguage, string[]> = {
  en: ["en", "eng", "english", "engleski"],
  "sr-Latn": ["srlatn", "sr", "srpski", "serbian", "latinica", "srpskilatinica", "serbianlatin"],
  "sr-Cyrl": ["srcyrl", "cirilica", "srpskicirilica", "serbiancyrillic"],
};

/** Every way of naming a value: its code, its aliases, and its label in each language of the UI. */
function lookup<T extends string>(aliases: Record<T, string[]>, label: (value: T, language: "en" | "sr-Latn") => string | undefined): Map<string, T> {
  const map = new Map<string, T>();
  for (const [value, names] of Object.entries(aliases) as [T, string[]][]) {
    for (const name of [value, ...names, label(value, "en") ?? "", label(value, "sr-Latn") ?? ""]) if (compact(name)) map.set(compact(name), value);
  }
  return map;
}

const institutions = lookup(INSTITUTION_ALIASES, (value, language) => {
  const labels = (resources[language].common as { institutions?: Record<string, string> }).institutions;
  return labels?.[value];
});
const languages = lookup(LANGUAGE_ALIASES, () => undefined);
if (institutions.size < INSTITUTION_TYPES.length || languages.size < USER_LANGUAGES.length) throw new Error("import look-ups are incomplete");

/** The delimiter of the header line: the one of `,` and `;` that appears more often outside quotes. */
function detectDelimiter(text: string): "," | ";" {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && char === ",") commas++;
    else if (!quoted && char === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

/**
 * Reads an uploaded file: UTF-8 with or without a byte-order mark, comma- or semicolon-separated,
 * fields quoted as in RFC 4180 (commas, semicolons and line breaks inside quotes). The first line
 * names the columns, in English or Serbian (either script).
 */
export function readImportFile(bytes: Uint8Array): { ok: true; rows: ImportRow[] } | ({ ok: false } & ImportRefusal) {
  if (bytes.byteLength > MAX_IMPORT_BYTES) return { ok: false, error: "groups.import.tooLarge", status: 413 };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, error: "groups.import.notUtf8", status: 400 };
  }
  if (text.trim() === "") return { ok: false, error: "groups.import.empty", status: 400 };
  let records: string[][];
  // The line each record ends on (a quoted line break makes a record span lines).
  const endLines: number[] = [];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
      on_record: (record, context) => {
        endLines.push(context.lines);
        return record;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, error: "groups.import.unreadable", status: 400, values: { line: typeof error.lines === "number" ? error.lines : 1 } };
    throw error;
  }
  const [header, ...data] = records.map((record, index) => ({ record, endLine: endLines[index] }));
  if (!header) return { ok: false, error: "groups.import.empty", status: 400 };
  const columns = new Map<Column, number>();
  header.record.forEach((name, index) => {
    const column = (Object.keys(HEADERS) as Column[]).find((key) => HEADERS[key].includes(compact(name)));
    if (column && !columns.has(column)) columns.set(column, index);
  });
  const missing = REQUIRED.filter((column) => !columns.has(column));
  if (missing.length > 0) return { ok: false, error: "groups.import.missingColumns", status: 400 };
  if (data.length > MAX_IMPORT_ROWS) return { ok: false, error: "groups.import.tooManyRows", status: 413, values: { max: MAX_IMPORT_ROWS, count: data.length } };
  const cell = (record: string[], column: Column) => {
    const index = columns.get(column);
    // A line break or run of spaces inside a cell (a wrapped spreadsheet cell) is one space.
    return index === undefined ? "" : (record[index] ?? "").replace(/\s+/g, " ").trim();
  };
  return {
    ok: true,
    rows: data.map(({ record, endLine }) => ({
      line: endLine - record.reduce((breaks, value) => breaks + (value.match(/\r\n|\n|\r/g)?.length ?? 0), 0),
      fullName: cell(record, "fullName"),
      email: cell(record, "email"),
      institution: cell(record, "institution"),
      language: cell(record, "language"),
    })),
  };
}

/** What is known about an email address already: its account, and whether it is in the group. */
export type KnownPerson = { userId: number; member: boolean };

export type PreviewRow = ImportRow & {
  /** The account to create or add; null when the row has errors. */
  person: { fullName: string; email: string; institutionType: InstitutionType; language: UserLanguage } | null;
  action: "create" | "add" | "skip";
  userId: number | null;
  errors: string[];
};

/**
 * Checks every row, writing nothing: a valid person, a known institution and language, not an
 * earlier row's email again, not already in the group. `known` says which emails have accounts.
 * A row with an error is skipped; the others become a new account or an added existing one.
 */
export function previewImport(rows: ImportRow[], known: (emails: string[]) => Map<string, KnownPerson>, defaultLanguage: UserLanguage = DEFAULT_LANGUAGE): PreviewRow[] {
  const existing = known([...new Set(rows.map((row) => normalizeEmail(row.email)).filter(Boolean))]);
  const seen = new Set<string>();
  return rows.map((row) => {
    const errors: string[] = [];
    const institutionType = institutions.get(compact(row.institution));
    const language = row.language.trim() === "" ? defaultLanguage : languages.get(compact(row.language));
    const parsed = ImportedPersonSchema.safeParse({ fullName: row.fullName, email: row.email, institutionType, language });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        if (field === "institutionType") errors.push(row.institution.trim() ? "groups.import.errors.institution" : "groups.import.errors.noInstitution");
        else if (field === "language") errors.push("groups.import.errors.language");
        else errors.push(issue.message);
      }
    }
    const email = normalizeEmail(row.email);
    const duplicate = email !== "" && seen.has(email);
    seen.add(email);
    if (duplicate) errors.push("groups.import.errors.duplicate");
    const account = existing.get(email);
    if (account?.member && !duplicate) errors.push("groups.import.errors.member");
    if (errors.length > 0 || !parsed.success) return { ...row, person: null, action: "skip", userId: account?.userId ?? null, errors: [...new Set(errors)] };
    return { ...row, person: { ...parsed.data, email }, action: account ? "add" : "create", userId: account?.userId ?? null, errors };
  });
}

/** The preview of an import into a group, from the uploaded file's bytes; writes nothing. */
export function previewGroupImport(groupId: number, bytes: Uint8Array) {
  const file = readImportFile(bytes);
  if (!file.ok) return file;
  return { ok: true as const, rows: previewImport(file.rows, (emails) => findPeopleByEmail(groupId, emails), DEFAULT_LANGUAGE) };
}

/**
 * Imports the file's valid rows into the group in one transaction: accounts for new people, each
 * with an invitation to set a password (in the outbox, written in the same transaction), and
 * existing accounts added. Everything is checked again
 * inside the transaction, against the database as it is then, so what is written is exactly what
 * a preview made at that moment would show; rows with errors are skipped.
 */
export async function runGroupImport(groupId: number, bytes: Uint8Array, now: Date) {
  const file = readImportFile(bytes);
  if (!file.ok) return file;
  const unusablePasswordHash = await hashPassword(crypto.randomBytes(32).toString("base64url"));
  return inTransaction((tx) => {
    const rows = previewImport(file.rows, (emails) => findPeopleByEmail(groupId, emails), DEFAULT_LANGUAGE);
    let created = 0;
    let added = 0;
    for (const row of rows) {
      if (!row.person) continue;
      const userId = row.action === "create" ? insertInvitedUser(tx, row.person, unusablePasswordHash) : row.userId!;
      addGroupMember(groupId, userId, now);
      if (row.action === "create") {
        // After joining, so that the invitation can name the group and its trainer.
        enqueueInvitation(tx, userId);
        created++;
      } else added++;
    }
    return { ok: true as const, rows, created, added };
  });
}
