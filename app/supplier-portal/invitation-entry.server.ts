/**
 * The invitation link (SECURITY.md rows 7–9). `GET /invite/<token>` only looks: it writes
 * nothing for a usable link, so mail scanners that prefetch links change nothing. The button's
 * POST exchanges the token for a supplier session and marks the assessment opened.
 *
 * Unknown, expired, revoked and replaced links all get the same 404 and the same page. Guesses
 * are throttled per IP: a failed lookup counts against `invitationTokenPerIp` (the counter is
 * the only row a GET may write, and only for a link that does not work); once over the limit
 * every attempt from that IP gets the localised 429, usable links included.
 */
import { data } from "@remix-run/node";
import { getDb, type Db } from "#db/client";
import { markInvitationAccepted } from "#db/repos/supplier-sessions";
import { recordAudit } from "~/audit/audit.server";
import { withRateLimitPage } from "~/http/errors.server";
import { findUsableInvitation, type InvitationLookup } from "~/invitations/invitations.server";
import { consumeRateLimit, isRateLimited, RATE_LIMITS } from "~/security/rate-limit.server";
import { tooManyRequests } from "~/http/errors.server";
import { hashToken } from "~/security/tokens.server";
import { createSupplierSession, endSupplierSession } from "./supplier-session.server";

export const INVITATION_PAGE_HEADERS = { "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" } as const;

/** The one answer for every link that cannot be used. */
function invitationUnusable(): never {
  throw data({ kind: "invitation-unusable" as const }, { status: 404, headers: INVITATION_PAGE_HEADERS });
}

function lookUp(token: string, ip: string, options: { now?: Date; db?: Db }): InvitationLookup {
  const db = options.db ?? getDb();
  const rule = RATE_LIMITS.invitationTokenPerIp;
  if (isRateLimited(rule, ip, { now: options.now, db })) {
    // Counting it too keeps the Retry-After honest for a client that keeps trying.
    withRateLimitPage(() => consumeRateLimit(rule, ip, { now: options.now, db }));
    tooManyRequests(Math.ceil(rule.windowMs / 1000));
  }
  const found = findUsableInvitation(token, { now: options.now, db });
  if (!found) {
    withRateLimitPage(() => consumeRateLimit(rule, ip, { now: options.now, db }));
    invitationUnusable();
  }
  return found;
}

export interface InvitationWelcome {
  organisationName: string;
  supplierName: string;
  contactName: string;
  dueDate: string;
  questionnaireVersionId: string;
}

/** For the GET: what the welcome page shows. Writes nothing for a usable link. */
export function inspectInvitation(token: string, ip: string, options: { now?: Date; db?: Db } = {}): InvitationWelcome {
  const found = lookUp(token, ip, options);
  return {
    organisationName: found.organisationName,
    supplierName: found.supplierName,
    contactName: found.contact.name,
    dueDate: found.assessment.dueDate,
    questionnaireVersionId: found.assessment.questionnaireVersionId,
  };
}

/** For the POST: a new supplier session (never reusing one the browser may carry), the assessment marked opened, audited. */
export function acceptInvitation(
  token: string,
  ip: string,
  options: { now?: Date; db?: Db; replacing?: string | null } = {},
): { cookie: string; assessmentId: string } {
  const now = options.now ?? new Date();
  const db = options.db ?? getDb();
  const found = lookUp(token, ip, { now, db });
  // No fixation: whatever session the browser carried ends; a new one is always issued.
  if (options.replacing) endSupplierSession(hashToken(options.replacing), db);
  const { invitation, assessment, contact } = found;
  const session = createSupplierSession(
    { orgId: invitation.orgId, assessmentId: assessment.id, contactId: contact.id, invitationId: invitation.id },
    { now, db },
  );
  markInvitationAccepted(db, { orgId: invitation.orgId, assessmentId: assessment.id, invitationId: invitation.id, now });
  recordAudit(
    {
      orgId: invitation.orgId,
      actor: { type: "supplier", id: contact.id, label: contact.name },
      action: "supplier.invitation_accepted",
      target: { type: "assessment", id: assessment.id },
      ip,
      details: { invitationId: invitation.id, firstOpen: assessment.status === "sent" },
      at: now,
    },
    db,
  );
  return { cookie: session.cookie, assessmentId: assessment.id };
}
