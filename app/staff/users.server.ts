/**
 * An admin managing the organisation's staff: change a role (ends that user's sessions), disable
 * and enable. The last active admin cannot be demoted or disabled, and nobody changes themselves here.
 */
import { getDb, type Db } from "#db/client";
import { countActiveAdmins, findOrgUser, listOrgUsers, updateOrgUser, type UserRow } from "#db/repos/users";
import { listOpenStaffInvitations } from "#db/repos/staff-invitations";
import type { StaffRole } from "#db/schema";
import { recordAudit } from "~/audit/audit.server";
import { invalidateAllStaffSessions, type StaffContext } from "~/auth/staff-session.server";

interface Options {
  now?: Date;
  db?: Db;
}

export function staffOverview(orgId: string, db: Db = getDb()) {
  const users = listOrgUsers(db, orgId).map(publicUser);
  const invitations = listOpenStaffInvitations(db, orgId).map((i) => ({
    id: i.id,
    email: i.email,
    name: i.name,
    role: i.role,
    expiresAt: i.expiresAt,
    createdAt: i.createdAt,
  }));
  return { users, invitations };
}

export function publicUser(user: UserRow) {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    twoFactor: Boolean(user.totpSecret),
    disabled: Boolean(user.disabledAt),
    createdAt: user.createdAt,
  };
}

export function findStaffMember(orgId: string, userId: string, db: Db = getDb()): UserRow | undefined {
  return findOrgUser(db, orgId, userId);
}

export type UserChangeOutcome = "ok" | "not-found" | "self" | "last-admin";

function lastAdminGuard(db: Db, target: UserRow, becomesNonAdmin: boolean): boolean {
  return target.role === "admin" && !target.disabledAt && becomesNonAdmin && countActiveAdmins(db, target.orgId) <= 1;
}

export function changeRole(context: StaffContext, userId: string, role: StaffRole, ip: string, options: Options = {}): UserChangeOutcome {
  const db = options.db ?? getDb();
  const target = findOrgUser(db, context.organisation.id, userId);
  if (!target) return "not-found";
  if (target.id === context.user.id) return "self";
  if (target.role === role) return "ok";
  if (lastAdminGuard(db, target, role !== "admin")) return "last-admin";
  updateOrgUser(db, context.organisation.id, userId, { role });
  const ended = invalidateAllStaffSessions(userId, { db });
  recordAudit(
    {
      orgId: context.organisation.id,
      actor: { type: "staff", id: context.user.id, label: context.user.name },
      action: "staff.role.changed",
      target: { type: "user", id: userId },
      ip,
      details: { from: target.role, to: role, sessionsEnded: ended },
      at: options.now,
    },
    db,
  );
  return "ok";
}

export function setDisabled(context: StaffContext, userId: string, disabled: boolean, ip: string, options: Options = {}): UserChangeOutcome {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const target = findOrgUser(db, context.organisation.id, userId);
  if (!target) return "not-found";
  if (target.id === context.user.id) return "self";
  if (disabled && lastAdminGuard(db, target, true)) return "last-admin";
  updateOrgUser(db, context.organisation.id, userId, { disabledAt: disabled ? now : null });
  const ended = disabled ? invalidateAllStaffSessions(userId, { db }) : 0;
  recordAudit(
    {
      orgId: context.organisation.id,
      actor: { type: "staff", id: context.user.id, label: context.user.name },
      action: disabled ? "staff.disabled" : "staff.enabled",
      target: { type: "user", id: userId },
      ip,
      details: { sessionsEnded: ended },
      at: now,
    },
    db,
  );
  return "ok";
}
