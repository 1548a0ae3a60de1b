/**
 * Reminders on the organisation's cadence (SPEC C3): some days after sending, some days before the
 * due date, on the due date; then, once overdue by `escalateAfterDays`, an email to the supplier's
 * internal owner (or the organisation's admins when it has none). Open assessments whose links have
 * all run out (due date plus the grace period) become expired.
 *
 * Idempotent: every email has a dedupe key naming the assessment, contact, kind and the day it is
 * for (`reminder:<assessmentId>:<contactId>:<kind>:<n>`), claimed in the database before sending,
 * so running the job twice, or two runners at once, sends each reminder once.
 */
import type { Db } from "#db/client";
import {
  expireAssessments,
  listActiveInvitationContacts,
  listEscalationRecipients,
  listRemindableAssessments,
} from "#db/repos/assessments-staff";
import { recordAudit } from "~/audit/audit.server";
import { getEnv } from "~/config/env.server";
import { sendEmail } from "~/email/send-email.server";
import { assessmentReminderEmail, type ReminderKind } from "~/email/templates/assessment-reminder";
import { overdueEscalationEmail } from "~/email/templates/overdue-escalation";
import { createInvitation, invitationExpiry, invitationUrl } from "~/invitations/invitations.server";
import { generateToken } from "~/security/tokens.server";
import type { Job } from "~/jobs/job-runner.server";
import { daysBetween, isoDate } from "~/staff/dates";
import type { OrgSettings } from "#db/schema";
import { listSupplierSchedules, updateSupplier } from "#db/repos/suppliers";
import { listEventsForScheduleJob } from "#db/repos/supplier-events";
import { nextAssessmentDueFor } from "~/suppliers/suppliers.server";

export interface DueReminder {
  kind: ReminderKind;
  /** The day the reminder is for: days after sending, or days before the due date (0 on the due date). */
  day: number;
}

/**
 * The one reminder a contact should have by `today`, if any: on the due date that one; before it,
 * the nearest "days before" step reached; otherwise the latest "days after sending" step reached.
 */
export function dueReminder(input: { sentOn: string; dueDate: string; today: string }, cadence: OrgSettings["reminders"]): DueReminder | null {
  const untilDue = daysBetween(input.today, input.dueDate);
  const sinceSent = daysBetween(input.sentOn, input.today);
  if (untilDue < 0) return null;
  if (untilDue === 0) return cadence.onDueDate ? { kind: "due-today", day: 0 } : null;
  const before = cadence.daysBeforeDue.filter((n) => n >= untilDue && n < daysBetween(input.sentOn, input.dueDate)).sort((a, b) => a - b)[0];
  if (before !== undefined) return { kind: "before-due", day: before };
  const after = cadence.daysAfterSend.filter((n) => n >= 1 && n <= sinceSent).sort((a, b) => b - a)[0];
  if (after !== undefined) return { kind: "after-send", day: after };
  return null;
}

export async function runReminders({ db, now }: { db: Db; now: Date }) {
  const today = isoDate(now);
  let reminders = 0;
  let escalations = 0;
  let duplicates = 0;
  const expired: string[] = [];
  for (const row of listRemindableAssessments(db)) {
    const { assessment, settings } = row;
    if (invitationExpiry(assessment.dueDate) <= now) {
      expired.push(assessment.id);
      continue;
    }
    const cadence = settings.reminders;
    const sentOn = isoDate(assessment.sentAt ?? assessment.createdAt);
    const reminder = dueReminder({ sentOn, dueDate: assessment.dueDate, today }, cadence);
    if (reminder) {
      for (const contact of listActiveInvitationContacts(db, assessment.orgId, assessment.id, now)) {
        // A contact who never opened the link gets a fresh one (the email may be lost); it replaces
        // the old link only once this reminder has claimed its key, so a second runner changes nothing.
        // A contact who has opened it keeps using it: replacing it would end their session.
        const token = contact.lastUsedAt ? null : generateToken();
        const content = assessmentReminderEmail({
          locale: contact.locale,
          reminder: reminder.kind,
          contactName: contact.name,
          organisationName: row.organisationName,
          dueDate: assessment.dueDate,
          url: token ? invitationUrl(token) : null,
        });
        const result = await sendEmail(
          {
            orgId: assessment.orgId,
            to: contact.email,
            locale: contact.locale,
            assessmentId: assessment.id,
            dedupeKey: `reminder:${assessment.id}:${contact.contactId}:${reminder.kind}:${reminder.day}:${assessment.dueDate}`,
            ...content,
          },
          { db, now },
        );
        if (result.status === "duplicate") duplicates++;
        else {
          if (token) {
            createInvitation(
              { orgId: assessment.orgId, assessmentId: assessment.id, contactId: contact.contactId, expiresAt: invitationExpiry(assessment.dueDate) },
              { now, db, token },
            );
          }
          reminders++;
          recordAudit(
            {
              orgId: assessment.orgId,
              actor: { type: "system", label: "reminders" },
              action: "assessment.reminder.sent",
              target: { type: "assessment", id: assessment.id },
              details: { kind: reminder.kind, day: reminder.day, contactId: contact.contactId },
              at: now,
            },
            db,
          );
        }
      }
    }
    const overdueDays = daysBetween(assessment.dueDate, today);
    if (overdueDays >= Math.max(1, cadence.escalateAfterDays)) {
      for (const recipient of listEscalationRecipients(db, assessment.orgId, row.ownerUserId)) {
        const locale = recipient.locale ?? settings.defaultLocale;
        const content = overdueEscalationEmail({
          locale,
          ownerName: recipient.name,
          supplierName: row.supplierName,
          dueDate: assessment.dueDate,
          url: `${getEnv().PUBLIC_URL}/staff/suppliers/${assessment.supplierId}/assessments/${assessment.id}`,
        });
        const result = await sendEmail(
          {
            orgId: assessment.orgId,
            to: recipient.email,
            locale,
            assessmentId: assessment.id,
            dedupeKey: `escalation:${assessment.id}:${recipient.id}:${assessment.dueDate}`,
            ...content,
          },
          { db, now },
        );
        if (result.status === "duplicate") duplicates++;
        else {
          escalations++;
          recordAudit(
            {
              orgId: assessment.orgId,
              actor: { type: "system", label: "reminders" },
              action: "assessment.escalated",
              target: { type: "assessment", id: assessment.id },
              details: { to: recipient.id, overdueDays },
              at: now,
            },
            db,
          );
        }
      }
    }
  }
  const expiredCount = expireAssessments(db, expired, now);
  return { reminders, escalations, duplicates, expired: expiredCount };
}

export const remindersJob: Job = {
  name: "assessment-reminders",
  run: (context) => runReminders(context),
};

/**
 * Keeps each assessed supplier's next-assessment date (used for filtering and the overview) in
 * step with its last assessment, tier and the organisation's intervals (SPEC C7). Idempotent.
 */
export function refreshNextAssessmentDates({ db, now }: { db: Db; now: Date }) {
  let updated = 0;
  const events = listEventsForScheduleJob(db);
  for (const row of listSupplierSchedules(db)) {
    const due = nextAssessmentDueFor({ lastAssessedAt: row.lastAssessedAt }, row.tier, row.settings, now, events.get(row.id));
    if (due !== row.nextAssessmentDue) {
      updateSupplier(db, row.orgId, row.id, { nextAssessmentDue: due });
      updated++;
    }
  }
  return { updated };
}

export const nextAssessmentJob: Job = {
  name: "supplier-next-assessment",
  run: (context) => refreshNextAssessmentDates(context),
};
