/**
 * Assurance reports and other dated evidence (SPEC C11): staff enter and edit them; the supplier
 * page, the supplier list and the review page show expiry and flags; the expiry job asks the
 * supplier for the new document through a scoped link (once) and warns the owner when it lapses
 * (once); the scoped link takes one document for its slot and nothing else.
 */
import { existsSync, readdirSync } from "node:fs";
import { and, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { makeAssessment } from "#db/factories/core";
import { makeSubmittedAssessment } from "#db/factories/review";
import { listAudit } from "#db/repos/audit";
import { datedEvidence, emails, evidenceFiles, evidenceRequests } from "#db/schema";
import { getEnv } from "~/config/env.server";
import { evidenceDir } from "~/evidence/upload.server";
import { runJobs } from "~/jobs/job-runner.server";
import { JOBS } from "~/jobs/registry.server";
import { action as renewalAction, loader as renewalLoader } from "~/routes/evidence-request.$token";
import { action as evidenceAction, loader as evidenceLoader } from "~/routes/staff.suppliers.$supplierId.evidence";
import { loader as pageLoader } from "~/routes/staff.suppliers.$supplierId._index";
import { loader as listLoader } from "~/routes/staff.suppliers._index";
import { loader as reviewLoader } from "~/routes/staff.assessments.$assessmentId";
import { evidenceExpiryJob } from "~/supervision/dated-evidence.server";
import { addDaysIso, isoDate } from "~/staff/dates";
import { args, BASE, call, get, makeOrgWithStaff, post, supplierOf, type Org } from "../staff/support";
import { tinyPdf } from "../supplier/files";
import { dumpDatabase, freshIp } from "../supplier/support";

let a: Org;
let b: Org;
beforeAll(async () => {
  a = await makeOrgWithStaff();
  b = await makeOrgWithStaff();
});

const today = isoDate(new Date());
const report = {
  intent: "save-evidence",
  kind: "isae3402",
  reportType: "type2",
  auditor: "Revisionsfirmaet Nord",
  periodStart: addDaysIso(today, -200),
  periodEnd: addDaysIso(today, -20),
  scope: "Drift af ESDH-platformen",
  qualified: "no",
  bridgeLetter: "no",
  expiresOn: addDaysIso(today, 200),
  scopeCovers: "",
};

const save = (supplierId: string, fields: Record<string, string>, cookie = a.reviewer.cookie) =>
  call(() => evidenceAction(args(post(`/staff/suppliers/${supplierId}/evidence`, cookie, fields), { supplierId })));
const rowsOf = (supplierId: string) => getDb().select().from(datedEvidence).where(eq(datedEvidence.supplierId, supplierId)).all();
const watched = () => {
  const all = dumpDatabase();
  return { evidence: all.dated_evidence, requests: all.evidence_requests, files: all.evidence_files, emails: all.emails, audit: all.audit_log };
};
type Reply = { error: Record<string, string[]> };
type PageItems = { datedEvidence: { id: string; kind: string; flags: string[]; status: string; expiresOn: string }[] };

describe("staff enter assurance reports", () => {
  it("saves a report (audited); the supplier page, supplier list and review page show it with expiry and flags", async () => {
    const { supplier, contacts } = supplierOf(a.org.id);
    const result = await save(supplier.id, report);
    expect(result.status).toBe(303);
    const [row] = rowsOf(supplier.id);
    expect(row).toMatchObject({ kind: "isae3402", reportType: "type2", auditor: "Revisionsfirmaet Nord", qualified: false, scopeCovers: null, expiresOn: report.expiresOn, source: "staff" });
    expect(listAudit(getDb(), a.org.id, { targetType: "supplier", targetId: supplier.id }).map((e) => e.action)).toContain("supplier.dated-evidence.added");

    const page = (await call(() => pageLoader(args(get(`/staff/suppliers/${supplier.id}`, a.viewer.cookie), { supplierId: supplier.id })))).value as PageItems;
    expect(page.datedEvidence).toMatchObject([{ kind: "isae3402", flags: [], status: "valid" }]);

    // Staff mark that the scope does not cover the service, and the opinion as qualified: two flags.
    const edited = await save(supplier.id, { ...report, id: row!.id, qualified: "yes", scopeCovers: "no" });
    expect(edited.status).toBe(303);
    const review = makeSubmittedAssessment(getDb(), { orgId: a.org.id, supplier, contacts });
    const reviewPage = (await call(() => reviewLoader(args(get(`/staff/assessments/${review.assessment.id}`, a.viewer.cookie), { assessmentId: review.assessment.id })))).value as PageItems;
    expect(reviewPage.datedEvidence[0]!.flags).toEqual(["qualified", "scope-not-covered"]);

    const list = (await call(() => listLoader(args(get(`/staff/suppliers?q=${encodeURIComponent(supplier.name)}`, a.viewer.cookie))))).value as {
      evidenceExpiry: Record<string, { expiresOn: string; status: string }>;
    };
    expect(list.evidenceExpiry[supplier.id]).toEqual({ expiresOn: report.expiresOn, status: "valid" });
  });

  it("an old report is flagged older than 12 months; a penetration test without expiry expires 12 months after it", async () => {
    const { supplier } = supplierOf(a.org.id);
    await save(supplier.id, { ...report, periodStart: addDaysIso(today, -700), periodEnd: addDaysIso(today, -400), expiresOn: addDaysIso(today, 10) });
    await save(supplier.id, { ...report, kind: "pentest", reportType: "", periodStart: "", periodEnd: "2026-01-31", expiresOn: "" });
    const page = (await call(() => pageLoader(args(get(`/staff/suppliers/${supplier.id}`, a.viewer.cookie), { supplierId: supplier.id })))).value as PageItems;
    const isae = page.datedEvidence.find((e) => e.kind === "isae3402")!;
    expect(isae.flags).toEqual(["older-than-12-months"]);
    expect(isae.status).toBe("expiring");
    expect(page.datedEvidence.find((e) => e.kind === "pentest")!.expiresOn).toBe("2027-01-31");
  });

  it("bad input gets a localised error and changes nothing", async () => {
    const { supplier } = supplierOf(a.org.id);
    const cases: [Record<string, string>, string, string][] = [
      [{ ...report, periodEnd: addDaysIso(report.periodStart, -1) }, "periodEnd", "supervision.validation.periodEndBeforeStart"],
      [{ ...report, kind: "soc2" }, "kind", "validation.invalidChoice"],
      [{ ...report, expiresOn: "" }, "expiresOn", "supervision.validation.expiryRequired"],
      [{ ...report, qualified: "maybe" }, "qualified", "validation.invalidChoice"],
    ];
    for (const [fields, field, message] of cases) {
      const before = watched();
      const result = await save(supplier.id, fields);
      expect(result.status).toBe(400);
      expect((result.value as { error: Record<string, string[]> }).error[field]).toEqual([message]);
      expect(watched()).toEqual(before);
    }
  });

  it("another organisation's supplier or evidence id is 404 and changes nothing; a viewer is refused", async () => {
    const mine = supplierOf(a.org.id).supplier;
    const theirs = supplierOf(b.org.id).supplier;
    await save(mine.id, report);
    const mineRow = rowsOf(mine.id)[0]!;
    await call(() => evidenceAction(args(post(`/staff/suppliers/${theirs.id}/evidence`, b.reviewer.cookie, report), { supplierId: theirs.id })));
    const theirRow = rowsOf(theirs.id)[0]!;
    const before = watched();
    expect((await save(theirs.id, report)).status).toBe(404);
    expect((await save(mine.id, { ...report, id: theirRow.id })).status).toBe(404);
    expect((await call(() => evidenceLoader(args(get(`/staff/suppliers/${theirs.id}/evidence`, a.reviewer.cookie), { supplierId: theirs.id })))).status).toBe(404);
    expect((await call(() => evidenceLoader(args(get(`/staff/suppliers/${mine.id}/evidence?edit=${theirRow.id}`, a.reviewer.cookie), { supplierId: mine.id })))).status).toBe(404);
    expect((await save(mine.id, { ...report, id: mineRow.id }, a.viewer.cookie)).status).toBe(403);
    const after = watched();
    expect({ ...after, audit: before.audit }).toEqual(before);
  });
});

describe("the expiry job", () => {
  it("is registered with the other jobs", () => {
    expect(JOBS).toContain(evidenceExpiryJob);
  });

  it("30 days before expiry: one request in the contact's language with a scoped link; twice sends nothing twice", async () => {
    const { supplier, contacts } = supplierOf(a.org.id, { contacts: [{ locale: "en", name: "John Smith", isSecurityContact: true }] });
    makeAssessment(getDb(), { orgId: a.org.id, supplier, contacts });
    await save(supplier.id, { ...report, kind: "iso27001", reportType: "", expiresOn: addDaysIso(today, 25) });
    await runJobs({ jobs: [evidenceExpiryJob] });
    await runJobs({ jobs: [evidenceExpiryJob] });
    const sent = getDb().select().from(emails).where(and(eq(emails.toAddress, contacts[0]!.email), eq(emails.kind, "evidence-renewal"))).all();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.locale).toBe("en");
    expect(sent[0]!.subject).toBe("Your ISO/IEC 27001 certificate expires soon");
    expect(sent[0]!.text).toMatch(/\/evidence-request\/[a-z2-7]{32}/);
    const row = rowsOf(supplier.id)[0]!;
    expect(getDb().select().from(evidenceRequests).where(eq(evidenceRequests.datedEvidenceId, row.id)).all()).toHaveLength(1);
  });

  it("when it lapses: the owner is warned once (the admins when there is no owner)", async () => {
    const { supplier } = supplierOf(a.org.id, { ownerUserId: a.reviewer.user.id });
    await save(supplier.id, { ...report, kind: "insurance", reportType: "", periodStart: addDaysIso(today, -400), periodEnd: addDaysIso(today, -40), expiresOn: addDaysIso(today, -2) });
    await runJobs({ jobs: [evidenceExpiryJob] });
    await runJobs({ jobs: [evidenceExpiryJob] });
    const warned = getDb().select().from(emails).where(and(eq(emails.kind, "evidence-lapsed"), like(emails.subject, `%${supplier.name}%`))).all();
    expect(warned.map((e) => e.toAddress)).toEqual([a.reviewer.user.email]);
    expect(warned[0]!.subject).toBe(`Forsikringspolice fra ${supplier.name} er udløbet`);
  });
});

