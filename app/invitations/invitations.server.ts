/**
 * Invitation links (`<PUBLIC_URL>/invite/<token>`), shared by the staff side (which sends them)
 * and the supplier side (which exchanges them for a session). One link per contact and
 * assessment; sending again revokes the previous link (SECURITY.md row 7).
 */
import { getDb, type Db } from "#db/client";
import { findInvitationByTokenHash, insertInvitationReplacingPrevious } from "#db/repos/invitations";
import { getEnv } from "~/config/env.server";
import { generateToken, hashesEqual, hashToken, newId } from "~/security/tokens.server";

const DAY = 24 * 60 * 60 * 1000;
/** A link stays usable this long after the due date, so a late supplier can still finish. */
export const INVITATION_GRACE_DAYS = 30;

export function invitationExpiry(dueDate: string): Date {
  return new Date(new Date(`${dueDate}T23:59:59Z`).getTime() + INVITATION_GRACE_DAYS * DAY);
}

export function invitationUrl(token: string): string {
  return `${getEnv().PUBLIC_URL}/invite/${token}`;
}

export function createInvitation(
  input: { orgId: string; assessmentId: string; contactId: string; expiresAt: Date },
  options: { now?: Date; db?: Db; /** A token already generated (and already put in a sent email). */ token?: string } = {},
): { token: string; invitationId: string; url: string } {
  const now = options.now ?? new Date();
  const token = options.token ?? generateToken();
  const invitationId = newId();
  insertInvitationReplacingPrevious(
    options.db ?? getDb(),
    { id: invitationId, ...input, tokenHash: hashToken(token), createdAt: now },
    now,
  );
  return { token, invitationId, url: invitationUrl(token) };
}

export type InvitationLookup = NonNullable<ReturnType<typeof findInvitationByTokenHash>>;

/** The invitation a token names, usable or not (for auditing a refused link), or null when it names none. */
export function findInvitationByToken(token: string, options: { db?: Db } = {}): InvitationLookup | null {
  if (!/^[a-z2-7]{20,64}$/.test(token)) return null;
  const tokenHash = hashToken(token);
  const found = findInvitationByTokenHash(options.db ?? getDb(), tokenHash);
  return found && hashesEqual(found.invitation.tokenHash, tokenHash) ? found : null;
}

export type InvitationRefusal = "revoked" | "expired" | "assessment-closed";

/** Why an invitation cannot be used now (revoked or replaced, past its expiry, assessment revoked or expired), or null. */
export function invitationRefusal(found: InvitationLookup, now: Date): InvitationRefusal | null {
  if (found.invitation.revokedAt) return "revoked";
  if (found.invitation.expiresAt <= now) return "expired";
  if (found.assessment.status === "revoked" || found.assessment.status === "expired") return "assessment-closed";
  return null;
}

/**
 * The invitation a token opens, or null when it is unknown, expired, revoked or its assessment
 * no longer takes answers: callers answer all of these the same way (SECURITY.md row 9).
 */
export function findUsableInvitation(token: string, options: { now?: Date; db?: Db } = {}): InvitationLookup | null {
  const found = findInvitationByToken(token, options);
  return found && !invitationRefusal(found, options.now ?? new Date()) ? found : null;
}
