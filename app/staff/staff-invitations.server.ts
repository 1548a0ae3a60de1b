/**
 * Staff invitations (C9): an admin invites by email; the invitee follows the link, chooses a
 * password and is signed in. Token: 160 bits, only the SHA-256 stored, seven days, single use,
 * revocable; a new invitation to the same address revokes the earlier one.
 */
import { getDb, type Db } from "#db/client";
import {
  acceptStaffInvitation,
  findStaffInvitationByTokenHash,
  insertStaffInvitation,
  revokeStaffInvitation,
  type StaffInvitationRow,
} from "#db/repos/staff-invitations";
import { findOrganisation } from "#db/repos/organisations";
import { findUserByEmail } from "#db/repos/users";
import type { StaffRole } from "#db/schema";
import { recordAudit, staffActor } from "~/audit/audit.server";
import { hashPassword } from "~/auth/password.server";
import { createStaffSession, staffSessionCookie, invalidateStaffSession, type StaffContext } from "~/auth/staff-session.server";
import { getEnv } from "~/config/env.server";
import { sendEmail } from "~/email/send-email.server";
import { staffInvitationEmail } from "~/email/templates/staff-invitation";
import { formatDate } from "~/i18n/format";
import { consumeRateLimit, lookUpTokenThrottled, RATE_LIMITS, type ThrottledAttempt } from "~/security/rate-limit.server";
import { generateToken, hashesEqual, hashToken, newId } from "~/security/tokens.server";
import { passwordProblem } from "./password-policy.server";
import { twoFactorRequired } from "./two-factor-policy";

export const STAFF_INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

interface Options {
  now?: Date;
  db?: Db;
}

export function staffInvitationUrl(token: string): string {
  return `${getEnv().PUBLIC_URL}/staff-invite/${token}`;
}

export async function inviteStaff(
  context: StaffContext,
  input: { email: string; name: string; role: StaffRole },
  ip: string,
  options: Options = {},
): Promise<{ kind: "email-taken" } | { kind: "sent"; invitationId: string }> {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  consumeRateLimit(RATE_LIMITS.emailSendPerUser, context.user.id, {
    now,
    db,
    audit: { orgId: context.user.orgId, actor: staffActor(context.user), target: { type: "user", id: context.user.id }, ip },
  });
  if (findUserByEmail(db, input.email)) return { kind: "email-taken" };
  const token = generateToken();
  const invitationId = newId();
  const expiresAt = new Date(now.getTime() + STAFF_INVITATION_TTL_MS);
  insertStaffInvitation(
    db,
    {
      id: invitationId,
      orgId: context.organisation.id,
      email: input.email,
      name: input.name,
      role: input.role,
      tokenHash: hashToken(token),
      invitedBy: context.user.id,
      expiresAt,
      createdAt: now,
    },
    now,
  );
  const locale = context.organisation.settings.defaultLocale;
  const content = staffInvitationEmail({
    locale,
    name: input.name,
    organisationName: context.organisation.name,
    invitedBy: context.user.name,
    url: staffInvitationUrl(token),
    expiresOn: formatDate(expiresAt, locale),
  });
  await sendEmail({ orgId: context.organisation.id, to: input.email, locale, ...content }, { db, now });
  recordAudit(
    {
      orgId: context.organisation.id,
      actor: { type: "staff", id: context.user.id, label: context.user.name },
      action: "staff.invited",
      target: { type: "staff-invitation", id: invitationId },
      ip,
      details: { email: input.email, role: input.role },
      at: now,
    },
    db,
  );
  return { kind: "sent", invitationId };
}

export function revokeStaffInvite(context: StaffContext, invitationId: string, ip: string, options: Options = {}): boolean {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const revoked = revokeStaffInvitation(db, context.organisation.id, invitationId, now);
  if (revoked) {
    recordAudit(
      {
        orgId: context.organisation.id,
        actor: { type: "staff", id: context.user.id, label: context.user.name },
        action: "staff.invitation.revoked",
        target: { type: "staff-invitation", id: invitationId },
        ip,
        at: now,
      },
      db,
    );
  }
  return revoked;
}

export interface UsableStaffInvitation {
  invitation: StaffInvitationRow;
  organisationName: string;
}

/** The staff invitation a token names, whatever its state, or null when it names none. */
function findStaffInvitationByToken(token: string, db: Db): UsableStaffInvitation | null {
  if (!/^[a-z2-7]{20,64}$/.test(token)) return null;
  const tokenHash = hashToken(token);
  const found = findStaffInvitationByTokenHash(db, tokenHash);
  return found && hashesEqual(found.invitation.tokenHash, tokenHash) ? found : null;
}

