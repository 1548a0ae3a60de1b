CREATE TABLE `offboardings` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`supplier_id` text NOT NULL,
	`status` text NOT NULL,
	`checklist` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`request_token_hash` text,
	`request_contact_id` text,
	`request_expires_at` integer,
	`confirmation_document_id` text,
	`started_by` text,
	`completed_at` integer,
	`completed_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_contact_id`) REFERENCES `supplier_contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`started_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`completed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `offboardings_request_token_hash_unique` ON `offboardings` (`request_token_hash`);--> statement-breakpoint
CREATE INDEX `offboardings_supplier_idx` ON `offboardings` (`org_id`,`supplier_id`,`status`);--> statement-breakpoint
CREATE TABLE `raci_defaults` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`activity` text NOT NULL,
	`it_lead` text DEFAULT '' NOT NULL,
	`supplier` text DEFAULT '' NOT NULL,
	`customer` text DEFAULT '' NOT NULL,
	`partner` text DEFAULT '' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `raci_defaults_org_idx` ON `raci_defaults` (`org_id`,`position`);--> statement-breakpoint
CREATE TABLE `supplier_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`supplier_id` text NOT NULL,
	`kind` text NOT NULL,
	`storage_name` text NOT NULL,
	`original_name` text NOT NULL,
	`mime_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by_user_id` text,
	`uploaded_by_contact_id` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by_contact_id`) REFERENCES `supplier_contacts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supplier_documents_storage_name_unique` ON `supplier_documents` (`storage_name`);--> statement-breakpoint
CREATE INDEX `supplier_documents_supplier_idx` ON `supplier_documents` (`org_id`,`supplier_id`,`kind`);--> statement-breakpoint
ALTER TABLE `contract_reviews` ADD `checklist` text;--> statement-breakpoint
ALTER TABLE `contract_reviews` ADD `clauses` text;--> statement-breakpoint
ALTER TABLE `contract_reviews` ADD `findings` text;--> statement-breakpoint
ALTER TABLE `contract_reviews` ADD `next_due_on` text;--> statement-breakpoint
ALTER TABLE `contract_reviews` ADD `document_id` text;--> statement-breakpoint
ALTER TABLE `risk_profiles` ADD `systems_location` text;--> statement-breakpoint
ALTER TABLE `sub_suppliers` ADD `source_assessment_id` text;--> statement-breakpoint
ALTER TABLE `sub_suppliers` ADD `source_text` text;--> statement-breakpoint
ALTER TABLE `sub_suppliers` ADD `confirmed_at` integer;--> statement-breakpoint
ALTER TABLE `sub_suppliers` ADD `confirmed_by` text REFERENCES users(id);