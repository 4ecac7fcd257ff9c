CREATE TABLE `course_completions` (
	`user_id` integer NOT NULL,
	`course_id` text NOT NULL,
	`course_version` text NOT NULL,
	`completed_at` integer NOT NULL,
	`score_percent` real NOT NULL,
	PRIMARY KEY(`user_id`, `course_id`, `course_version`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `enrolments` (
	`user_id` integer NOT NULL,
	`course_id` text NOT NULL,
	`started_at` integer NOT NULL,
	`last_lesson_id` text,
	`last_visited_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `course_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `lesson_progress` (
	`user_id` integer NOT NULL,
	`course_id` text NOT NULL,
	`lesson_id` text NOT NULL,
	`completed_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `course_id`, `lesson_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `login_failures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`failed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_failures_email_failed_at_idx` ON `login_failures` (`email`,`failed_at`);--> statement-breakpoint
CREATE TABLE `module_completions` (
	`user_id` integer NOT NULL,
	`course_id` text NOT NULL,
	`module_id` text NOT NULL,
	`completed_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `course_id`, `module_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `quiz_answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`attempt_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`response` text NOT NULL,
	`score` real NOT NULL,
	`answered_at` integer NOT NULL,
	FOREIGN KEY (`attempt_id`) REFERENCES `quiz_attempts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `quiz_answers_attempt_id_question_id_idx` ON `quiz_answers` (`attempt_id`,`question_id`);--> statement-breakpoint
CREATE TABLE `quiz_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`course_id` text NOT NULL,
	`module_id` text NOT NULL,
	`number` integer NOT NULL,
	`content_version` text NOT NULL,
	`seed` integer NOT NULL,
	`question_ids` text NOT NULL,
	`option_order` text NOT NULL,
	`started_at` integer NOT NULL,
	`deadline_at` integer,
	`extra_minutes` integer DEFAULT 0 NOT NULL,
	`finished_at` integer,
	`status` text DEFAULT 'in-progress' NOT NULL,
	`score_percent` real,
	`snapshot` text NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quiz_attempts_user_id_module_id_number_idx` ON `quiz_attempts` (`user_id`,`course_id`,`module_id`,`number`);--> statement-breakpoint
CREATE INDEX `quiz_attempts_course_id_module_id_idx` ON `quiz_attempts` (`course_id`,`module_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_id_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`full_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text DEFAULT 'learner' NOT NULL,
	`institution_type` text NOT NULL,
	`language` text DEFAULT 'en' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_idx` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_full_name_idx` ON `users` (`full_name`);