describe("dated documents from the questionnaire (its promised reminders)", () => {
  it("the job reads them from the latest submitted assessment once, with the answer's file; a newer assessment supersedes them", async () => {
    const { supplier, contacts } = supplierOf(a.org.id);
    const first = makeSubmittedAssessment(
      getDb(),
      { orgId: a.org.id, supplier, contacts },
      {
        answers: { "iso27001-certificate-expiry": addDaysIso(today, 20), "insurance-end-date": addDaysIso(today, 200), "penetration-test-date": addDaysIso(today, -100) },
        evidence: [{ questionId: "iso27001-certificate-expiry", fileName: "ISO-certifikat.pdf" }],
        submittedAt: new Date(Date.now() - 5 * 86_400_000),
      },
    );
    await runJobs({ jobs: [evidenceExpiryJob] });
    await runJobs({ jobs: [evidenceExpiryJob] });
    const current = () => rowsOf(supplier.id).filter((r) => r.supersededAt === null);
    expect(current().map((r) => [r.kind, r.expiresOn, r.source]).sort()).toEqual(
      [
        ["insurance", addDaysIso(today, 200), "questionnaire"],
        ["iso27001", addDaysIso(today, 20), "questionnaire"],
        ["pentest", addDaysIso(addDaysIso(today, -100), 365), "questionnaire"],
      ].sort(),
    );
    const iso = current().find((r) => r.kind === "iso27001")!;
    expect(iso.evidenceFileId).toBe(first.evidence[0]!.id);
    // The certificate expires within 30 days: one request to the contact, however often the job runs.
    expect(getDb().select().from(emails).where(and(eq(emails.toAddress, contacts[0]!.email), eq(emails.kind, "evidence-renewal"))).all()).toHaveLength(1);

    makeSubmittedAssessment(getDb(), { orgId: a.org.id, supplier, contacts }, { answers: { "iso27001-certificate-expiry": addDaysIso(today, 700) }, submittedAt: new Date() });
    await runJobs({ jobs: [evidenceExpiryJob] });
    expect(current().find((r) => r.kind === "iso27001")!.expiresOn).toBe(addDaysIso(today, 700));
    expect(rowsOf(supplier.id).filter((r) => r.kind === "iso27001")).toHaveLength(2);
  });
});

