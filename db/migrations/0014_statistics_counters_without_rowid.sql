-- The monthly counters as WITHOUT ROWID tables (docs/decisions/0009-statistics-summaries.md): each is read
-- by ranges of its primary key, which in a rowid table is a second index whose every entry costs a lookup
-- of the row; clustered on the key, a range is read in one pass. Same columns, keys and rows.
-- The triggers that write them (migration statistics_cube_triggers) name them and stay as they are: with
-- legacy_alter_table on, the rename does not check them against the schema while the old table is gone.
PRAGMA legacy_alter_table = ON;
--> statement-breakpoint
CREATE TABLE `stats_monthly_new` (
	`course_id` text NOT NULL,
	`module_id` text NOT NULL,
	`month` text NOT NULL,
	`institution_type` text NOT NULL,
	`district` text NOT NULL,
	`language` text NOT NULL,
	`registered` integer DEFAULT 0 NOT NULL,
	`started` integer DEFAULT 0 NOT NULL,
	`course_completions` integer DEFAULT 0 NOT NULL,
	`certificates_issued` integer DEFAULT 0 NOT NULL,
	`certificates_revoked` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT 0 NOT NULL,
	`began` integer DEFAULT 0 NOT NULL,
	`began_completed` integer DEFAULT 0 NOT NULL,
	`completed` integer DEFAULT 0 NOT NULL,
	`first_attempts` integer DEFAULT 0 NOT NULL,
	`first_passed` integer DEFAULT 0 NOT NULL,
	`passed` integer DEFAULT 0 NOT NULL,
	`best_sum` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`course_id`, `module_id`, `month`, `institution_type`, `district`, `language`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO stats_monthly_new SELECT * FROM stats_monthly;
--> statement-breakpoint
DROP TABLE stats_monthly;
--> statement-breakpoint
ALTER TABLE stats_monthly_new RENAME TO stats_monthly;
--> statement-breakpoint
CREATE TABLE `stats_monthly_values_new` (
	`course_id` text NOT NULL,
	`kind` text NOT NULL,
	`month` text NOT NULL,
	`module_id` text NOT NULL,
	`institution_type` text NOT NULL,
	`language` text NOT NULL,
	`value` real NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`course_id`, `kind`, `month`, `module_id`, `institution_type`, `language`, `value`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO stats_monthly_values_new SELECT * FROM stats_monthly_values;
--> statement-breakpoint
DROP TABLE stats_monthly_values;
--> statement-breakpoint
ALTER TABLE stats_monthly_values_new RENAME TO stats_monthly_values;
--> statement-breakpoint
PRAGMA legacy_alter_table = OFF;
