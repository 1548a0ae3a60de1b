/**
 * The yearly agreement review (CFCS 5.5): recording it (checklist, what the agreement contains
 * per clause, outcome, next date, the agreement as evidence), the findings it yields, and the
 * reminder to the supplier's internal owner. Every change is audited.
 */
import { getDb, type Db } from "#db/client";
import {
  findSupplierDocument,
  insertContractReview,
  latestSubmittedAnswers,
  listContractReviews,
  listContractReviewSchedules,
  listSupplierDocuments,
} from "#db/repos/relationship";
import { findSupplier } from "#db/repos/suppliers";
import { recordAudit } from "~/audit/audit.server";
import type { StaffContext } from "~/auth/staff-session.server";
import { getEnv } from "~/config/env.server";
import { sendEmail } from "~/email/send-email.server";
import { contractReviewReminderEmail } from "~/email/templates/contract-review-reminder";
import type { Job } from "~/jobs/job-runner.server";
import { newId } from "~/security/tokens.server";
import { isoDate } from "~/staff/dates";
import {
  acceptedClauses,
  CLAUSE_IDS,
  clauseFindings,
  contractReviewDue,
  contractReviewReminder,
  latestNextReview,
  proposedNextReview,
  type AgreementContains,
  type ReviewChecklistItem,
  type ReviewOutcome,
} from "./contract-review";

/** What the review page and the supplier page show. */
export function contractReviewState(orgId: string, supplier: { id: string; createdAt: Date }, now: Date, db: Db = getDb()) {
  const reviews = listContractReviews(db, orgId, supplier.id);
  const today = isoDate(now);
  const latest = latestSubmittedAnswers(db, orgId, supplier.id, CLAUSE_IDS);
  return {
    dueOn: contractReviewDue(reviews[0], isoDate(supplier.createdAt)),
    today,
    proposedNext: proposedNextReview(today),
    reviews: reviews.map((r) => ({ id: r.id, completedAt: r.completedAt, dueOn: r.dueOn, outcome: r.outcome, nextDueOn: r.nextDueOn, findings: r.findings ?? [], notes: r.notes, documentId: r.documentId, clauses: r.clauses ?? {}, checklist: r.checklist ?? {} })),
    accepted: latest ? acceptedClauses(latest.answers) : null,
    agreements: listSupplierDocuments(db, orgId, supplier.id, "agreement").map((d) => ({ id: d.id, name: d.originalName, createdAt: d.createdAt })),
  };
}

export type ReviewOutcomeResult = { kind: "ok"; findings: number } | { kind: "not-found" } | { kind: "field"; field: string; message: string };

export function recordContractReview(
  context: StaffContext,
  supplierId: string,
  input: {
    checklist: Record<ReviewChecklistItem, "yes" | "no">;
    clauses: Record<string, AgreementContains>;
    outcome: ReviewOutcome;
    nextDueOn: string;
    notes?: string;
    documentId?: string;
  },
  ip: string,
  options: { db?: Db; now?: Date } = {},
): ReviewOutcomeResult {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const orgId = context.organisation.id;
  const supplier = findSupplier(db, orgId, supplierId);
  if (!supplier) return { kind: "not-found" };
  if (supplier.archivedAt) return { kind: "field", field: "outcome", message: "relationship.archived.noChanges" };
  const today = isoDate(now);
  if (input.nextDueOn <= today) return { kind: "field", field: "nextDueOn", message: "relationship.review.nextInFuture" };
  if (input.nextDueOn > latestNextReview(today)) return { kind: "field", field: "nextDueOn", message: "relationship.review.nextWithinYear" };
  if (input.documentId && !findSupplierDocument(db, orgId, supplierId, input.documentId)) return { kind: "field", field: "documentId", message: "validation.invalidChoice" };
  const state = contractReviewState(orgId, supplier, now, db);
  const findings = state.accepted ? clauseFindings(state.accepted, input.clauses) : [];
  const id = newId();
  insertContractReview(db, {
    id,
    orgId,
    supplierId,
    dueOn: state.dueOn,
    completedAt: now,
    completedBy: context.user.id,
    outcome: input.outcome,
    notes: input.notes ?? null,
    checklist: input.checklist,
    clauses: input.clauses,
    findings,
    nextDueOn: input.nextDueOn,
    documentId: input.documentId ?? null,
    createdAt: now,
  });
  recordAudit(
    {
      orgId,
      actor: { type: "staff", id: context.user.id, label: context.user.name },
      action: "supplier.contract-review.recorded",
      target: { type: "supplier", id: supplierId },
      ip,
      details: { reviewId: id, outcome: input.outcome, checklist: input.checklist, findings, nextDueOn: input.nextDueOn, documentId: input.documentId ?? null },
      at: now,
    },
    db,
  );
  return { kind: "ok", findings: findings.length };
}

/**
 * Reminds each active supplier's internal owner of the yearly review a month before it is due and
 * once it is overdue. Idempotent: the key names the supplier, the due date and the kind. Archived
 * suppliers and suppliers without an owner are skipped.
 */
export async function runContractReviewReminders({ db, now }: { db: Db; now: Date }) {
  const today = isoDate(now);
  let sent = 0;
  let duplicates = 0;
  for (const row of listContractReviewSchedules(db)) {
    const dueOn = contractReviewDue({ nextDueOn: row.nextDueOn }, isoDate(row.createdAt));
    const kind = contractReviewReminder(dueOn, today);
    if (!kind) continue;
    const locale = row.ownerLocale ?? row.settings.defaultLocale;
    const content = contractReviewReminderEmail({
      locale,
      ownerName: row.ownerName,
      supplierName: row.supplierName,
      dueOn,
      overdue: kind === "overdue",
      url: `${getEnv().PUBLIC_URL}/staff/suppliers/${row.supplierId}/contract-review`,
    });
    const result = await sendEmail(
      { orgId: row.orgId, to: row.ownerEmail, locale, dedupeKey: `contract-review:${row.supplierId}:${dueOn}:${kind}`, ...content },
      { db, now },
    );
    if (result.status === "duplicate") {
      duplicates++;
      continue;
    }
    sent++;
    recordAudit(
      {
        orgId: row.orgId,
        actor: { type: "system", label: "contract-review-reminders" },
        action: "supplier.contract-review.reminder-sent",
        target: { type: "supplier", id: row.supplierId },
        details: { to: row.ownerId, dueOn, kind },
        at: now,
      },
      db,
    );
  }
  return { sent, duplicates };
}

export const contractReviewRemindersJob: Job = {
  name: "contract-review-reminders",
  run: (context) => runContractReviewReminders(context),
};
