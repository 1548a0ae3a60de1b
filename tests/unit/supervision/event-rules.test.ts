import { describe, expect, it } from "vitest";
import { applyEventRule, DEFAULT_EVENT_RULES, eventRulesOf, eventScheduleInput, incidentsInLastYear } from "~/supervision/event-rules";
import { nextAssessment } from "~/suppliers/supervision-plan";
import { EventRulesFormSchema } from "~/supervision/forms";

const rules = eventRulesOf({ eventRules: { incident: { action: "move", days: 14 }, data_location: { action: "reassess" } } });

describe("eventRulesOf", () => {
  it("takes the organisation's rules and the defaults for the kinds it has not set", () => {
    expect(rules.incident).toEqual({ action: "move", days: 14 });
    expect(rules.data_location).toEqual({ action: "reassess" });
    expect(rules.sub_supplier).toEqual(DEFAULT_EVENT_RULES.sub_supplier);
    expect(eventRulesOf({})).toEqual(DEFAULT_EVENT_RULES);
  });
});

describe("applyEventRule", () => {
  it("moves the date to the event's date plus the rule's days, across month and year ends", () => {
    expect(applyEventRule("incident", "2026-03-20", rules)).toEqual({ movedTo: "2026-04-03", reassessmentRequested: false });
    expect(applyEventRule("incident", "2026-12-25", rules)).toEqual({ movedTo: "2027-01-08", reassessmentRequested: false });
    expect(applyEventRule("incident", "2028-02-20", rules).movedTo).toBe("2028-03-05");
  });

  it("asks for a reassessment at once when the rule says so", () => {
    expect(applyEventRule("data_location", "2026-03-20", rules)).toEqual({ movedTo: null, reassessmentRequested: true });
  });
});

describe("events reaching nextAssessment()", () => {
  const lastAssessedAt = new Date("2026-01-10T12:00:00Z");
  const now = new Date("2026-03-25T09:00:00Z");
  const due = (events: { kind: "incident" | "data_location" | "sub_supplier" | "service_change"; occurredOn: string }[]) =>
    nextAssessment({ lastAssessedAt, tier: "high", ...eventScheduleInput(events, lastAssessedAt, rules) }, now);

  it("without events, the interval runs from the last assessment", () => {
    expect(due([])).toEqual({ dueAt: new Date("2027-01-10T12:00:00Z"), reason: "interval", intervalMonths: 12 });
  });

  it("an incident moves the date to event + N days; the earliest of several wins", () => {
    expect(due([{ kind: "incident", occurredOn: "2026-03-20" }])).toMatchObject({ dueAt: new Date("2026-04-03T00:00:00Z"), reason: "significant-event" });
    expect(due([{ kind: "sub_supplier", occurredOn: "2026-02-01" }, { kind: "incident", occurredOn: "2026-03-20" }]).dueAt).toEqual(new Date("2026-04-02T00:00:00Z"));
  });

  it("a reassess rule makes it due now", () => {
    expect(due([{ kind: "data_location", occurredOn: "2026-03-01" }])).toMatchObject({ dueAt: now, reason: "significant-event" });
  });

  it("events on or before the last assessment's day were covered by it", () => {
    expect(due([{ kind: "incident", occurredOn: "2026-01-10" }, { kind: "data_location", occurredOn: "2025-12-01" }]).reason).toBe("interval");
  });

  it("a move past the interval's date changes nothing", () => {
    const longRules = eventRulesOf({ eventRules: { incident: { action: "move", days: 365 } } });
    const result = nextAssessment(
      { lastAssessedAt, tier: "high", ...eventScheduleInput([{ kind: "incident", occurredOn: "2026-03-20" }], lastAssessedAt, longRules) },
      now,
    );
    expect(result.reason).toBe("interval");
  });

  it("a never-assessed supplier is due now whatever happens", () => {
    const result = nextAssessment({ lastAssessedAt: null, tier: "high", ...eventScheduleInput([{ kind: "incident", occurredOn: "2026-03-20" }], null, rules) }, now);
    expect(result.reason).toBe("never-assessed");
  });
});

describe("incidentsInLastYear", () => {
  it("counts incidents only, in the twelve months up to today", () => {
    const events = [
      { kind: "incident" as const, occurredOn: "2026-03-01" },
      { kind: "incident" as const, occurredOn: "2025-03-26" },
      { kind: "incident" as const, occurredOn: "2025-03-25" },
      { kind: "sub_supplier" as const, occurredOn: "2026-03-01" },
    ];
    expect(incidentsInLastYear(events, "2026-03-25")).toBe(2);
  });
});

describe("EventRulesFormSchema", () => {
  const valid = { action_incident: "move", days_incident: "30", action_sub_supplier: "reassess", action_service_change: "move", days_service_change: "0", action_data_location: "move", days_data_location: "365" };
  it("accepts move with days and reassess without", () => {
    expect(EventRulesFormSchema.safeParse(valid).success).toBe(true);
  });
  it("refuses days out of range, a move without days, and an unknown action, with message keys", () => {
    const issues = (input: Record<string, string>) => EventRulesFormSchema.safeParse(input).error?.issues.map((i) => `${String(i.path[0])}:${i.message}`);
    expect(issues({ ...valid, days_incident: "366" })).toEqual(["days_incident:supervision.validation.ruleDays"]);
    expect(issues({ ...valid, days_incident: "-1" })).toEqual(["days_incident:supervision.validation.ruleDays"]);
    const { days_incident: _omit, ...withoutDays } = valid;
    expect(issues(withoutDays)).toEqual(["days_incident:supervision.validation.ruleDaysRequired"]);
    expect(issues({ ...valid, action_incident: "delete" })).toEqual(["action_incident:validation.invalidChoice"]);
  });
});
