/**
 * The organisation's rule for incidents and changes at a supplier (CFCS 5.5; SPEC C7): per kind
 * of event, either the next assessment moves earlier, to the event's date plus some days, or a
 * reassessment is asked for at once. Pure: no I/O, the clock is a parameter.
 *
 * CFCS 5.4: the risk assessment is updated "minimum årligt samt ved væsentlige
 * sikkerhedshændelser, væsentlige ændringer (se afsnit 5.5.)".
 */
import { SUPPLIER_EVENT_KINDS, type EventRule, type OrgSettings, type SupplierEventKind } from "#db/schema";
import { addDaysIso } from "~/staff/dates";

export const DEFAULT_EVENT_RULES: Readonly<Record<SupplierEventKind, EventRule>> = {
  incident: { action: "move", days: 30 },
  sub_supplier: { action: "move", days: 60 },
  service_change: { action: "move", days: 60 },
  data_location: { action: "move", days: 30 },
};

export const MAX_EVENT_RULE_DAYS = 365;

/** The rules in force: the organisation's, with the defaults for kinds it has not set. */
export function eventRulesOf(settings: Pick<OrgSettings, "eventRules">): Record<SupplierEventKind, EventRule> {
  const rules = { ...DEFAULT_EVENT_RULES };
  for (const kind of SUPPLIER_EVENT_KINDS) {
    const rule = settings.eventRules?.[kind];
    if (rule) rules[kind] = rule;
  }
  return rules;
}

export interface EventEffect {
  /** The date the next assessment moves to (event date + days), or null. */
  movedTo: string | null;
  reassessmentRequested: boolean;
}

/** What one event does by the rule for its kind. */
export function applyEventRule(kind: SupplierEventKind, occurredOn: string, rules: Record<SupplierEventKind, EventRule>): EventEffect {
  const rule = rules[kind];
  if (rule.action === "reassess") return { movedTo: null, reassessmentRequested: true };
  return { movedTo: addDaysIso(occurredOn, rule.days), reassessmentRequested: false };
}

export interface RecordedEvent {
  kind: SupplierEventKind;
  occurredOn: string;
}

/**
 * What the events recorded since the last assessment mean for the schedule, as
 * `nextAssessment()` (app/suppliers/supervision-plan.ts) takes it: the latest event whose rule
 * asks for a reassessment at once (`significantEventAt`), and the earliest date a "move" rule
 * brings the assessment forward to (`significantEventDueAt`). Events on or before the last
 * assessment's day were covered by it.
 */
export function eventScheduleInput(
  events: readonly RecordedEvent[],
  lastAssessedAt: Date | null,
  rules: Record<SupplierEventKind, EventRule>,
): { significantEventAt: Date | null; significantEventDueAt: Date | null } {
  const lastDay = lastAssessedAt ? lastAssessedAt.toISOString().slice(0, 10) : null;
  let significantEventAt: Date | null = null;
  let significantEventDueAt: Date | null = null;
  for (const event of events) {
    if (lastDay !== null && event.occurredOn <= lastDay) continue;
    const effect = applyEventRule(event.kind, event.occurredOn, rules);
    if (effect.reassessmentRequested) {
      const at = new Date(`${event.occurredOn}T00:00:00Z`);
      if (!significantEventAt || at > significantEventAt) significantEventAt = at;
    } else if (effect.movedTo) {
      const due = new Date(`${effect.movedTo}T00:00:00Z`);
      if (!significantEventDueAt || due < significantEventDueAt) significantEventDueAt = due;
    }
  }
  return { significantEventAt, significantEventDueAt };
}

/** Incidents recorded in the twelve months up to `today` (CFCS 5.1 parameter 8 is typed by hand; this informs it). */
export function incidentsInLastYear(events: readonly RecordedEvent[], today: string): number {
  const from = addDaysIso(today, -365);
  return events.filter((e) => e.kind === "incident" && e.occurredOn > from && e.occurredOn <= today).length;
}
