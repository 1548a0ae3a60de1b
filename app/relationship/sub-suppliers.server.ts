/**
 * Sub-suppliers from the answers (CFCS bilag 2): the proposals staff confirm, and the event
 * recorded when a submitted answer no longer names a confirmed critical sub-supplier.
 */
import { getDb, type Db } from "#db/client";
import {
  answersOf,
  insertConfirmedSubSupplier,
  insertSupplierEvent,
  isSubmittedAssessmentOf,
  latestSubmittedAnswers,
} from "#db/repos/relationship";
import { findSupplier, listSubSuppliers } from "#db/repos/suppliers";
import { recordAudit } from "~/audit/audit.server";
import type { StaffContext } from "~/auth/staff-session.server";
import { newId } from "~/security/tokens.server";
import { isoDate } from "~/staff/dates";
import {
  criticalSubSupplierChange,
  OUTSOURCES_QUESTION,
  parseSubSupplierAnswer,
  reassessmentFor,
  subSupplierProposals,
  SUB_SUPPLIERS_QUESTION,
  type ReportedSubSupplier,
} from "./sub-suppliers";

const text = (value: unknown): string | null => (typeof value === "string" ? value : null);
const yesNo = (value: unknown): boolean | null => (value === "yes" ? true : value === "no" ? false : null);

/** The latest submitted answer's sub-suppliers that are not yet on the supplier's list. */
export function subSupplierProposalsFor(orgId: string, supplierId: string, db: Db = getDb()): { assessmentId: string; proposals: ReportedSubSupplier[] } | null {
  const latest = latestSubmittedAnswers(db, orgId, supplierId, [OUTSOURCES_QUESTION, SUB_SUPPLIERS_QUESTION]);
  const list = latest ? text(latest.answers.get(SUB_SUPPLIERS_QUESTION)) : null;
  if (!latest || !list || yesNo(latest.answers.get(OUTSOURCES_QUESTION)) === false) return null;
  return { assessmentId: latest.assessmentId, proposals: subSupplierProposals(parseSubSupplierAnswer(list), listSubSuppliers(db, orgId, supplierId)) };
}

export type ConfirmOutcome = { kind: "ok" } | { kind: "not-found" } | { kind: "field"; field: string; message: string };

export function confirmSubSupplier(
  context: StaffContext,
  supplierId: string,
  input: { assessmentId: string; sourceText: string; name: string; service: string; country: string; critical: boolean },
  ip: string,
  options: { db?: Db; now?: Date } = {},
): ConfirmOutcome {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const orgId = context.organisation.id;
  if (!findSupplier(db, orgId, supplierId)) return { kind: "not-found" };
  if (!isSubmittedAssessmentOf(db, orgId, supplierId, input.assessmentId)) return { kind: "not-found" };
  const known = listSubSuppliers(db, orgId, supplierId);
  if (subSupplierProposals([{ line: "", name: input.name, service: "", where: "", country: null }], known).length === 0) {
    return { kind: "field", field: "name", message: "relationship.subSuppliers.alreadyListed" };
  }
  const id = newId();
  insertConfirmedSubSupplier(db, {
    id,
    orgId,
    supplierId,
    name: input.name,
    service: input.service,
    country: input.country,
    critical: input.critical,
    sourceAssessmentId: input.assessmentId,
    sourceText: input.sourceText,
    confirmedAt: now,
    confirmedBy: context.user.id,
    createdAt: now,
  });
  recordAudit(
    {
      orgId,
      actor: { type: "staff", id: context.user.id, label: context.user.name },
      action: "supplier.sub-supplier.confirmed",
      target: { type: "supplier", id: supplierId },
      ip,
      details: { subSupplierId: id, name: input.name, critical: input.critical, assessmentId: input.assessmentId },
      at: now,
    },
    db,
  );
  return { kind: "ok" };
}

/**
 * After a submission: when the answer no longer names a confirmed critical sub-supplier, a
 * supplier event records the change and, by the organisation's rule, that a reassessment is
 * requested. Returns the event's id, or null when nothing critical changed.
 */
export function recordSubSupplierChange(
  input: { orgId: string; supplierId: string; assessmentId: string; actor: { type: "supplier"; id: string; label: string } },
  options: { db?: Db; now?: Date; ip?: string | null } = {},
): string | null {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const answers = answersOf(db, input.orgId, input.assessmentId, [OUTSOURCES_QUESTION, SUB_SUPPLIERS_QUESTION]);
  const change = criticalSubSupplierChange(listSubSuppliers(db, input.orgId, input.supplierId), {
    outsources: yesNo(answers.get(OUTSOURCES_QUESTION)),
    list: text(answers.get(SUB_SUPPLIERS_QUESTION)),
  });
  if (!change) return null;
  const id = newId();
  const reassessment = reassessmentFor(change);
  insertSupplierEvent(db, {
    id,
    orgId: input.orgId,
    supplierId: input.supplierId,
    kind: "change",
    description: change.removed.join(", "),
    occurredOn: isoDate(now),
    source: "sub-supplier",
    reassessment,
    details: { removed: change.removed, added: change.added, assessmentId: input.assessmentId },
    createdAt: now,
  });
  recordAudit(
    {
      orgId: input.orgId,
      actor: input.actor,
      action: "supplier.sub-supplier.change-reported",
      target: { type: "supplier", id: input.supplierId },
      ip: options.ip ?? null,
      details: { eventId: id, removed: change.removed, added: change.added, reassessment, assessmentId: input.assessmentId },
      at: now,
    },
    db,
  );
  return id;
}
