CREATE TABLE `item_responses` (
	`course_id` text NOT NULL,
	`module_id` text NOT NULL,
	`question_id` text NOT NULL,
	`language` text NOT NULL,
	`part` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`course_id`, `module_id`, `question_id`, `language`, `part`)
);
--> statement-breakpoint
CREATE TABLE `item_stats` (
	`course_id` text NOT NULL,
	`module_id` text NOT NULL,
	`question_id` text NOT NULL,
	`language` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`learners` integer DEFAULT 0 NOT NULL,
	`sum_x` real DEFAULT 0 NOT NULL,
	`sum_xx` real DEFAULT 0 NOT NULL,
	`sum_y` real DEFAULT 0 NOT NULL,
	`sum_yy` real DEFAULT 0 NOT NULL,
	`sum_xy` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`course_id`, `module_id`, `question_id`, `language`)
);
--> statement-breakpoint
CREATE TABLE `quiz_stats` (
	`course_id` text NOT NULL,
	`module_id` text NOT NULL,
	`language` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`learners` integer DEFAULT 0 NOT NULL,
	`sum_k` integer DEFAULT 0 NOT NULL,
	`sum_t` real DEFAULT 0 NOT NULL,
	`sum_tt` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`course_id`, `module_id`, `language`)
);
--> statement-breakpoint
ALTER TABLE `quiz_attempts` ADD `language` text DEFAULT 'en' NOT NULL;