CREATE TABLE `certificate_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`certificate_id` integer NOT NULL,
	`kind` text NOT NULL,
	`at` integer NOT NULL,
	`reason` text,
	`actor_id` integer,
	FOREIGN KEY (`certificate_id`) REFERENCES `certificates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `certificate_events_certificate_id_at_idx` ON `certificate_events` (`certificate_id`,`at`);--> statement-breakpoint
CREATE TABLE `certificates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`user_id` integer NOT NULL,
	`course_id` text NOT NULL,
	`course_version` text NOT NULL,
	`snapshot` text NOT NULL,
	`recipient_salt` text NOT NULL,
	`issued_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`revoked_at` integer,
	`revocation_reason` text,
	`signed_credential` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`user_id`,`course_id`,`course_version`) REFERENCES `course_completions`(`user_id`,`course_id`,`course_version`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_code_idx` ON `certificates` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_user_id_course_id_course_version_idx` ON `certificates` (`user_id`,`course_id`,`course_version`);--> statement-breakpoint
CREATE TABLE `verification_lookups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_key` text NOT NULL,
	`looked_up_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `verification_lookups_client_key_looked_up_at_idx` ON `verification_lookups` (`client_key`,`looked_up_at`);