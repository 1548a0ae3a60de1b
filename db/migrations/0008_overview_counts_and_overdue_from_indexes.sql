DROP INDEX `assessments_org_status_idx`;--> statement-breakpoint
CREATE INDEX `assessments_org_status_idx` ON `assessments` (`org_id`,`status`,`due_date`);--> statement-breakpoint
DROP INDEX `suppliers_org_tier_idx`;--> statement-breakpoint
CREATE INDEX `suppliers_org_tier_idx` ON `suppliers` (`org_id`,`tier`,`archived_at`);