/** Why an invitation can no longer be used, or null while it can. */
function staffInvitationRefusal(invitation: UsableStaffInvitation["invitation"], now: Date): "accepted" | "revoked" | "expired" | null {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  if (invitation.expiresAt <= now) return "expired";
  return null;
}

/** Unknown, expired, revoked and accepted tokens all give null. Reads only. */
export function findUsableStaffInvitation(token: string, options: Options = {}): UsableStaffInvitation | null {
  const found = findStaffInvitationByToken(token, options.db ?? getDb());
  return found && !staffInvitationRefusal(found.invitation, options.now ?? new Date()) ? found : null;
}

/** A throttled attempt is audited under the invitation's organisation when the token names one. */
function staffInvitationAttempt(token: string, ip: string, db: Db): () => ThrottledAttempt {
  return () => ({ orgId: findStaffInvitationByToken(token, db)?.invitation.orgId ?? null, actor: { type: "anonymous" }, ip });
}

/** For the link's GET: the usable invitation or null. Guesses are throttled per IP; a usable link writes nothing. */
export function inspectStaffInvitationLink(token: string, ip: string, options: Options = {}): UsableStaffInvitation | null {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  return lookUpTokenThrottled(RATE_LIMITS.invitationTokenPerIp, ip, () => findUsableStaffInvitation(token, { now, db }), {
    now,
    db,
    audit: staffInvitationAttempt(token, ip, db),
  });
}

/**
 * A POST with a link that names a real invitation which can no longer be used (SECURITY.md row
 * 27): recorded under its organisation with the invitation id and the reason, never the token or
 * the address. A token that names no invitation records nothing here (guessing is throttled, and
 * the throttle records its first refusal).
 */
function auditUnusableStaffInvitation(
  invitation: UsableStaffInvitation["invitation"],
  reason: NonNullable<ReturnType<typeof staffInvitationRefusal>>,
  ip: string,
  now: Date,
  db: Db,
): void {
  recordAudit(
    {
      orgId: invitation.orgId,
      actor: { type: "anonymous" },
      action: "staff.invitation_refused",
      target: { type: "staff-invitation", id: invitation.id },
      ip,
      details: { reason, role: invitation.role },
      at: now,
    },
    db,
  );
}

export type AcceptOutcome =
  | { kind: "invalid-link" }
  | { kind: "field"; field: "password"; message: string }
  | { kind: "accepted"; cookie: string; next: string };

export async function acceptStaffInvite(
  token: string,
  input: { name: string; password: string },
  request: Request,
  ip: string,
  options: Options = {},
): Promise<AcceptOutcome> {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  consumeRateLimit(RATE_LIMITS.invitationTokenPerIp, ip, { now, db, audit: staffInvitationAttempt(token, ip, db) });
  const found = findStaffInvitationByToken(token, db);
  if (!found) return { kind: "invalid-link" };
  const { invitation } = found;
  const refusal = staffInvitationRefusal(invitation, now);
  if (refusal) {
    auditUnusableStaffInvitation(invitation, refusal, ip, now, db);
    return { kind: "invalid-link" };
  }
  const problem = passwordProblem(input.password, { email: invitation.email });
  if (problem) return { kind: "field", field: "password", message: problem };
  if (findUserByEmail(db, invitation.email)) return { kind: "invalid-link" };
  const userId = newId();
  const accepted = acceptStaffInvitation(
    db,
    invitation.id,
    {
      id: userId,
      orgId: invitation.orgId,
      email: invitation.email,
      name: input.name,
      role: invitation.role,
      passwordHash: await hashPassword(input.password),
      createdAt: now,
    },
    now,
  );
  if (!accepted) return { kind: "invalid-link" };
  const existing = staffSessionCookie.read(request);
  if (existing) invalidateStaffSession(hashToken(existing), db);
  const organisation = findOrganisation(db, invitation.orgId)!;
  const required = twoFactorRequired({ role: invitation.role }, organisation.settings);
  const { cookie } = createStaffSession(
    { userId, orgId: invitation.orgId, twoFactorVerified: !required, ip, userAgent: request.headers.get("User-Agent") },
    { now, db },
  );
  recordAudit(
    {
      orgId: invitation.orgId,
      actor: { type: "staff", id: userId, label: input.name },
      action: "staff.invitation.accepted",
      target: { type: "user", id: userId },
      ip,
      details: { role: invitation.role },
      at: now,
    },
    db,
  );
  return { kind: "accepted", cookie, next: required ? "/login/two-factor-setup?redirectTo=%2Fstaff" : "/staff" };
}
