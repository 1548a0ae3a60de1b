/**
 * Reassessment (SPEC C7, CFCS 5.4): when a supplier's next-assessment date comes, the job runner
 * (or a staff member, by hand) starts a new assessment on the questionnaire version currently
 * chosen for its tier, prefilled from the last approved assessment (`previousAssessmentId`,
 * `answers.carried_forward`), and invites the contacts in their language.
 *
 * Idempotent: the check for an assessment already under way and the insert run in one
 * `BEGIN IMMEDIATE` transaction (so two runners, even in two processes, cannot both start one),
 * and each invitation email has a dedupe key claimed before its link is made.
 */
import { copyFileSync, constants as fsConstants, mkdirSync, rmSync } from "node:fs";
import { getDb, type Db } from "#db/client";
import { listAnswers } from "#db/repos/answers";
import { insertAssessment, listAssessmentInvitations } from "#db/repos/assessments-staff";
import { listEvidenceFiles } from "#db/repos/evidence";
import { findOrganisation } from "#db/repos/organisations";
import {
  findBlockingAssessment,
  findLastApprovedAssessment,
  findOrgAssessment,
  insertCarriedForward,
} from "#db/repos/reassessment";
import { findSupplier, listContacts, listSupplierSchedules } from "#db/repos/suppliers";
import { recordAudit, staffActor } from "~/audit/audit.server";
import { sendEmail } from "~/email/send-email.server";
import { reassessmentInvitationEmail } from "~/email/templates/reassessment-invitation";
import { evidenceDir, evidencePath } from "~/evidence/upload.server";
import { createInvitation, invitationExpiry, invitationUrl } from "~/invitations/invitations.server";
import type { Job } from "~/jobs/job-runner.server";
import { getLatestQuestionnaireEntry } from "~/questionnaire/catalogue.server";
import { loadQuestionnaireVersion, snapshotQuestionnaireVersion } from "~/questionnaire/versions.server";
import { consumeRateLimit, RATE_LIMITS } from "~/security/rate-limit.server";
import { generateToken, newId } from "~/security/tokens.server";
import { isoDate, isoDateIn } from "~/staff/dates";
import { questionnaireForTier } from "~/suppliers/assessments.server";
import { carryForward } from "./carry-forward";
import { isReassessmentDue, REASSESSMENT_DUE_DAYS } from "./schedule";

export type ReassessmentRefusal =
  | "reassessment.error.noTier"
  | "reassessment.error.archived"
  | "reassessment.error.noPrevious"
  | "reassessment.error.otherOrganisation"
  | "reassessment.error.noContacts"
  | "reassessment.error.underWay"
  | "reassessment.error.noQuestionnaire";

export type StartOutcome =
  | { kind: "started"; assessmentId: string; invited: number; duplicates: number }
  | { kind: "refused"; message: ReassessmentRefusal }
  | { kind: "not-found" };

export type Starter = { type: "staff"; user: { id: string; name: string; orgId: string }; ip: string } | { type: "system" };

interface Options {
  db?: Db;
  now?: Date;
  /** The assessment to carry forward from; by default the supplier's last approved one. */
  fromAssessmentId?: string;
}

const APPROVED = new Set(["approved", "approved_with_conditions"]);

