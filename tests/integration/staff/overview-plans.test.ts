/**
 * The staff overview reads counts and lists over every supplier and assessment of the
 * organisation: each of its queries is answered from an index (no table scan), and the two that
 * would otherwise read every row (count by tier, the overdue list) read only what they need.
 */
import { describe, expect, it } from "vitest";
import { explainPlan, getDb } from "#db/client";
import { makeOrganisation } from "#db/factories/core";
import { overdueAssessmentsQuery } from "#db/repos/assessments-staff";
import { suppliersByTierQuery } from "#db/repos/suppliers";

describe("staff overview query plans", () => {
  const org = makeOrganisation(getDb());

  it("counts suppliers by tier from the tier index alone", () => {
    expect(explainPlan(getDb(), suppliersByTierQuery(getDb(), org.id))).toEqual(["SEARCH suppliers USING COVERING INDEX suppliers_org_tier_idx (org_id=?)"]);
  });

  it("lists overdue assessments from the overdue part of each open status, not every open assessment", () => {
    const plan = explainPlan(getDb(), overdueAssessmentsQuery(getDb(), org.id, "2026-11-23"));
    expect(plan[0]).toBe("SEARCH assessments USING INDEX assessments_org_status_idx (org_id=? AND status=? AND due_date<?)");
    expect(plan.join("\n")).not.toMatch(/SCAN (assessments|suppliers)/);
  });
});
