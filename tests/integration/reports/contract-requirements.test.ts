import { unzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { loader as pageLoader } from "~/routes/staff.assessments.$assessmentId_.contract-requirements";
import { loader as docxLoader } from "~/routes/staff.assessments.$assessmentId_.contract-requirements[.]docx";
import { args, call, get, makeOrgWithStaff, submitted } from "../review/support";
import { FLAGGING_ANSWERS } from "./support";

type Page = Awaited<ReturnType<typeof pageLoader>>;

describe("contract requirements page and exports", () => {
  it("lists the MFA and breach-notification requirements for a supplier with those flags, with the answers that prompted them", async () => {
    const a = await makeOrgWithStaff();
    const made = submitted(a.org.id, { name: "Kravstillet ApS", tier: "low" }, { answers: FLAGGING_ANSWERS });
    const result = await call(() => pageLoader(args(get(`/staff/assessments/${made.assessment.id}/contract-requirements`, a.viewer.cookie), { assessmentId: made.assessment.id })));
    expect(result.status).toBe(200);
    const page = result.value as Page;
    expect(page.title).toBe("Sikkerhedskrav til kontrakten: Kravstillet ApS");
    const privileged = page.topics.find((g) => g.topic === "privileged-access")!;
    expect(privileged.title).toBe("MFA og logning af privilegeret adgang");
    const mfa = privileged.requirements.find((r) => r.id === "mfa-privileged")!;
    expect(mfa.text).toContain("multifaktorautentificering");
    expect(mfa.prompts).toEqual([
      "Rødt flag: Ingen MFA på privilegerede konti (Kræves MFA for alle privilegerede konti (administratorkonti)?: Nej)",
      "Svar: Skal jeres medarbejdere logge ind på vores systemer for at levere ydelsen?: Ja",
    ]);
    const breach = page.topics.find((g) => g.topic === "breach-notification")!.requirements;
    expect(breach.map((r) => r.id)).toEqual(["breach-notification-24h"]);
    expect(page.plainText).toMatch(/^Sikkerhedskrav til kontrakten: Kravstillet ApS\n/);
    expect(page.plainText).toContain("   Begrundelse: Rødt flag: Ingen MFA på privilegerede konti");
  });

  it("exports the same requirements as a DOCX, in the reader's language", async () => {
    const a = await makeOrgWithStaff();
    const made = submitted(a.org.id, { name: "Ærlig Drift ApS", tier: "low" }, { answers: FLAGGING_ANSWERS });
    const request = new Request(`http://localhost:3000/staff/assessments/${made.assessment.id}/contract-requirements.docx`, { headers: { Cookie: `${a.reviewer.cookie}; lang=en` } });
    const result = await call(() => docxLoader(args(request, { assessmentId: made.assessment.id })));
    expect(result.status).toBe(200);
    const response = result.value as Response;
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const xml = strFromU8(unzipSync(new Uint8Array(await response.arrayBuffer()))["word/document.xml"]!);
    const text = xml.replace(/<[^>]+>/g, "");
    expect(text).toContain("Security requirements for the contract: Ærlig Drift ApS");
    expect(text).toContain("multi-factor authentication for all privileged (administrative) accounts");
    expect(text).toContain("no later than 24 hours after detecting a security breach");
    expect(text).toContain("Red flag: No MFA on privileged accounts");
  });

  it("answers 404 for another organisation's assessment and 400 for a malformed id", async () => {
    const a = await makeOrgWithStaff();
    const b = await makeOrgWithStaff();
    const made = submitted(a.org.id, { name: "Hemmelig ApS" });
    for (const loader of [pageLoader, docxLoader] as ((a: never) => unknown)[]) {
      const other = await call(() => loader(args(get(`/staff/assessments/${made.assessment.id}/contract-requirements`, b.viewer.cookie), { assessmentId: made.assessment.id })));
      expect(other.status).toBe(404);
      expect(other.body).not.toContain("Hemmelig");
      expect((await call(() => loader(args(get("/staff/assessments/%20/contract-requirements", b.viewer.cookie), { assessmentId: " " })))).status).toBe(400);
    }
  });
});
