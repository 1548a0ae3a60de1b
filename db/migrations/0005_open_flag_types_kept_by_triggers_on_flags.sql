-- assessments.open_flag_types mirrors the assessment's open flags: their types, distinct, sorted,
-- comma-separated ('' for none). The review queue filters and counts by flag type from its index
-- (db/repos/review-queue.ts) instead of probing the flags of every waiting assessment.
-- Triggers keep it, so every write of a flag (the portal's submission, accepting a risk, the lapse
-- job, a factory, a raw insert) updates it in the same statement; the value is always recomputed
-- from the flags themselves, never patched.
CREATE TRIGGER flags_open_types_after_insert AFTER INSERT ON flags WHEN NEW.status = 'open'
BEGIN
  UPDATE assessments SET open_flag_types = (
    SELECT coalesce(group_concat(DISTINCT f.flag_type ORDER BY f.flag_type), '') FROM flags f
    WHERE f.org_id = assessments.org_id AND f.assessment_id = assessments.id AND f.status = 'open'
  ) WHERE id = NEW.assessment_id AND org_id = NEW.org_id;
END;
--> statement-breakpoint
CREATE TRIGGER flags_open_types_after_delete AFTER DELETE ON flags WHEN OLD.status = 'open'
BEGIN
  UPDATE assessments SET open_flag_types = (
    SELECT coalesce(group_concat(DISTINCT f.flag_type ORDER BY f.flag_type), '') FROM flags f
    WHERE f.org_id = assessments.org_id AND f.assessment_id = assessments.id AND f.status = 'open'
  ) WHERE id = OLD.assessment_id AND org_id = OLD.org_id;
END;
--> statement-breakpoint
CREATE TRIGGER flags_open_types_after_update AFTER UPDATE OF status, flag_type, assessment_id, org_id ON flags
WHEN OLD.status = 'open' OR NEW.status = 'open'
BEGIN
  UPDATE assessments SET open_flag_types = (
    SELECT coalesce(group_concat(DISTINCT f.flag_type ORDER BY f.flag_type), '') FROM flags f
    WHERE f.org_id = assessments.org_id AND f.assessment_id = assessments.id AND f.status = 'open'
  ) WHERE (id = OLD.assessment_id AND org_id = OLD.org_id) OR (id = NEW.assessment_id AND org_id = NEW.org_id);
END;
--> statement-breakpoint
UPDATE assessments SET open_flag_types = (
  SELECT coalesce(group_concat(DISTINCT f.flag_type ORDER BY f.flag_type), '') FROM flags f
  WHERE f.org_id = assessments.org_id AND f.assessment_id = assessments.id AND f.status = 'open'
) WHERE id IN (SELECT assessment_id FROM flags WHERE status = 'open');