/** Starts a reassessment of one supplier of `orgId`. Changes nothing unless it returns "started". */
export async function startReassessment(orgId: string, supplierId: string, starter: Starter, options: Options = {}): Promise<StartOutcome> {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const supplier = findSupplier(db, orgId, supplierId);
  const organisation = findOrganisation(db, orgId);
  if (!supplier || !organisation) return { kind: "not-found" };
  if (supplier.archivedAt) return { kind: "refused", message: "reassessment.error.archived" };
  if (!supplier.tier) return { kind: "refused", message: "reassessment.error.noTier" };
  const tier = supplier.tier;

  let previous;
  if (options.fromAssessmentId !== undefined) {
    // Looked up within this organisation only: another organisation's assessment is not found,
    // and so refused, before anything of it is read.
    previous = findOrgAssessment(db, orgId, options.fromAssessmentId);
    if (!previous) return { kind: "refused", message: "reassessment.error.otherOrganisation" };
    if (previous.supplierId !== supplierId || !APPROVED.has(previous.decision ?? "")) return { kind: "refused", message: "reassessment.error.noPrevious" };
  } else {
    previous = findLastApprovedAssessment(db, orgId, supplierId);
    if (!previous) return { kind: "refused", message: "reassessment.error.noPrevious" };
  }

  const contacts = listContacts(db, orgId, supplierId);
  const invitedBefore = new Set(listAssessmentInvitations(db, orgId, previous.id).map((i) => i.contactId));
  const recipients = contacts.some((c) => invitedBefore.has(c.id)) ? contacts.filter((c) => invitedBefore.has(c.id)) : contacts;
  if (recipients.length === 0) return { kind: "refused", message: "reassessment.error.noContacts" };

  const entry = getLatestQuestionnaireEntry(questionnaireForTier(tier, organisation.settings));
  if (!entry) return { kind: "refused", message: "reassessment.error.noQuestionnaire" };
  const carried = carryForward(
    {
      fromOrgId: previous.orgId,
      toOrgId: orgId,
      previous: loadQuestionnaireVersion(previous.questionnaireVersionId, db),
      next: entry.questionnaire,
      answers: listAnswers(db, orgId, previous.id).map((a) => ({
        questionId: a.questionId,
        value: a.value ?? null,
        notApplicable: a.notApplicable,
        notApplicableReason: a.notApplicableReason,
        comment: a.comment,
      })),
      evidence: listEvidenceFiles(db, orgId, previous.id),
    },
    now,
  );
  if (carried.kind === "refused") return { kind: "refused", message: "reassessment.error.otherOrganisation" };

  const version = snapshotQuestionnaireVersion(entry, db);
  const assessmentId = newId();
  const dueDate = isoDateIn(REASSESSMENT_DUE_DAYS, now);
  const keptIds = new Set(carried.evidenceIds);
  const copies = listEvidenceFiles(db, orgId, previous.id)
    .filter((file) => keptIds.has(file.id))
    .map((file) => ({ ...file, id: newId(), assessmentId, storageName: generateToken(), createdAt: now, from: file.storageName }));
  // Each assessment owns its files (the supplier may delete one without touching last year's).
  if (copies.length > 0) mkdirSync(evidenceDir(), { recursive: true, mode: 0o700 });
  for (const copy of copies) copyFileSync(evidencePath(copy.from), evidencePath(copy.storageName), fsConstants.COPYFILE_EXCL);

  const since = starter.type === "system" ? supplier.lastAssessedAt : null;
  const started = db.$client
    .transaction(() => {
      if (findBlockingAssessment(db, orgId, supplierId, since)) return false;
      insertAssessment(db, {
        id: assessmentId,
        orgId,
        supplierId,
        questionnaireVersionId: version.id,
        status: "sent",
        kind: "reassessment",
        previousAssessmentId: previous.id,
        tier,
        dueDate,
        createdBy: starter.type === "staff" ? starter.user.id : null,
        sentAt: now,
        createdAt: now,
        updatedAt: now,
      });
      insertCarriedForward(db, {
        orgId,
        assessmentId,
        answers: carried.answers.map((a) => ({ id: newId(), ...a })),
        evidence: copies.map(({ from: _from, ...row }) => row),
        now,
      });
      recordAudit(
        {
          orgId,
          actor: starter.type === "staff" ? staffActor(starter.user) : { type: "system", label: "reassessment" },
          action: "assessment.reassessment-started",
          target: { type: "assessment", id: assessmentId },
          ip: starter.type === "staff" ? starter.ip : null,
          details: {
            supplierId,
            previousAssessmentId: previous.id,
            questionnaire: entry.key,
            tier,
            dueDate,
            startedBy: starter.type === "staff" ? "staff" : "schedule",
            carriedForward: carried.answers.length,
            newQuestions: carried.newQuestionIds,
            dropped: carried.dropped,
            evidence: copies.length,
          },
          at: now,
        },
        db,
      );
      return true;
    })
    .immediate();
  if (!started) {
    for (const copy of copies) rmSync(evidencePath(copy.storageName), { force: true });
    return { kind: "refused", message: "reassessment.error.underWay" };
  }

  let invited = 0;
  let duplicates = 0;
  for (const contact of recipients) {
    if (starter.type === "staff") {
      consumeRateLimit(RATE_LIMITS.emailSendPerUser, starter.user.id, {
        now,
        db,
        audit: { orgId, actor: staffActor(starter.user), target: { type: "user", id: starter.user.id }, ip: starter.ip },
      });
    }
    // The link is made only once this email has claimed its key: a second runner makes none.
    const token = generateToken();
    const content = reassessmentInvitationEmail({
      locale: contact.locale,
      contactName: contact.name,
      supplierName: supplier.name,
      organisationName: organisation.name,
      questionnaireTitle: entry.questionnaire.title[contact.locale],
      dueDate,
      url: invitationUrl(token),
    });
    const sent = await sendEmail(
      { orgId, to: contact.email, locale: contact.locale, assessmentId, dedupeKey: `reassessment-invitation:${assessmentId}:${contact.id}`, ...content },
      { db, now },
    );
    if (sent.status === "duplicate") {
      duplicates++;
      continue;
    }
    createInvitation({ orgId, assessmentId, contactId: contact.id, expiresAt: invitationExpiry(dueDate) }, { now, db, token });
    invited++;
  }
  return { kind: "started", assessmentId, invited, duplicates };
}

/** The job: every supplier whose date has come gets its reassessment, once. */
export async function runReassessments({ db, now }: { db: Db; now: Date }) {
  let started = 0;
  let invited = 0;
  const refused: Record<string, number> = {};
  const today = isoDate(now);
  // Live, tiered, assessed suppliers (the schedule job's list); those whose date has come are checked for one under way.
  for (const candidate of listSupplierSchedules(db).filter((s) => s.nextAssessmentDue !== null && s.nextAssessmentDue <= today)) {
    const hasOpenAssessment = Boolean(findBlockingAssessment(db, candidate.orgId, candidate.id, candidate.lastAssessedAt));
    if (!isReassessmentDue({ ...candidate, archivedAt: null, hasOpenAssessment }, now)) continue;
    const outcome = await startReassessment(candidate.orgId, candidate.id, { type: "system" }, { db, now });
    if (outcome.kind === "started") {
      started++;
      invited += outcome.invited;
    } else if (outcome.kind === "refused") refused[outcome.message] = (refused[outcome.message] ?? 0) + 1;
  }
  return { started, invited, refused };
}

export const reassessmentJob: Job = {
  name: "reassessment",
  run: (context) => runReassessments(context),
};
