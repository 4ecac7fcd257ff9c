CREATE TABLE `stats_monthly` (
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
);
--> statement-breakpoint
CREATE TABLE `stats_monthly_values` (
	`course_id` text NOT NULL,
	`kind` text NOT NULL,
	`month` text NOT NULL,
	`module_id` text NOT NULL,
	`institution_type` text NOT NULL,
	`language` text NOT NULL,
	`value` real NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`course_id`, `kind`, `month`, `module_id`, `institution_type`, `language`, `value`)
);
--> statement-breakpoint
DROP INDEX `learner_activity_months_user_id_idx`;--> statement-breakpoint
ALTER TABLE `learner_activity_months` ADD `previous_month` text;--> statement-breakpoint
CREATE INDEX `learner_activity_months_course_id_month_previous_idx` ON `learner_activity_months` (`course_id`,`month`,`previous_month`,`institution_type`,`district`,`language`);--> statement-breakpoint
CREATE INDEX `learner_activity_months_user_id_idx` ON `learner_activity_months` (`user_id`,`course_id`,`month`);--> statement-breakpoint
CREATE INDEX `learner_module_stats_district_completed_idx` ON `learner_module_stats` (`course_id`,`district`,`completed_at`,`module_id`,`minutes_to_complete`);--> statement-breakpoint
CREATE INDEX `learner_module_stats_district_first_idx` ON `learner_module_stats` (`course_id`,`district`,`first_finished_at`,`module_id`,`best_score`);