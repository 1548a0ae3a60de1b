import { describe, expect, it } from "vitest";
import { reminderFor } from "~/remediation/remediation.server";
import { csvCell } from "~/review/audit-page.server";
import { DecisionFormSchema } from "~/review/forms";
import { effectiveFlagStatus } from "~/review/review.server";

describe("remediation reminder schedule", () => {
  it("reminds within seven days before, then once a week after the deadline", () => {
    expect(reminderFor("2026-06-20", "2026-06-10")).toBeNull();
    expect(reminderFor("2026-06-20", "2026-06-13")).toEqual({ kind: "before", key: "before" });
    expect(reminderFor("2026-06-20", "2026-06-20")).toEqual({ kind: "before", key: "before" });
    expect(reminderFor("2026-06-20", "2026-06-21")).toEqual({ kind: "overdue", key: "overdue-0" });
    expect(reminderFor("2026-06-20", "2026-06-27")).toEqual({ kind: "overdue", key: "overdue-0" });
    expect(reminderFor("2026-06-20", "2026-06-28")).toEqual({ kind: "overdue", key: "overdue-1" });
  });
});

describe("flag acceptance at read time", () => {
  it("counts an acceptance past its date as lapsed (open) before the job runs", () => {
    expect(effectiveFlagStatus({ status: "accepted", acceptedUntil: "2026-01-10" }, "2026-01-10")).toBe("accepted");
    expect(effectiveFlagStatus({ status: "accepted", acceptedUntil: "2026-01-10" }, "2026-01-11")).toBe("lapsed");
    expect(effectiveFlagStatus({ status: "open", acceptedUntil: null }, "2026-01-11")).toBe("open");
  });
});

describe("CSV cells", () => {
  it("quotes cells and defuses formulas", () => {
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("=1+1")).toBe(`"'=1+1"`);
    expect(csvCell("-2")).toBe(`"'-2"`);
    expect(csvCell(null)).toBe('""');
  });
});

describe("decision form", () => {
  it("ignores blank condition rows", () => {
    const result = DecisionFormSchema.safeParse({
      intent: "decide",
      decision: "approved",
      reason: "ok",
      conditions: [{}, { text: "", ownerName: "" }],
    });
    expect(result.success).toBe(true);
  });
});
