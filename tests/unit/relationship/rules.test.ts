import { describe, expect, it } from "vitest";
import {
  acceptedClauses,
  clauseFindings,
  contractReviewDue,
  contractReviewReminder,
  latestNextReview,
  proposedNextReview,
} from "../../../app/relationship/contract-review";
import { offboardingBlockers, OFFBOARDING_CHECKLIST } from "../../../app/relationship/offboarding";
import {
  criticalSubSupplierChange,
  parseSubSupplierAnswer,
  subSupplierProposals,
} from "../../../app/relationship/sub-suppliers";

describe("parseSubSupplierAnswer", () => {
  it("reads who, what and where per line, with bullets, dashes, bars and semicolons", () => {
    const parsed = parseSubSupplierAnswer("- Microsoft Ireland – hosting i Azure – Irland\n\n* Twilio | SMS-udsendelse | USA; Lokal Drift ApS - drift og support - Danmark\nNoget uden adskiller");
    expect(parsed.map(({ name, service, where, country }) => ({ name, service, where, country }))).toEqual([
      { name: "Microsoft Ireland", service: "hosting i Azure", where: "Irland", country: "IE" },
      { name: "Twilio", service: "SMS-udsendelse", where: "USA", country: "US" },
      { name: "Lokal Drift ApS", service: "drift og support", where: "Danmark", country: "DK" },
      { name: "Noget uden adskiller", service: "", where: "", country: null },
    ]);
  });

  it("reads comma-separated lines, leaves an unknown place for staff, and stops at 50 lines", () => {
    expect(parseSubSupplierAnswer("Acme, backup, EU")[0]).toMatchObject({ name: "Acme", service: "backup", where: "EU", country: null });
    expect(parseSubSupplierAnswer(Array.from({ length: 80 }, (_, i) => `S${i}`).join("\n"))).toHaveLength(50);
    expect(parseSubSupplierAnswer("  \n - \n")).toEqual([]);
  });
});

describe("subSupplierProposals", () => {
  it("leaves out names already on the list and repeats, ignoring case and spacing", () => {
    const reported = parseSubSupplierAnswer("Microsoft  Ireland – hosting\nTwilio – SMS\ntwilio – SMS igen");
    expect(subSupplierProposals(reported, [{ name: "microsoft ireland" }]).map((r) => r.name)).toEqual(["Twilio"]);
  });
});

describe("criticalSubSupplierChange", () => {
  const confirmed = [
    { name: "Microsoft Ireland", critical: true },
    { name: "Twilio", critical: false },
  ];

  it("is nothing when every critical sub-supplier is still named, or nothing was answered", () => {
    expect(criticalSubSupplierChange(confirmed, { outsources: true, list: "Microsoft Ireland – hosting\nNy SMS ApS – SMS" })).toBeNull();
    expect(criticalSubSupplierChange(confirmed, { outsources: null, list: null })).toBeNull();
    // A non-critical one dropped is no critical change.
    expect(criticalSubSupplierChange(confirmed, { outsources: true, list: "Vi bruger Microsoft Ireland til hosting" })).toBeNull();
  });

  it("names a critical sub-supplier the answer drops, and what came instead", () => {
    const change = criticalSubSupplierChange(confirmed, { outsources: true, list: "Amazon Web Services – hosting – Tyskland\nTwilio – SMS" });
    expect(change).toEqual({ removed: ["Microsoft Ireland"], added: ["Amazon Web Services"] });
  });

  it("treats 'outsources nothing' as every critical sub-supplier gone", () => {
    expect(criticalSubSupplierChange(confirmed, { outsources: false, list: "Microsoft Ireland" })).toEqual({ removed: ["Microsoft Ireland"], added: [] });
  });
});

describe("contract review", () => {
  it("reads acceptance from the contract theme's answers", () => {
    const accepted = acceptedClauses(new Map<string, unknown>([
      ["contract-audit-right", "accept"],
      ["contract-sanctions", "accept-with-changes"],
      ["liability-terms", "refuse"],
      ["breach-notification-deadline", "within-72h"],
      ["contract-termination-rights", 3],
    ]));
    expect(accepted["contract-audit-right"]).toBe(true);
    expect(accepted["contract-sanctions"]).toBe(true);
    expect(accepted["liability-terms"]).toBe(false);
    expect(accepted["breach-notification-deadline"]).toBe(true);
    expect(accepted["contract-termination-rights"]).toBeNull();
    expect(accepted["data-processing-agreement"]).toBeNull();
  });

  it("makes a finding of a clause accepted but missing or partial in the agreement, and only then", () => {
    const accepted = { "contract-audit-right": true, "contract-sanctions": true, "liability-terms": false, "data-processing-agreement": null };
    expect(
      clauseFindings(accepted, { "contract-audit-right": "no", "contract-sanctions": "partly", "liability-terms": "no", "data-processing-agreement": "no", "contract-security-requirements": "yes" }),
    ).toEqual([
      { clause: "contract-audit-right", agreement: "no" },
      { clause: "contract-sanctions", agreement: "partly" },
    ]);
    expect(clauseFindings(accepted, { "contract-audit-right": "yes", "contract-sanctions": "yes" })).toEqual([]);
  });

  it("is due a year after registration, then on the date the last review set (month ends kept)", () => {
    expect(contractReviewDue(undefined, "2026-02-28")).toBe("2027-02-28");
    expect(contractReviewDue({ nextDueOn: "2027-06-01" }, "2020-01-01")).toBe("2027-06-01");
    expect(contractReviewDue({ nextDueOn: null }, "2024-02-29")).toBe("2025-02-28");
    expect(proposedNextReview("2026-01-31")).toBe("2027-01-31");
    expect(latestNextReview("2026-01-31")).toBe("2027-02-28");
  });

  it("reminds a month ahead and once overdue, not before", () => {
    expect(contractReviewReminder("2026-12-31", "2026-11-30")).toBeNull();
    expect(contractReviewReminder("2026-12-31", "2026-12-01")).toBe("upcoming");
    expect(contractReviewReminder("2026-12-31", "2026-12-31")).toBe("upcoming");
    expect(contractReviewReminder("2026-12-31", "2027-01-01")).toBe("overdue");
  });
});

describe("offboardingBlockers", () => {
  it("lists unticked points and the missing deletion confirmation; nothing once all is in", () => {
    expect(offboardingBlockers({}, false)).toEqual([...OFFBOARDING_CHECKLIST, "deletion-confirmation"]);
    const all = Object.fromEntries(OFFBOARDING_CHECKLIST.map((item) => [item, true]));
    expect(offboardingBlockers(all, false)).toEqual(["deletion-confirmation"]);
    expect(offboardingBlockers({ ...all, handover: false }, true)).toEqual(["handover"]);
    expect(offboardingBlockers(all, true)).toEqual([]);
  });
});
