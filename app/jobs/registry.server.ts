import { deleteExpiredSessions } from "#db/repos/job-runs";
import { pruneRateLimits } from "#db/repos/rate-limits";
import { optimizeDatabase } from "#db/repos/health";
import { nextAssessmentJob, remindersJob } from "~/reminders/reminders.server";
import { remediationRemindersJob } from "~/remediation/remediation.server";
import { flagAcceptanceLapseJob } from "~/review/flag-lapse.server";
import { reassessmentJob } from "~/reassessment/reassessment.server";
import { evidenceExpiryJob } from "~/supervision/dated-evidence.server";
import { contractReviewRemindersJob } from "~/relationship/contract-review.server";
import type { Job } from "./job-runner.server";

const DAY = 24 * 60 * 60 * 1000;

export const pruneExpiredJob: Job = {
  name: "prune-expired",
  run: ({ db, now }) => {
    const result = {
      sessions: deleteExpiredSessions(db, now),
      rateLimits: pruneRateLimits(db, new Date(now.getTime() - DAY)),
    };
    optimizeDatabase(db);
    return result;
  },
};

/** Every job, in the order they run. Later features add theirs here. */
export const JOBS: readonly Job[] = [pruneExpiredJob, flagAcceptanceLapseJob, remediationRemindersJob, remindersJob, nextAssessmentJob, reassessmentJob, evidenceExpiryJob, contractReviewRemindersJob];