describe("the scoped renewal link", () => {
  async function requested() {
    const { supplier, contacts } = supplierOf(a.org.id);
    const { assessment } = makeAssessment(getDb(), { orgId: a.org.id, supplier, contacts });
    await save(supplier.id, { ...report, expiresOn: addDaysIso(today, 5) });
    await runJobs({ jobs: [evidenceExpiryJob] });
    const email = getDb().select().from(emails).where(and(eq(emails.toAddress, contacts[0]!.email), eq(emails.kind, "evidence-renewal"))).get()!;
    const token = /\/evidence-request\/([a-z2-7]{32})/.exec(email.text)![1]!;
    return { supplier, assessment, token, old: rowsOf(supplier.id)[0]! };
  }
  const ctx = (ip: string) => ({ requestId: "t", nonce: "n", ip });
  const visit = (token: string, ip = freshIp()) => call(() => renewalLoader(args(get(`/evidence-request/${token}`), { token }, ctx(ip))));
  function multipart(token: string, fields: Record<string, string>, file: { name: string; bytes: Buffer } | null) {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    if (file) body.append("file", new Blob([new Uint8Array(file.bytes)], { type: "application/pdf" }), file.name);
    return new Request(`${BASE}/evidence-request/${token}`, { method: "POST", body, headers: { Origin: BASE } });
  }
  const submit = (token: string, fields: Record<string, string>, file: { name: string; bytes: Buffer } | null, ip = freshIp()) =>
    call(() => renewalAction(args(multipart(token, fields, file), { token }, ctx(ip))));
  const newDates = { periodStart: addDaysIso(today, -30), periodEnd: addDaysIso(today, -1), expiresOn: addDaysIso(today, 364) };

  it("GET changes nothing; the POST takes one document for its slot, replaces the old one, and the link is used up", async () => {
    const { supplier, assessment, token, old } = await requested();
    // Only the email (the outbox holds what was sent, as for invitations) carries the token; no other table does.
    const { emails: _sent, ...stored } = dumpDatabase();
    expect(JSON.stringify(stored)).not.toContain(token);
    const before = dumpDatabase();
    const seen = await visit(token);
    expect(seen.status).toBe(200);
    expect(seen.value).toMatchObject({ kind: "isae3402", supplierName: supplier.name });
    expect(dumpDatabase()).toEqual(before);

    const result = await submit(token, newDates, { name: "ISAE 3402 2026.pdf", bytes: tinyPdf() });
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/report/received");
    const rows = rowsOf(supplier.id);
    expect(rows.find((r) => r.id === old.id)!.supersededAt).not.toBeNull();
    const renewed = rows.find((r) => r.id !== old.id)!;
    expect(renewed).toMatchObject({ kind: "isae3402", periodEnd: newDates.periodEnd, expiresOn: newDates.expiresOn, source: "supplier", supersededAt: null });
    const file = getDb().select().from(evidenceFiles).where(eq(evidenceFiles.id, renewed.evidenceFileId!)).get()!;
    expect(file).toMatchObject({ assessmentId: assessment.id, originalName: "ISAE 3402 2026.pdf", mimeType: "application/pdf" });
    expect(listAudit(getDb(), a.org.id, { targetType: "supplier", targetId: supplier.id }).map((e) => e.action)).toContain("supplier.dated-evidence.renewed");
    expect((await visit(token)).status).toBe(404);
  });

  it("bad dates, no file or a refused file: a localised error, nothing kept", async () => {
    const { token } = await requested();
    const stored = () => (existsSync(evidenceDir(getEnv().DATA_DIR)) ? readdirSync(evidenceDir(getEnv().DATA_DIR)).length : 0);
    const filesBefore = stored();
    const before = watched();
    const badDates = await submit(token, { ...newDates, periodEnd: addDaysIso(newDates.periodStart, -3) }, { name: "x.pdf", bytes: tinyPdf() });
    expect(badDates.status).toBe(400);
    expect((badDates.value as Reply).error.periodEnd).toEqual(["supervision.validation.periodEndBeforeStart"]);
    const noFile = await submit(token, newDates, null);
    expect((noFile.value as Reply).error[""]).toEqual(["supervision.renewal.error.no-file"]);
    const html = await submit(token, newDates, { name: "evil.pdf", bytes: Buffer.from("<html><script>alert(1)</script></html>") });
    expect(html.status).toBe(400);
    expect((html.value as Reply).error[""]).toEqual(["supervision.renewal.error.refused"]);
    expect(watched()).toEqual(before);
    expect(stored()).toBe(filesBefore);
    expect((await visit(token)).status).toBe(200);
  });

  it("unknown and used links get the same 404", async () => {
    const { token } = await requested();
    await submit(token, newDates, { name: "ny.pdf", bytes: tinyPdf() });
    const used = await visit(token);
    const unknown = await visit("c".repeat(32));
    const usedPost = await submit(token, newDates, { name: "igen.pdf", bytes: tinyPdf() });
    expect([used.status, unknown.status, usedPost.status]).toEqual([404, 404, 404]);
    expect(new Set([used.body, unknown.body, usedPost.body]).size).toBe(1);
  });
});
