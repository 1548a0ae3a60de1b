/**
 * Sub-suppliers from the answers (CFCS bilag 2): the proposals staff confirm, and the supplier
 * event recorded when a submitted answer no longer names a confirmed critical sub-supplier.
 */
import { getDb, type Db } from "#db/client";
import { findOrganisation } from "#db/repos/organisations";
import { answersOf, insertConfirmedSubSupplier, isSubmittedAssessmentOf, latestSubmittedAnswers } from "#db/repos/relationship";
import { findSupplier, listSubSuppliers } from "#db/repos/suppliers";
import { recordAudit } from "~/audit/audit.server";
import type { StaffContext } from "~/auth/staff-session.server";
import { getTranslator } from "~/i18n/translate";
import { newId } from "~/security/tokens.server";
import { reportEventBySession } from "~/supervision/events.server";
import type { SupplierContext } from "~/supplier-portal/supplier-session.server";
import { isoDate } from "~/staff/dates";
import {
  criticalSubSupplierChange,
  OUTSOURCES_QUESTION,
  parseSubSupplierAnswer,
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
 * After a submission: when the answer no longer names a confirmed critical sub-supplier, the
 * supplier has reported a change of a critical sub-supplier. It is recorded as the supplier's own
 * event (kind "sub_supplier") through the supervision events (app/supervision/events.server.ts),
 * whose organisation rule moves the next assessment forward or asks for a reassessment at once;
 * the reassessment job then starts it. Returns the event's id, or null when nothing critical changed.
 */
export function recordSubSupplierChange(ctx: SupplierContext, options: { db?: Db; now?: Date; ip?: string | null } = {}): string | null {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const { orgId, supplierId, id: assessmentId } = ctx.assessment;
  const answers = answersOf(db, orgId, assessmentId, [OUTSOURCES_QUESTION, SUB_SUPPLIERS_QUESTION]);
  const change = criticalSubSupplierChange(listSubSuppliers(db, orgId, supplierId), {
    outsources: yesNo(answers.get(OUTSOURCES_QUESTION)),
    list: text(answers.get(SUB_SUPPLIERS_QUESTION)),
  });
  const organisation = change ? findOrganisation(db, orgId) : undefined;
  if (!change || !organisation) return null;
  const t = getTranslator(organisation.settings.defaultLocale);
  const description = [
    t("relationship.events.subSupplierChange", { names: change.removed.join(", ") }),
    change.added.length > 0 ? t("relationship.events.subSupplierAdded", { names: change.added.join(", ") }) : "",
  ]
    .filter(Boolean)
    .join(" ");
  const outcome = reportEventBySession(ctx, { kind: "sub_supplier", occurredOn: isoDate(now), description: description.slice(0, 2000) }, options.ip ?? "", { db, now });
  return outcome.kind === "ok" ? outcome.eventId : null;
}
