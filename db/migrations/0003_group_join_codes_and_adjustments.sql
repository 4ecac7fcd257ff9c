CREATE TABLE `assignment_adjustments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assignment_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`due_at` integer,
	`extra_attempts` integer DEFAULT 0 NOT NULL,
	`extra_minutes` integer DEFAULT 0 NOT NULL,
	`changed_by` integer,
	`changed_at` integer NOT NULL,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `assignment_adjustments_assignment_id_user_id_idx` ON `assignment_adjustments` (`assignment_id`,`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `assignment_adjustments_user_id_idx` ON `assignment_adjustments` (`user_id`);--> statement-breakpoint
CREATE TABLE `retired_join_codes` (
	`code` text PRIMARY KEY NOT NULL,
	`group_id` integer NOT NULL,
	`retired_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `retired_join_codes_group_id_idx` ON `retired_join_codes` (`group_id`);