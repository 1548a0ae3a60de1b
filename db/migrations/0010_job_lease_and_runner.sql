CREATE TABLE `leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text,
	`expires_at` integer NOT NULL,
	`acquired_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `job_runs` ADD `runner` text;