/**
 * An accepted flag risk lapses on its expiry date: the job raises the flag again (open), recounts
 * the assessment's open flags for the queue and audits it. The review page also shows a lapsed
 * acceptance as open before the job has run (read-time check, no write in a loader).
 */
import type { Db } from "#db/client";
import { listLapsedAcceptances, recountOpenFlags, reopenLapsedFlag } from "#db/repos/flags";
import { recordAudit } from "~/audit/audit.server";
import type { Job } from "~/jobs/job-runner.server";

export function reopenLapsedFlags(db: Db, now: Date): { reopened: number } {
  const today = now.toISOString().slice(0, 10);
  let reopened = 0;
  for (const flag of listLapsedAcceptances(db, today)) {
    db.transaction(() => {
      if (!reopenLapsedFlag(db, flag.orgId, flag.id, flag.acceptedUntil ?? "")) return;
      recountOpenFlags(db, flag.orgId, flag.assessmentId);
      recordAudit(
        {
          orgId: flag.orgId,
          actor: { type: "system", label: "flag-acceptance-lapse" },
          action: "flag.acceptance_lapsed",
          target: { type: "assessment", id: flag.assessmentId },
          at: now,
          details: {
            flagId: flag.id,
            flagType: flag.flagType,
            acceptedUntil: flag.acceptedUntil,
            before: { status: "accepted" },
            after: { status: "open" },
          },
        },
        db,
      );
      reopened++;
    });
  }
  return { reopened };
}

export const flagAcceptanceLapseJob: Job = {
  name: "flag-acceptance-lapse",
  run: ({ db, now }) => reopenLapsedFlags(db, now),
};
