DROP INDEX `assessments_queue_idx`;--> statement-breakpoint
CREATE INDEX `assessments_queue_facets_idx` ON `assessments` (`org_id`,`status`,`tier`,`assigned_reviewer_id`,`questionnaire_version_id`);--> statement-breakpoint
CREATE INDEX `assessments_queue_idx` ON `assessments` (`org_id`,`status`,`critical_flag_count`,`tier`,`overall_score`,`submitted_at`,`assigned_reviewer_id`,`questionnaire_version_id`,`flag_count`,`id`);--> statement-breakpoint
DROP INDEX `flags_assessment_idx`;--> statement-breakpoint
CREATE INDEX `flags_assessment_idx` ON `flags` (`org_id`,`assessment_id`,`status`,`flag_type`,`severity`);