CREATE TABLE `review_queue_versions` (
	`org_id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
