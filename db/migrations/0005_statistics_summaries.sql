CREATE TABLE `learner_activity_months` (
	`course_id` text NOT NULL,
	`month` text NOT NULL,
	`user_id` integer NOT NULL,
	`institution_type` text NOT NULL,
	`district` text,
	`language` text NOT NULL,
	PRIMARY KEY(`course_id`, `month`, `user_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `learner_activity_months_user_id_idx` ON `learner_activity_months` (`user_id`);--> statement-breakpoint
CREATE TABLE `learner_module_stats` (
	`user_id` integer NOT NULL,
	`course_id` text NOT NULL,
	`module_id` text NOT NULL,
	`institution_type` text NOT NULL,
	`district` text,
	`language` text NOT NULL,
	`started_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`first_finished_at` integer,
	`first_score` real,
	`first_passed` integer,
	`best_score` real,
	`passed` integer DEFAULT false NOT NULL,
	`completed_at` integer,
	`minutes_to_complete` integer,
	PRIMARY KEY(`user_id`, `course_id`, `module_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `learner_module_stats_course_id_started_at_idx` ON `learner_module_stats` (`course_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `learner_module_stats_course_id_first_finished_at_idx` ON `learner_module_stats` (`course_id`,`first_finished_at`);--> statement-breakpoint
CREATE INDEX `learner_module_stats_course_id_completed_at_idx` ON `learner_module_stats` (`course_id`,`completed_at`);