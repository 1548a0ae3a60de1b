import { describe, expect, it } from "vitest";
import { loader as compareLoader } from "~/routes/staff.compare";
import { args, call, get, makeOrgWithStaff, submitted } from "../review/support";
import { FLAGGING_ANSWERS } from "./support";

type Data = { result: { ok: true; candidates: { supplierName: string; overallScore: number | null; themes: { score: number | null }[]; openFlags: { title: string }[]; missingEvidence: string[] }[] } | { ok: false; error: string } | null; choices: { id: string; supplierName: string }[] };

const url = (ids: string[]) => `/staff/compare?${ids.map((id) => `a=${encodeURIComponent(id)}`).join("&")}`;

describe("candidate comparison", () => {
  it("sets candidates on the same questionnaire side by side: scores per theme, open flags, missing evidence", async () => {
    const a = await makeOrgWithStaff();
    const strong = submitted(a.org.id, { name: "Stærk Kandidat A/S", tier: "medium" }, { evidence: [{ questionId: "security-policy", fileName: "politik.pdf" }] });
    const weak = submitted(a.org.id, { name: "Svag Kandidat ApS", tier: "medium" }, { answers: { ...FLAGGING_ANSWERS, "security-policy": "yes" } });
    const result = await call(() => compareLoader(args(get(url([strong.assessment.id, weak.assessment.id]), a.viewer.cookie))));
    expect(result.status).toBe(200);
    const data = result.value as Data;
    expect(data.choices.map((c) => c.supplierName).sort()).toEqual(["Stærk Kandidat A/S", "Svag Kandidat ApS"]);
    if (!data.result?.ok) throw new Error("expected a comparison");
    const [first, second] = data.result.candidates;
    expect(first!.supplierName).toBe("Stærk Kandidat A/S");
    expect(first!.openFlags).toEqual([]);
    expect(second!.openFlags.map((f) => f.title)).toEqual(["Ingen underretning om brud inden for 24/72 timer", "Ingen MFA på privilegerede konti"]);
    expect(first!.themes).toHaveLength(second!.themes.length);
    expect(second!.overallScore!).toBeLessThan(first!.overallScore!);
    // The weak candidate answered "yes" to the policy question without attaching it.
    expect(second!.missingEvidence).toContain("Har I dokumenterede informationssikkerhedspolitikker?");
    expect(first!.missingEvidence).not.toContain("Har I dokumenterede informationssikkerhedspolitikker?");
  });

  it("refuses too few, too many, malformed and mixed-questionnaire selections with a message (400), and shows the choice form without a selection", async () => {
    const a = await makeOrgWithStaff();
    const one = submitted(a.org.id, { tier: "medium" });
    const light = submitted(a.org.id, { tier: "low" }, { questionnaireId: "due-diligence-light" });
    const cases: [string[], string][] = [
      [[one.assessment.id], "reports.compare.error.tooFew"],
      [[one.assessment.id, one.assessment.id], "reports.compare.error.tooFew"],
      [Array.from({ length: 7 }, () => one.assessment.id), "reports.compare.error.tooMany"],
      [[one.assessment.id, "x' or 1=1"], "reports.compare.error.invalid"],
      [[one.assessment.id, light.assessment.id], "reports.compare.error.questionnaires"],
    ];
    for (const [ids, error] of cases) {
      const result = await call(() => compareLoader(args(get(url(ids), a.reviewer.cookie))));
      expect(result.status, error).toBe(400);
      expect((result.value as Data).result).toEqual({ ok: false, error });
    }
    const empty = await call(() => compareLoader(args(get("/staff/compare", a.reviewer.cookie))));
    expect(empty.status).toBe(200);
    expect((empty.value as Data).result).toBeNull();
  });

  it("answers 404 when a candidate belongs to another organisation", async () => {
    const a = await makeOrgWithStaff();
    const b = await makeOrgWithStaff();
    const mine = submitted(a.org.id, { tier: "medium" });
    const theirs = submitted(b.org.id, { name: "Andres Kandidat ApS", tier: "medium" });
    const result = await call(() => compareLoader(args(get(url([mine.assessment.id, theirs.assessment.id]), a.admin.cookie))));
    expect(result.status).toBe(404);
    expect(result.body).not.toContain("Andres Kandidat");
  });
});
