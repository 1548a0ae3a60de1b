import { describe, expect, it } from "vitest";
import { sameRaci, seedRaci, validateRaci, type RaciRow } from "../../../app/relationship/raci";
import { raciIssueText } from "../../../app/relationship/raci.server";
import { getTranslator } from "../../../app/i18n/translate";

const row = (activity: string, cells: Partial<Omit<RaciRow, "activity">> = {}): RaciRow => ({ activity, itLead: "", supplier: "", customer: "", partner: "", ...cells });

describe("validateRaci", () => {
  it("accepts the seed's example in both languages (incident response's IT lead is A/R)", () => {
    expect(validateRaci(seedRaci("da"))).toEqual([]);
    expect(validateRaci(seedRaci("en"))).toEqual([]);
    expect(seedRaci("da").map((r) => [r.activity, r.itLead, r.supplier, r.customer, r.partner])).toEqual([
      ["Adgangsstyring", "R", "A", "I", "I"],
      ["Databeskyttelse", "A", "R", "I", "C"],
      ["Incident response", "A/R", "C", "I", "C"],
    ]);
  });

  it("names the activity that has no Accountable", () => {
    expect(validateRaci([row("Backup", { itLead: "R", supplier: "C" })])).toEqual([{ problem: "no-accountable", activity: "Backup" }]);
  });

  it("names the activity with more than one Accountable, counting A/R", () => {
    expect(validateRaci([row("Logning", { itLead: "A", supplier: "A/R" })])).toEqual([{ problem: "several-accountable", activity: "Logning", count: 2 }]);
  });

  it("names the activity without a Responsible; A alone is not R, A/R is", () => {
    expect(validateRaci([row("Patch", { itLead: "A", supplier: "C" })])).toEqual([{ problem: "no-responsible", activity: "Patch" }]);
    expect(validateRaci([row("Patch", { itLead: "A/R", supplier: "C" })])).toEqual([]);
  });

  it("reports every problem of every row, an empty matrix and a repeated activity", () => {
    expect(validateRaci([])).toEqual([{ problem: "no-activities" }]);
    expect(validateRaci([row("X", { itLead: "A", supplier: "R" }), row(" x ", { partner: "I" })])).toEqual([
      { problem: "duplicate-activity", activity: "x" },
      { problem: "no-accountable", activity: "x" },
      { problem: "no-responsible", activity: "x" },
    ]);
    const many = Array.from({ length: 31 }, (_, i) => row(`A${i}`, { itLead: "A", supplier: "R" }));
    expect(validateRaci(many)).toEqual([{ problem: "too-many-activities", max: 30 }]);
  });

  it("says which activity is wrong in Danish and English", () => {
    const [issue] = validateRaci([row("Adgangsstyring", { supplier: "R" })]);
    expect(raciIssueText(getTranslator("da"), issue!)).toBe("Aktiviteten \u201eAdgangsstyring\u201c har ingen ansvarlig (A)");
    expect(raciIssueText(getTranslator("en"), issue!)).toBe("The activity \u201cAdgangsstyring\u201d has no Accountable (A)");
  });
});

describe("sameRaci", () => {
  it("compares activities (trimmed) and every cell in order", () => {
    const seed = seedRaci("da");
    expect(sameRaci(seed, seedRaci("da").map((r) => ({ ...r, activity: ` ${r.activity} ` })))).toBe(true);
    expect(sameRaci(seed, seed.slice(1))).toBe(false);
    expect(sameRaci(seed, seed.map((r, i) => (i === 0 ? { ...r, partner: "C" as const } : r)))).toBe(false);
  });
});
