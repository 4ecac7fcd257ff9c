CREATE TABLE `search_sources` (
	`course_id` text PRIMARY KEY NOT NULL,
	`fingerprint` text NOT NULL,
	`indexed_at` integer NOT NULL
);
--> statement-breakpoint
-- The search index (app/models/search.server.ts): one row per passage. The indexed columns hold
-- folded, stemmed words (app/search/fold.ts), `words` the folded words unstemmed (for prefixes);
-- the rest is stored beside them to show and link a result.
CREATE VIRTUAL TABLE `search_passages` USING fts5(
	`title`, `heading`, `body`, `words`,
	`course_id` UNINDEXED, `language` UNINDEXED, `kind` UNINDEXED, `module_id` UNINDEXED, `item_id` UNINDEXED, `section` UNINDEXED, `text` UNINDEXED,
	tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3'
);
