-- review_queue_versions.version moves on every write that can change an organisation's review
-- queue (db/repos/review-queue.ts reuses the queue's counts while it is unchanged). Triggers keep
-- it, so the invalidation is complete whoever writes: the app, the job runner in another process,
-- a factory, raw SQL; the bump commits or rolls back with the write itself.
-- Watched: an assessment waiting for review (before or after the write) inserted, deleted, or
-- changed in a column the queue filters, counts or sorts on: status, tier, reviewer, questionnaire
-- version, open flag types, open critical flags, score, submission time (and org_id/id).
-- Flags need no trigger of their own: the triggers on flags (migration 0005) rewrite
-- assessments.open_flag_types, which fires the update trigger here. The WHEN clause skips writes
-- that leave these columns as they were (a second open flag of a type already open, say).
CREATE TRIGGER assessments_queue_version_after_insert AFTER INSERT ON assessments
WHEN NEW.status IN ('submitted', 'in_review', 'clarification_requested')
BEGIN
  INSERT INTO review_queue_versions (org_id, version) VALUES (NEW.org_id, 1)
    ON CONFLICT (org_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER assessments_queue_version_after_delete AFTER DELETE ON assessments
WHEN OLD.status IN ('submitted', 'in_review', 'clarification_requested')
BEGIN
  INSERT INTO review_queue_versions (org_id, version) VALUES (OLD.org_id, 1)
    ON CONFLICT (org_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER assessments_queue_version_after_update
AFTER UPDATE OF id, org_id, status, tier, assigned_reviewer_id, questionnaire_version_id, open_flag_types, critical_flag_count, overall_score, submitted_at ON assessments
WHEN (OLD.status IN ('submitted', 'in_review', 'clarification_requested') OR NEW.status IN ('submitted', 'in_review', 'clarification_requested'))
  AND (OLD.id IS NOT NEW.id OR OLD.org_id IS NOT NEW.org_id OR OLD.status IS NOT NEW.status OR OLD.tier IS NOT NEW.tier
    OR OLD.assigned_reviewer_id IS NOT NEW.assigned_reviewer_id OR OLD.questionnaire_version_id IS NOT NEW.questionnaire_version_id
    OR OLD.open_flag_types IS NOT NEW.open_flag_types OR OLD.critical_flag_count IS NOT NEW.critical_flag_count
    OR OLD.overall_score IS NOT NEW.overall_score OR OLD.submitted_at IS NOT NEW.submitted_at)
BEGIN
  INSERT INTO review_queue_versions (org_id, version) VALUES (NEW.org_id, 1)
    ON CONFLICT (org_id) DO UPDATE SET version = version + 1;
  INSERT INTO review_queue_versions (org_id, version) SELECT OLD.org_id, 1 WHERE OLD.org_id IS NOT NEW.org_id
    ON CONFLICT (org_id) DO UPDATE SET version = version + 1;
END;
