/**
 * The supplier portal's part (the last invitation's session): reporting an incident or change,
 * and sending an assurance report with its document. Only the session's supplier is reached;
 * only the fields a supplier may set are read; bad input changes nothing.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { datedEvidence, evidenceFiles, supplierEvents, suppliers } from "#db/schema";
import { action as assuranceAction, loader as assuranceLoader } from "~/routes/s.assurance";
import { action as reportAction, loader as reportLoader } from "~/routes/s.report";
import { addDaysIso, isoDate } from "~/staff/dates";
import { tinyPdf } from "../supplier/files";
import { context, dumpDatabase, get, openPortal, ORIGIN, post, run } from "../supplier/support";

const today = isoDate(new Date());
const watched = () => {
  const all = dumpDatabase();
  return { events: all.supplier_events, evidence: all.dated_evidence, files: all.evidence_files, suppliers: all.suppliers, audit: all.audit_log };
};

describe("reporting in the portal", () => {
  it("records the report on the session's supplier, by the session's contact", async () => {
    const portal = openPortal();
    expect((await run(() => reportLoader({ request: get("/s/report", portal.cookie), params: {}, context }))).status).toBe(200);
    const result = await run(() =>
      reportAction({ request: post("/s/report", { kind: "sub_supplier", occurredOn: addDaysIso(today, -3), description: "Ny driftspartner i Tyskland" }, portal.cookie), params: {}, context }),
    );
    expect(result.status).toBe(303);
    const events = getDb().select().from(supplierEvents).where(eq(supplierEvents.supplierId, portal.assessment.supplierId)).all();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "sub_supplier", source: "supplier", orgId: portal.orgId });
    expect(events[0]!.reporterName).toBeTruthy();
  });

  it("bad input gets a localised error and changes nothing; without a session, 401", async () => {
    const portal = openPortal();
    const before = watched();
    const bad = await run(() => reportAction({ request: post("/s/report", { kind: "x", occurredOn: "i går", description: "" }, portal.cookie), params: {}, context }));
    expect(bad.status).toBe(400);
    const errors = (bad.data as { error: Record<string, string[]> }).error;
    expect(errors).toMatchObject({ kind: ["validation.invalidChoice"], description: ["validation.required"] });
    expect(errors.occurredOn).toContain("validation.date");
    expect(watched()).toEqual(before);
    const anonymous = await run(() => reportAction({ request: post("/s/report", { kind: "incident", occurredOn: today, description: "x" }), params: {}, context }));
    expect(anonymous.status).toBe(401);
    expect(watched()).toEqual(before);
  });
});

describe("assurance reports in the portal", () => {
  function multipart(cookie: string, fields: Record<string, string>, file: Buffer | null) {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    if (file) body.append("file", new Blob([new Uint8Array(file)], { type: "application/pdf" }), "ISAE 3000 GDPR.pdf");
    return new Request(`${ORIGIN}/s/assurance`, { method: "POST", body, headers: { Origin: ORIGIN, Cookie: cookie } });
  }
  const fields = {
    kind: "isae3000_gdpr",
    reportType: "type2",
    auditor: "Revisorgruppen",
    periodStart: addDaysIso(today, -365),
    periodEnd: addDaysIso(today, -30),
    scope: "Databehandling for kunder",
    qualified: "yes",
    bridgeLetter: "no",
    expiresOn: addDaysIso(today, 300),
  };

  it("stores the report with its document for the session's supplier; a posted scope judgement is ignored", async () => {
    const portal = openPortal();
    const result = await run(() => assuranceAction({ request: multipart(portal.cookie, { ...fields, scopeCovers: "yes", supplierId: "someone-else" }, tinyPdf()), params: {}, context }));
    expect(result.status).toBe(303);
    const [row] = getDb().select().from(datedEvidence).where(eq(datedEvidence.supplierId, portal.assessment.supplierId)).all();
    expect(row).toMatchObject({ kind: "isae3000_gdpr", reportType: "type2", qualified: true, scopeCovers: null, source: "supplier", orgId: portal.orgId });
    const file = getDb().select().from(evidenceFiles).where(eq(evidenceFiles.id, row!.evidenceFileId!)).get()!;
    expect(file).toMatchObject({ assessmentId: portal.assessment.id, questionId: "dated-evidence:isae3000_gdpr", originalName: "ISAE 3000 GDPR.pdf" });
    const page = (await run(() => assuranceLoader({ request: get("/s/assurance", portal.cookie), params: {}, context }))).data as { items: { kind: string; fileName: string }[] };
    expect(page.items).toEqual([expect.objectContaining({ kind: "isae3000_gdpr", fileName: "ISAE 3000 GDPR.pdf" })]);
    expect(JSON.stringify(page)).not.toContain("scopeCovers");
  });

  it("a period end before its start, an unknown kind or no file: a localised error, nothing kept", async () => {
    const portal = openPortal();
    const before = watched();
    const cases: [Record<string, string>, Buffer | null, string, string][] = [
      [{ ...fields, periodEnd: addDaysIso(fields.periodStart, -1) }, tinyPdf(), "periodEnd", "supervision.validation.periodEndBeforeStart"],
      [{ ...fields, kind: "soc2" }, tinyPdf(), "kind", "validation.invalidChoice"],
      [fields, null, "", "supervision.renewal.error.no-file"],
    ];
    for (const [body, file, field, message] of cases) {
      const result = await run(() => assuranceAction({ request: multipart(portal.cookie, body, file), params: {}, context }));
      expect(result.status).toBe(400);
      expect((result.data as { error: Record<string, string[]> }).error[field]).toEqual([message]);
    }
    expect(watched()).toEqual(before);
    expect(getDb().select().from(suppliers).where(eq(suppliers.id, portal.assessment.supplierId)).get()).toBeTruthy();
  });
});
