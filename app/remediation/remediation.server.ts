/**
 * Remediation items: the conditions of an "approved with conditions" decision (CFCS 5.5, contract
 * follow-up), tracked on the supplier page until closed, with reminders before and after the
 * deadline through the job runner. Idempotent: each reminder has its own dedupe key.
 */
import { getDb, type Db } from "#db/client";
import {
  closeRemediationItem,
  findRemediationItem,
  findSecurityContact,
  findStaffRecipient,
  listOpenRemediationDueBy,
  listSupplierRemediation,
  type RemediationRow,
} from "#db/repos/remediation";
import { recordAudit } from "~/audit/audit.server";
import type { StaffContext } from "~/auth/staff-session.server";
import { getEnv } from "~/config/env.server";
import { renderEmail } from "~/email/email-layout.server";
import { sendEmail } from "~/email/send-email.server";
import { notFound } from "~/http/errors.server";
import { formatDate } from "~/i18n/format";
import { getTranslator } from "~/i18n/translate";
import type { Job } from "~/jobs/job-runner.server";

const DAY = 24 * 60 * 60 * 1000;
/** The first reminder goes this many days before the deadline; after it, one a week. */
export const REMIND_DAYS_BEFORE = 7;
export const OVERDUE_EVERY_DAYS = 7;

export interface RemediationItemView {
  id: string;
  assessmentId: string;
  text: string;
  ownerSide: "supplier" | "customer";
  ownerName: string;
  deadline: string;
  status: "open" | "closed";
  overdue: boolean;
  closedAt: Date | null;
  closingNote: string | null;
}

function toView(item: RemediationRow, today: string): RemediationItemView {
  return {
    id: item.id,
    assessmentId: item.assessmentId,
    text: item.text,
    ownerSide: item.ownerSide,
    ownerName: item.ownerName,
    deadline: item.deadline,
    status: item.status,
    overdue: item.status === "open" && item.deadline < today,
    closedAt: item.closedAt,
    closingNote: item.closingNote,
  };
}

/**
 * For the supplier page's loader: the supplier's conditions, open first. Call after the route has
 * checked the supplier belongs to the staff member's organisation (the query filters on it too).
 */
export function loadSupplierRemediation(
  staff: StaffContext,
  supplierId: string,
  options: { db?: Db; now?: Date } = {},
): { items: RemediationItemView[]; canClose: boolean } {
  const today = (options.now ?? new Date()).toISOString().slice(0, 10);
  const items = listSupplierRemediation(options.db ?? getDb(), staff.organisation.id, supplierId).map((item) => toView(item, today));
  return { items, canClose: staff.user.role !== "viewer" };
}

export function closeRemediation(
  staff: StaffContext,
  itemId: string,
  note: string,
  meta: { ip?: string | null; now?: Date; db?: Db } = {},
): { ok: true } | { ok: false; field: string; message: string } {
  const db = meta.db ?? getDb();
  const now = meta.now ?? new Date();
  const orgId = staff.organisation.id;
  const item = findRemediationItem(db, orgId, itemId);
  if (!item) notFound();
  if (item.status !== "open") return { ok: false, field: "note", message: "review.error.remediationClosed" };
  db.transaction(() => {
    closeRemediationItem(db, orgId, item.id, { closedBy: staff.user.id, closingNote: note, closedAt: now });
    recordAudit(
      {
        orgId,
        actor: { type: "staff", id: staff.user.id, label: staff.user.name },
        action: "remediation.closed",
        target: { type: "assessment", id: item.assessmentId },
        ip: meta.ip,
        at: now,
        details: { remediationId: item.id, text: item.text, note, before: { status: "open" }, after: { status: "closed" } },
      },
      db,
    );
  });
  return { ok: true };
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / DAY);
}

/** Which reminder (if any) is due for an item today, as its dedupe key suffix. */
export function reminderFor(deadline: string, today: string): { kind: "before" | "overdue"; key: string } | null {
  const daysLeft = daysBetween(today, deadline);
  if (daysLeft >= 0 && daysLeft <= REMIND_DAYS_BEFORE) return { kind: "before", key: "before" };
  if (daysLeft < 0) {
    const week = Math.floor((-daysLeft - 1) / OVERDUE_EVERY_DAYS);
    return { kind: "overdue", key: `overdue-${week}` };
  }
  return null;
}

export async function sendRemediationReminders(db: Db, now: Date): Promise<{ considered: number; sent: number }> {
  const today = isoDay(now);
  const horizon = isoDay(new Date(now.getTime() + REMIND_DAYS_BEFORE * DAY));
  const due = listOpenRemediationDueBy(db, horizon);
  let sent = 0;
  for (const { item, supplierName, supplierOwnerUserId } of due) {
    const reminder = reminderFor(item.deadline, today);
    if (!reminder) continue;
    let to: { email: string; name: string; locale: "da" | "en" } | undefined;
    let link: string | undefined;
    if (item.ownerSide === "supplier") {
      const contact = findSecurityContact(db, item.orgId, item.supplierId);
      if (contact) to = { email: contact.email, name: contact.name, locale: contact.locale };
    } else {
      const userId = supplierOwnerUserId ?? item.createdBy;
      const user = userId ? findStaffRecipient(db, item.orgId, userId) : undefined;
      if (user && !user.disabledAt) to = { email: user.email, name: user.name, locale: user.locale ?? "da" };
      link = `${getEnv().PUBLIC_URL}/staff/assessments/${item.assessmentId}`;
    }
    if (!to) continue;
    const t = getTranslator(to.locale);
    const deadline = formatDate(item.deadline, to.locale);
    const { html, text } = renderEmail({
      locale: to.locale,
      heading: t(reminder.kind === "before" ? "review.email.remediation.beforeHeading" : "review.email.remediation.overdueHeading"),
      paragraphs: [
        t("review.email.greeting", { name: to.name }),
        t(reminder.kind === "before" ? "review.email.remediation.before" : "review.email.remediation.overdue", {
          supplier: supplierName,
          deadline,
        }),
        item.text,
      ],
      ...(link ? { action: { label: t("review.email.remediation.action"), url: link } } : {}),
    });
    const result = await sendEmail(
      {
        orgId: item.orgId,
        to: to.email,
        subject: t(reminder.kind === "before" ? "review.email.remediation.beforeSubject" : "review.email.remediation.overdueSubject", {
          supplier: supplierName,
        }),
        html,
        text,
        kind: `remediation-${reminder.kind}`,
        locale: to.locale,
        assessmentId: item.assessmentId,
        dedupeKey: `remediation:${item.id}:${reminder.key}`,
      },
      { db, now },
    );
    if (result.status !== "duplicate") sent++;
  }
  return { considered: due.length, sent };
}

export const remediationRemindersJob: Job = {
  name: "remediation-reminders",
  run: ({ db, now }) => sendRemediationReminders(db, now),
};
