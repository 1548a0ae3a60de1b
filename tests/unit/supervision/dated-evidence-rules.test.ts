import { describe, expect, it } from "vitest";
import { assuranceFlags, datedEvidenceFromAnswer, expiryFor, expiryNotices, expiryStatus } from "~/supervision/dated-evidence-rules";
import { DatedEvidenceFormSchema } from "~/supervision/forms";

const now = new Date("2026-06-15T10:00:00Z");

describe("assuranceFlags", () => {
  const base = { kind: "isae3402" as const, periodEnd: "2025-12-31", qualified: false, scopeCovers: true };

  it("raises nothing for a recent, unqualified report whose scope covers the service", () => {
    expect(assuranceFlags(base, now)).toEqual([]);
  });

  it("flags a report whose period ended more than 12 months ago (not on the day itself)", () => {
    expect(assuranceFlags({ ...base, periodEnd: "2025-06-15" }, now)).toEqual([]);
    expect(assuranceFlags({ ...base, periodEnd: "2025-06-14" }, now)).toEqual(["older-than-12-months"]);
  });

  it("flags a qualified opinion and a scope marked as not covering the service; an unmarked scope raises nothing", () => {
    expect(assuranceFlags({ ...base, qualified: true, scopeCovers: false }, now)).toEqual(["qualified", "scope-not-covered"]);
    expect(assuranceFlags({ ...base, scopeCovers: null }, now)).toEqual([]);
  });

  it("counts 12 months by the calendar, leap days included", () => {
    expect(assuranceFlags({ ...base, periodEnd: "2024-02-29" }, new Date("2025-02-28T12:00:00Z"))).toEqual([]);
    expect(assuranceFlags({ ...base, periodEnd: "2024-02-29" }, new Date("2025-03-01T12:00:00Z"))).toEqual(["older-than-12-months"]);
  });
});

describe("expiryFor", () => {
  it("keeps a given expiry; a penetration test without one expires 12 months after it was done", () => {
    expect(expiryFor("iso27001", "2026-01-01", "2028-05-01")).toBe("2028-05-01");
    expect(expiryFor("pentest", "2026-01-31", null)).toBe("2027-01-31");
  });
});

describe("expiry warnings", () => {
  it("is expiring from 30 days before, lapsed the day after expiry", () => {
    expect(expiryStatus("2026-07-16", now)).toBe("valid");
    expect(expiryStatus("2026-07-15", now)).toBe("expiring");
    expect(expiryStatus("2026-06-15", now)).toBe("expiring");
    expect(expiryStatus("2026-06-14", now)).toBe("lapsed");
  });

  it("owes one renewal request within 30 days and one lapse warning after, with keys naming item and expiry", () => {
    const notices = expiryNotices(
      [
        { id: "a", expiresOn: "2026-07-01" },
        { id: "b", expiresOn: "2026-06-01" },
        { id: "c", expiresOn: "2026-09-01" },
      ],
      now,
    );
    expect(notices).toEqual([
      { kind: "request-renewal", id: "a", dedupeKey: "evidence-renewal:a:2026-07-01" },
      { kind: "lapsed", id: "b", dedupeKey: "evidence-lapsed:b:2026-06-01" },
    ]);
  });

  it("gives the same keys on a second run the same day, and on later days (idempotent)", () => {
    const items = [{ id: "a", expiresOn: "2026-07-01" }];
    expect(expiryNotices(items, now)).toEqual(expiryNotices(items, new Date("2026-06-20T08:00:00Z")));
  });
});

describe("DatedEvidenceFormSchema", () => {
  const valid = { intent: "save-evidence", kind: "isae3402", reportType: "type2", auditor: "Revisorhuset", periodStart: "2025-01-01", periodEnd: "2025-12-31", scope: "Drift", qualified: "no", bridgeLetter: "yes", expiresOn: "2026-12-31", scopeCovers: "" };
  const issues = (input: Record<string, string>) => DatedEvidenceFormSchema.safeParse(input).error?.issues.map((i) => `${String(i.path[0])}:${i.message}`);

  it("accepts a complete report; a penetration test needs no expiry", () => {
    expect(DatedEvidenceFormSchema.safeParse(valid).success).toBe(true);
    expect(DatedEvidenceFormSchema.safeParse({ ...valid, kind: "pentest", expiresOn: "" }).success).toBe(true);
  });

  it("refuses a period end before its start, an unknown kind, an expiry before the period end or a missing one", () => {
    expect(issues({ ...valid, periodEnd: "2024-12-31" })).toContain("periodEnd:supervision.validation.periodEndBeforeStart");
    expect(issues({ ...valid, kind: "soc2" })).toEqual(["kind:validation.invalidChoice"]);
    expect(issues({ ...valid, expiresOn: "2025-06-01" })).toEqual(["expiresOn:supervision.validation.expiryBeforePeriodEnd"]);
    expect(issues({ ...valid, expiresOn: "" })).toEqual(["expiresOn:supervision.validation.expiryRequired"]);
    expect(issues({ ...valid, periodEnd: "2025-02-30" })).toEqual(["periodEnd:validation.date"]);
  });
});

describe("datedEvidenceFromAnswer", () => {
  it("reads a certificate's and a policy's valid-until date; the period ends at submission (or expiry, if earlier)", () => {
    expect(datedEvidenceFromAnswer("iso27001-certificate-expiry", "2027-09-30", "2026-06-15")).toEqual({ kind: "iso27001", periodEnd: "2026-06-15", expiresOn: "2027-09-30" });
    expect(datedEvidenceFromAnswer("insurance-end-date", "2026-05-31", "2026-06-15")).toEqual({ kind: "insurance", periodEnd: "2026-05-31", expiresOn: "2026-05-31" });
  });

  it("reads a penetration test's date: it lapses 12 months later", () => {
    expect(datedEvidenceFromAnswer("penetration-test-date", "2026-02-28", "2026-06-15")).toEqual({ kind: "pentest", periodEnd: "2026-02-28", expiresOn: "2027-02-28" });
  });

  it("ignores other questions and values that are not dates", () => {
    expect(datedEvidenceFromAnswer("incident-response-plan-tested-on", "2026-01-01", "2026-06-15")).toBeNull();
    expect(datedEvidenceFromAnswer("insurance-end-date", null, "2026-06-15")).toBeNull();
    expect(datedEvidenceFromAnswer("insurance-end-date", "31-05-2026", "2026-06-15")).toBeNull();
  });
});
