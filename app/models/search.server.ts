import { eq, notInArray } from "drizzle-orm";
import { searchSources } from "#db/schema";
import { inTransaction, preparedOnce } from "~/utils/db.server";

export type SearchKind = "lesson" | "module" | "glossary";

/** One passage of the index: the indexed columns hold folded stems (app/search/fold.ts). */
export type SearchRow = {
  title: string;
  heading: string;
  body: string;
  words: string;
  courseId: string;
  language: string;
  kind: SearchKind;
  moduleId: string;
  itemId: string;
  section: number;
  text: string;
};

/** The best passage of a page that matched (`passage`: its row, for passageText), and how well (lower is better: FTS5's bm25). */
export type SearchHit = Pick<SearchRow, "courseId" | "kind" | "moduleId" | "itemId" | "section"> & { passage: number; rank: number };

/**
 * Indexes a course unless the index already holds `fingerprint` for it. Checked and written in one
 * immediate transaction, so that serving processes starting together index a course once, and a
 * search never sees a course half indexed. `rows` is called only when indexing. Returns whether it did.
 */
export function indexCourse(courseId: string, fingerprint: string, rows: () => SearchRow[], now: Date): boolean {
  return inTransaction((tx) => {
    const current = tx.select({ fingerprint: searchSources.fingerprint }).from(searchSources).where(eq(searchSources.courseId, courseId)).get();
    if (current?.fingerprint === fingerprint) return false;
    tx.$client.prepare("DELETE FROM search_passages WHERE course_id = ?").run(courseId);
    const insert = tx.$client.prepare(
      `INSERT INTO search_passages (title, heading, body, words, course_id, language, kind, module_id, item_id, section, text)
       VALUES (@title, @heading, @body, @words, @courseId, @language, @kind, @moduleId, @itemId, @section, @text)`,
    );
    for (const row of rows()) insert.run(row);
    tx.insert(searchSources)
      .values({ courseId, fingerprint, indexedAt: now })
      .onConflictDoUpdate({ target: searchSources.courseId, set: { fingerprint, indexedAt: now } })
      .run();
    return true;
  });
}

/** Removes from the index every course not in `courseIds` (a course folder that was taken away). */
export function keepIndexedCourses(courseIds: string[]) {
  inTransaction((tx) => {
    const gone = tx.select({ courseId: searchSources.courseId }).from(searchSources).where(notInArray(searchSources.courseId, courseIds)).all();
    for (const { courseId } of gone) {
      tx.$client.prepare("DELETE FROM search_passages WHERE course_id = ?").run(courseId);
      tx.delete(searchSources).where(eq(searchSources.courseId, courseId)).run();
    }
  });
}

// Column weights for bm25: a match in a page's title counts most, then in the heading above the
// passage, then in the passage itself; `words` (prefixes only) least. The passages' text is read
// only for the results shown (passageText): a common word matches hundreds of rows. bm25 favours short rows, and
// every row of a page holds its title: the passage shown is the one that matches best without it
// (`fit`), and the page ranks by its best row with it (`rank`).
const match = preparedOnce((db) =>
  db.$client.prepare<{ match: string; language: string; lessons: number }, SearchHit>(
    // MATERIALIZED: flattened into the outer query, bm25() would be called where it cannot run.
    `WITH hits AS MATERIALIZED (
       SELECT rowid AS passage, course_id, kind, module_id, item_id, section,
         bm25(search_passages, 8.0, 4.0, 1.0, 0.5) AS rank, bm25(search_passages, 0.0, 2.0, 1.0, 0.5) AS fit
       FROM search_passages
       WHERE search_passages MATCH @match AND language = @language AND (@lessons = 1 OR kind <> 'lesson')
     ),
     pages AS (
       SELECT *, min(rank) OVER page AS page_rank, row_number() OVER (page ORDER BY fit, rank) AS n
       FROM hits
       WINDOW page AS (PARTITION BY course_id, kind, module_id, item_id)
     )
     SELECT passage, course_id AS courseId, kind, module_id AS moduleId, item_id AS itemId, section, page_rank AS rank
     FROM pages WHERE n = 1
     ORDER BY rank`,
  ),
);

/**
 * Every page with a passage that matches the FTS5 expression `fts` (built by app/search/query.ts),
 * best first, each with its best passage. Lessons only when `lessons` is true.
 */
export function findPassages(fts: string, language: string, lessons: boolean): SearchHit[] {
  return match().all({ match: fts, language, lessons: lessons ? 1 : 0 });
}

const text = preparedOnce((db) => db.$client.prepare<[number], { text: string }>("SELECT text FROM search_passages WHERE rowid = ?"));

/** The text of a passage findPassages returned. */
export function passageText(passage: number): string {
  return text().get(passage)?.text ?? "";
}
