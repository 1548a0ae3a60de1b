/** The organisation's rule for incidents and changes (admin only), kept in its settings. */
import { getDb, type Db } from "#db/client";
import { updateOrganisationSettings } from "#db/repos/organisations";
import { SUPPLIER_EVENT_KINDS, type EventRule, type SupplierEventKind } from "#db/schema";
import { recordAudit, staffActor } from "~/audit/audit.server";
import type { StaffContext } from "~/auth/staff-session.server";
import { eventRulesOf } from "./event-rules";
import type { EventRulesFormValue } from "./forms";

export function eventRulesFormDefaults(settings: StaffContext["organisation"]["settings"]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [kind, rule] of Object.entries(eventRulesOf(settings))) {
    values[`action_${kind}`] = rule.action;
    if (rule.action === "move") values[`days_${kind}`] = String(rule.days);
  }
  return values;
}

export function saveEventRules(staff: StaffContext, value: EventRulesFormValue, ip: string, options: { db?: Db; now?: Date } = {}): void {
  const db = options.db ?? getDb();
  const eventRules = {} as Record<SupplierEventKind, EventRule>;
  for (const kind of SUPPLIER_EVENT_KINDS) {
    eventRules[kind] = value[`action_${kind}`] === "reassess" ? { action: "reassess" } : { action: "move", days: value[`days_${kind}`]! };
  }
  const before = eventRulesOf(staff.organisation.settings);
  updateOrganisationSettings(db, staff.organisation.id, { ...staff.organisation.settings, eventRules });
  recordAudit(
    {
      orgId: staff.organisation.id,
      actor: staffActor(staff.user),
      action: "organisation.event-rules.updated",
      target: { type: "organisation", id: staff.organisation.id },
      ip,
      details: { before, after: eventRules },
      at: options.now,
    },
    db,
  );
}
