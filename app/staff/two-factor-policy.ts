import type { OrgSettings, StaffRole } from "#db/schema";

/** Admins always need a second factor; others when the organisation requires it for all (C9). */
export function twoFactorRequired(user: { role: StaffRole }, settings: Pick<OrgSettings, "requireTwoFactorForAll">): boolean {
  return user.role === "admin" || settings.requireTwoFactorForAll;
}
