/** Shared set-up for the report/export tests: a signed-in staff context for calling domain actions. */
import { getDb } from "#db/client";
import { validateStaffSessionToken } from "~/auth/staff-session.server";

/** The StaffContext behind a test cookie (`lt_session=<token>`), as a route's guard would give it. */
export function staffContextOf(cookie: string) {
  const context = validateStaffSessionToken(cookie.replace(/^lt_session=/, ""), { db: getDb() });
  if (!context) throw new Error("no session for cookie");
  return context;
}

/** Answers that raise the no-mfa-privileged and no-breach-notification flags (due-diligence.v1). */
export const FLAGGING_ANSWERS = { "mfa-privileged": "no", "breach-notification-deadline": "later" } as const;
