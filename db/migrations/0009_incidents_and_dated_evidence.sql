CREATE TABLE `dated_evidence` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`supplier_id` text NOT NULL,
	`kind` text NOT NULL,
	`report_type` text,
	`auditor` text DEFAULT '' NOT NULL,
	`period_start` text,
	`period_end` text NOT NULL,
	`scope` text DEFAULT '' NOT NULL,
	`qualified` integer DEFAULT false NOT NULL,
	`bridge_letter` integer DEFAULT false NOT NULL,
	`expires_on` text NOT NULL,
	`scope_covers` integer,
	`evidence_file_id` text,
	`source` text DEFAULT 'staff' NOT NULL,
	`source_assessment_id` text,
	`source_question_id` text,
	`created_by` text,
	`superseded_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`evidence_file_id`) REFERENCES `evidence_files`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `dated_evidence_supplier_idx` ON `dated_evidence` (`org_id`,`supplier_id`);--> statement-breakpoint
CREATE INDEX `dated_evidence_expiry_idx` ON `dated_evidence` (`superseded_at`,`expires_on`);--> statement-breakpoint
CREATE UNIQUE INDEX `dated_evidence_source_unique` ON `dated_evidence` (`source_assessment_id`,`source_question_id`);--> statement-breakpoint
CREATE TABLE `evidence_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`dated_evidence_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dated_evidence_id`) REFERENCES `dated_evidence`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `supplier_contacts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evidence_requests_token_hash_unique` ON `evidence_requests` (`token_hash`);--> statement-breakpoint
CREATE INDEX `evidence_requests_slot_idx` ON `evidence_requests` (`org_id`,`dated_evidence_id`);--> statement-breakpoint
CREATE TABLE `supplier_report_links` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`supplier_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_by` text,
	`revoked_at` integer,
	`last_used_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supplier_report_links_token_hash_unique` ON `supplier_report_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `supplier_report_links_supplier_idx` ON `supplier_report_links` (`org_id`,`supplier_id`);--> statement-breakpoint
ALTER TABLE `supplier_events` ADD `source` text DEFAULT 'staff' NOT NULL;--> statement-breakpoint
ALTER TABLE `supplier_events` ADD `reporter_name` text;--> statement-breakpoint
ALTER TABLE `supplier_events` ADD `moved_to` text;--> statement-breakpoint
ALTER TABLE `supplier_events` ADD `reassessment_requested` integer DEFAULT false NOT NULL;