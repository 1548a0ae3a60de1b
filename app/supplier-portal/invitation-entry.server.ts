/**
 * The invitation link (SECURITY.md rows 7–9). `GET /invite/<token>` only looks: it writes
 * nothing for a usable link, so mail scanners that prefetch links change nothing. The button's
 * POST exchanges the token for a supplier session and marks the assessment opened.
 *
 * Unknown, expired, revoked and replaced links all get the same 404 and the same page. Guesses
 * are throttled per IP: a failed lookup counts against `invitationTokenPerIp` (the counter is
 * the only row a GET may write, and only for a link that does not work); once over the limit
 * every attempt from that IP gets the localised 429, usable links included.
 *
 * Audit (SECURITY.md row 27): the POST with a link that names a real invitation which can no
 * longer be used (revoked or replaced, expired, assessment closed) is recorded as
 * `supplier.invitation_refused` under the invitation's organisation, with its id and the reason,
 * never the token. The GET records no refusal (mail scanners prefetch links). The first throttled
 * attempt of a window is recorded as `access.throttled`, under the organisation of the invitation
 * the token names, or with no organisation for a token that names none.
 */
import { data } from "@remix-run/node";
import { getDb, type Db } from "#db/client";
import { markInvitationAccepted } from "#db/repos/supplier-sessions";
import { recordAudit } from "~/audit/audit.server";
import { withRateLimitPage } from "~/http/errors.server";
import { findInvitationByToken, invitationRefusal, type InvitationLookup } from "~/invitations/invitations.server";
import { lookUpTokenThrottled, RATE_LIMITS, type ThrottledAttempt } from "~/security/rate-limit.server";
import { hashToken } from "~/security/tokens.server";
import { createSupplierSession, endSupplierSession } from "./supplier-session.server";

export const INVITATION_PAGE_HEADERS = { "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" } as const;

/** The one answer for every link that cannot be used. */
function invitationUnusable(): never {
  throw data({ kind: "invitation-unusable" as const }, { status: 404, headers: INVITATION_PAGE_HEADERS });
}

/** The contact the link was sent to: who an attempt with it is recorded against. */
function contactActor(found: InvitationLookup) {
  return { type: "supplier" as const, id: found.contact.id, label: found.contact.name };
}

function lookUp(token: string, ip: string, options: { now?: Date; db?: Db; auditRefusal?: boolean }): InvitationLookup {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const rule = RATE_LIMITS.invitationTokenPerIp;
  const audit = (): ThrottledAttempt => {
    const named = findInvitationByToken(token, { db });
    return named
      ? { orgId: named.invitation.orgId, actor: contactActor(named), target: { type: "assessment", id: named.assessment.id }, ip }
      : { orgId: null, actor: { type: "anonymous" }, ip };
  };
  const found = withRateLimitPage(() =>
    lookUpTokenThrottled(
      rule,
      ip,
      () => {
        const named = findInvitationByToken(token, { db });
        const refusal = named ? invitationRefusal(named, now) : null;
        if (named && refusal && options.auditRefusal) {
          recordAudit(
            {
              orgId: named.invitation.orgId,
              actor: contactActor(named),
              action: "supplier.invitation_refused",
              target: { type: "assessment", id: named.assessment.id },
              ip,
              details: { invitationId: named.invitation.id, reason: refusal },
              at: now,
            },
            db,
          );
        }
        return refusal ? null : named;
      },
      { now, db, audit },
    ),
  );
  if (!found) invitationUnusable();
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
  const found = lookUp(token, ip, { now, db, auditRefusal: true });
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
      actor: contactActor(found),
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
