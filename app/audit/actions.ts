/**
 * Every action the audit log records (SECURITY.md row 27): `recordAudit` accepts only these, so a
 * new action is added here first; TypeScript then also refuses it until it has a label
 * (`review.audit.action.<action>` in app/i18n/messages/review.ts, Danish and English).
 *
 * The strings are stored in `audit_log.action`: never rename one, or old rows stop matching the
 * filter and lose their label. Shared by server and client (the audit page's filter and labels).
 */
import type { MessageKey } from "~/i18n/messages";
import type { Translator } from "~/i18n/translate";

export const AUDIT_ACTIONS = [
  // Refusals (refuseStaff, consumeRateLimit's `audit` option, invitation entry).
  "access.refused",
  "access.throttled",
  // Assessments: sending and managing (app/suppliers/assessments.server.ts), reminders and
  // escalation (app/reminders/), the supplier's submission (app/supplier-portal/submission.server.ts).
  "assessment.sent",
  "assessment.contact.added",
  "assessment.invitation.resent",
  "assessment.due-date.extended",
  "assessment.revoked",
  "assessment.reminder.sent",
  "assessment.escalated",
  "assessment.submitted",
  "assessment.clarification_answered",
  // Reassessment (app/reassessment/): started by the schedule or by staff; a theme confirmed unchanged.
  "assessment.reassessment-started",
  "assessment.theme-confirmed-unchanged",
  // Review (app/review/): assignment, verdicts, clarifications, flags, the decision, evidence downloads.
  "assessment.assigned",
  "question.accepted",
  "question.finding_recorded",
  "clarification.requested",
  "flag.risk_accepted",
  "flag.acceptance_lapsed",
  "assessment.decided",
  "remediation.closed",
  // Evidence (app/evidence/, app/review/evidence-download.server.ts).
  // Reusable supplier answers: an answer file imported into an invitation (app/answer-files/).
  "answers.imported",
  "evidence.uploaded",
  "evidence.refused",
  "evidence.deleted",
  "evidence.downloaded",
  // Organisation (app/organisations/).
  "organisation.created",
  "organisation.settings.updated",
  // Staff accounts: sign-in (app/staff/login.server.ts), own account (account.server.ts), password
  // reset, invitations and user administration.
  "staff.login",
  "staff.login.password-accepted",
  "staff.login.failed",
  "staff.two-factor.failed",
  "staff.logout",
  "staff.logout.everywhere",
  "staff.session.ended",
  "staff.reauthenticated",
  "staff.reauthentication.failed",
  "staff.password.changed",
  "staff.password-reset.requested",
  "staff.password-reset.requested-unknown",
  "staff.password.reset",
  "staff.two-factor.enabled",
  "staff.two-factor.disabled",
  "staff.recovery-codes.regenerated",
  "staff.invited",
  "staff.invitation.revoked",
  "staff.invitation.accepted",
  "staff.invitation_refused",
  "staff.role.changed",
  "staff.disabled",
  "staff.enabled",
  // Suppliers (app/suppliers/) and the supplier's invitation link (app/supplier-portal/invitation-entry.server.ts).
  "supplier.created",
  "supplier.imported",
  "supplier.updated",
  "supplier.risk-profile.updated",
  "supplier.tier-overridden",
  "supplier.tier-override-removed",
  "supplier.contact.added",
  "supplier.contact.updated",
  "supplier.contact.removed",
  "supplier.sub-supplier.added",
  "supplier.sub-supplier.removed",
  "supplier.questionnaire-sent",
  "supplier.invitation_accepted",
  "supplier.invitation_refused",
  // Incidents, changes and dated evidence (app/supervision/).
  "supplier.event.recorded",
  "supplier.report-link.issued",
  "supplier.report-link.revoked",
  "supplier.dated-evidence.added",
  "supplier.dated-evidence.updated",
  "supplier.dated-evidence.renewal-requested",
  "supplier.dated-evidence.renewed",
  "supplier.dated-evidence.lapsed",
  "organisation.event-rules.updated",
  // The relationship after onboarding (app/relationship/).
  "organisation.raci.updated",
  "supplier.raci.updated",
  "supplier.raci.reset",
  "supplier.sub-supplier.confirmed",
  "supplier.sub-supplier.change-reported",
  "supplier.contract-review.recorded",
  "supplier.contract-review.reminder-sent",
  "supplier.document.uploaded",
  "supplier.document.downloaded",
  "supplier.offboarding.started",
  "supplier.offboarding.updated",
  "supplier.offboarding.deletion-requested",
  "supplier.offboarding.confirmation-uploaded",
  "supplier.archived",
  "supplier.reactivated",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const KNOWN: ReadonlySet<string> = new Set(AUDIT_ACTIONS);

export function isAuditAction(value: string): value is AuditAction {
  return KNOWN.has(value);
}

/** The message key of an action's label; TypeScript refuses an action without one. */
export function auditActionLabelKey(action: AuditAction) {
  return `review.audit.action.${action}` as const satisfies MessageKey;
}

/** An action as people read it; a stored action this code no longer knows is shown as it is. */
export function auditActionLabel(t: Translator, action: string): string {
  return isAuditAction(action) ? t(auditActionLabelKey(action)) : action;
}
