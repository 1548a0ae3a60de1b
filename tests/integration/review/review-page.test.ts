import { tierPolicy } from "~/suppliers/tiering";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { listAudit } from "#db/repos/audit";
import { assessments, clarificationMessages, clarifications, emails, flags, questionReviews, remediationItems, suppliers } from "#db/schema";
import { loader as evidenceLoader } from "~/routes/staff.assessments.$assessmentId.evidence.$fileId";
import { action, loader } from "~/routes/staff.assessments.$assessmentId";
import { loader as reportLoader } from "~/routes/staff.assessments.$assessmentId_.report";
import { args, call, get, makeOrgWithStaff, post, submitted } from "./support";

type Org = Awaited<ReturnType<typeof makeOrgWithStaff>>;
let a: Org;
let b: Org;

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

function mfaSupplier(org: Org, name = "Nordlys Hosting ApS", locale: "da" | "en" = "en") {
  return submitted(
    org.org.id,
    { name, tier: "critical", contacts: [{ name: "Jane Doe", email: `jane-${Math.random().toString(36).slice(2)}@nordlys.example`, locale }] },
    {
      answers: { "customer-access-mfa": "exception-needed" },
      comments: { "customer-access-mfa": "Our legacy tool cannot do MFA" },
      evidence: [{ questionId: "security-policy", fileName: "Sikkerhedspolitik æøå.pdf" }],
    },
  );
}

beforeAll(async () => {
  a = await makeOrgWithStaff();
  b = await makeOrgWithStaff();
});

const page = (id: string, cookie = a.reviewer.cookie) => call(() => loader(args(get(`/staff/assessments/${id}`, cookie), { assessmentId: id })));
const act = (id: string, fields: Record<string, string>, cookie = a.reviewer.cookie) =>
  call(() => action(args(post(`/staff/assessments/${id}`, cookie, fields), { assessmentId: id })));
const statusOf = (id: string) => getDb().select().from(assessments).where(eq(assessments.id, id)).get()!;

describe("review page", () => {
  it("shows the flags first, each linking to the answer that raised it with the rule's explanation", async () => {
    const made = mfaSupplier(a);
    const { status, value } = await page(made.assessment.id);
    expect(status).toBe(200);
    const data = value as Awaited<ReturnType<typeof loader>>;
    const mfa = data.flags.find((f) => f.flagType === "mfa-exception")!;
    expect(mfa.severity).toBe("critical");
    expect(mfa.warning).toBe(true);
    expect(mfa.status).toBe("open");
    expect(mfa.explanation.length).toBeGreaterThan(20);
    expect(mfa.triggers.map((t) => t.questionId)).toContain("customer-access-mfa");
    const question = data.themes.flatMap((t) => t.questions).find((q) => q.id === "customer-access-mfa")!;
    expect(question.flagged).toBe(true);
    expect(question.comment).toBe("Our legacy tool cannot do MFA");
    const policy = data.themes.flatMap((t) => t.questions).find((q) => q.id === "security-policy")!;
    expect(policy.evidence.map((e) => e.name)).toEqual(["Sikkerhedspolitik æøå.pdf"]);
    expect(data.themes).toHaveLength(10);
    expect(data.themes.every((t) => t.explanation.length > 0)).toBe(true);
    expect(data.risk.rating).toBe("critical");
    expect(data.canAct).toBe(true);
  });

  it("answers 404 for another organisation's review page, report, evidence and actions, without its data", async () => {
    const made = mfaSupplier(a, "Hemmelig Leverandør A/S");
    const id = made.assessment.id;
    const fileId = made.evidence[0]!.id;
    const results = [
      await page(id, b.reviewer.cookie),
      await call(() => reportLoader(args(get(`/staff/assessments/${id}/report`, b.admin.cookie), { assessmentId: id }))),
      await call(() => evidenceLoader(args(get(`/staff/assessments/${id}/evidence/${fileId}`, b.admin.cookie), { assessmentId: id, fileId }))),
      await act(id, { intent: "question", questionId: "security-policy", verdict: "accepted" }, b.reviewer.cookie),
      await act(id, { intent: "decide", decision: "approved", reason: "ok" }, b.admin.cookie),
      await act(id, { intent: "accept-flag", flagId: "x", reason: "r", until: inDays(10) }, b.reviewer.cookie),
    ];
    for (const result of results) {
      expect(result.status).toBe(404);
      expect(result.body).not.toContain("Hemmelig");
      expect(result.body).not.toContain("Sikkerhedspolitik");
    }
    // A's own evidence id under another of A's assessments is a 404 too.
    const other = mfaSupplier(a, "Anden A/S");
    const crossed = await call(() =>
      evidenceLoader(args(get(`/staff/assessments/${other.assessment.id}/evidence/${fileId}`, a.reviewer.cookie), { assessmentId: other.assessment.id, fileId })),
    );
    expect(crossed.status).toBe(404);
    expect(statusOf(id).status).toBe("submitted");
    expect(listAudit(getDb(), b.org.id, { targetId: id })).toEqual([]);
  });

  it("serves evidence as a download with safe headers and audits the view", async () => {
    const made = mfaSupplier(a);
    const file = made.evidence[0]!;
    const result = await call(() =>
      evidenceLoader(args(get(`/staff/assessments/${made.assessment.id}/evidence/${file.id}`, a.viewer.cookie), { assessmentId: made.assessment.id, fileId: file.id })),
    );
    expect(result.status).toBe(200);
    const response = result.value as Response;
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="Sikkerhedspolitik [\x20-\x7e]+\.pdf"; filename\*=UTF-8''Sikkerhedspolitik%20%C3%A6%C3%B8%C3%A5\.pdf$/);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(response.headers.get("Content-Security-Policy")).toMatch(/^sandbox/);
    expect(result.body.startsWith("%PDF-")).toBe(true);
    const audit = listAudit(getDb(), a.org.id, { action: "evidence.downloaded", targetId: made.assessment.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(a.viewer.user.id);
    expect(audit[0]!.details).toMatchObject({ fileId: file.id });
  });

  it("lets a viewer read but not act (403), and changes nothing", async () => {
    const made = mfaSupplier(a);
    const read = await page(made.assessment.id, a.viewer.cookie);
    expect(read.status).toBe(200);
    expect((read.value as { canAct: boolean }).canAct).toBe(false);
    const flagId = getDb().select().from(flags).where(eq(flags.assessmentId, made.assessment.id)).all()[0]!.id;
    for (const fields of <Record<string, string>[]>[
      { intent: "question", questionId: "security-policy", verdict: "accepted" },
      { intent: "question", questionId: "security-policy", verdict: "clarification", message: "Hvorfor?" },
      { intent: "accept-flag", flagId, reason: "ok", until: inDays(30) },
      { intent: "decide", decision: "approved", reason: "ok" },
      { intent: "assign", reviewerId: a.viewer.user.id },
    ]) {
      expect((await act(made.assessment.id, fields, a.viewer.cookie)).status, fields.intent).toBe(403);
    }
    expect(statusOf(made.assessment.id).status).toBe("submitted");
    expect(listAudit(getDb(), a.org.id, { targetId: made.assessment.id })).toEqual([]);
  });
});

describe("per-question verdicts", () => {
  it("accepting an answer takes the assessment into review, assigns it and audits", async () => {
    const made = mfaSupplier(a);
    const result = await act(made.assessment.id, { intent: "question", questionId: "security-policy", verdict: "accepted" });
    expect(result.status).toBe(303);
    const row = statusOf(made.assessment.id);
    expect(row.status).toBe("in_review");
    expect(row.assignedReviewerId).toBe(a.reviewer.user.id);
    const review = getDb().select().from(questionReviews).where(eq(questionReviews.assessmentId, made.assessment.id)).get()!;
    expect(review).toMatchObject({ questionId: "security-policy", status: "accepted", reviewerId: a.reviewer.user.id });
    expect(listAudit(getDb(), a.org.id, { action: "question.accepted", targetId: made.assessment.id })).toHaveLength(1);
  });

  it("records a finding with severity and text", async () => {
    const made = mfaSupplier(a);
    const result = await act(made.assessment.id, { intent: "question", questionId: "mfa-enforced", verdict: "finding", severity: "high", findingText: "Kun delvis MFA" });
    expect(result.status).toBe(303);
    const review = getDb().select().from(questionReviews).where(eq(questionReviews.assessmentId, made.assessment.id)).get()!;
    expect(review).toMatchObject({ status: "finding", findingSeverity: "high", findingText: "Kun delvis MFA" });
    expect(listAudit(getDb(), a.org.id, { action: "question.finding_recorded", targetId: made.assessment.id })[0]!.details).toMatchObject({ severity: "high" });
  });

  it("a clarification reopens that question, changes the state and emails the contact in their language", async () => {
    const made = mfaSupplier(a, "Engelsk Leverandør Ltd", "en");
    const result = await act(made.assessment.id, {
      intent: "question",
      questionId: "customer-access-mfa",
      verdict: "clarification",
      message: "Which tool cannot use MFA, and until when?",
    });
    expect(result.status).toBe(303);
    expect(statusOf(made.assessment.id).status).toBe("clarification_requested");
    const thread = getDb().select().from(clarifications).where(eq(clarifications.assessmentId, made.assessment.id)).all();
    expect(thread).toHaveLength(1);
    expect(thread[0]).toMatchObject({ questionId: "customer-access-mfa", status: "open" });
    const messages = getDb().select().from(clarificationMessages).where(eq(clarificationMessages.clarificationId, thread[0]!.id)).all();
    expect(messages.map((m) => [m.authorType, m.body])).toEqual([["staff", "Which tool cannot use MFA, and until when?"]]);
    const mail = getDb().select().from(emails).where(and(eq(emails.assessmentId, made.assessment.id), eq(emails.kind, "clarification-request"))).all();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.locale).toBe("en");
    expect(mail[0]!.toAddress).toBe(made.contacts[0]!.email);
    expect(mail[0]!.subject).toMatch(/asks for a clarification/);
    expect(mail[0]!.text).toContain("Which tool cannot use MFA");
    expect(mail[0]!.text).toMatch(/\/invite\/[a-z2-7]+/);
    expect(listAudit(getDb(), a.org.id, { action: "clarification.requested", targetId: made.assessment.id })).toHaveLength(1);

    // A second request on the same open question is refused; another question may still be asked.
    const again = await act(made.assessment.id, { intent: "question", questionId: "customer-access-mfa", verdict: "clarification", message: "Igen?" });
    expect(again.status).toBe(400);
    expect(JSON.stringify(again.value)).toContain("review.error.clarificationOpen");
  });

  it("refuses bad inputs with a field error and changes nothing", async () => {
    const made = mfaSupplier(a);
    const cases: [Record<string, string>, string][] = [
      [{ intent: "question", questionId: "security-policy" }, "review.validation.verdict"],
      [{ intent: "question", questionId: "security-policy", verdict: "maybe" }, "review.validation.verdict"],
      [{ intent: "question", questionId: "security-policy", verdict: "clarification", message: "" }, "validation.required"],
      [{ intent: "question", questionId: "security-policy", verdict: "clarification", message: "x".repeat(2001) }, "review.validation.tooLong"],
      [{ intent: "question", questionId: "security-policy", verdict: "finding", findingText: "x" }, "review.validation.severity"],
      [{ intent: "question", questionId: "security-policy", verdict: "finding", severity: "urgent", findingText: "x" }, "review.validation.severity"],
      [{ intent: "question", questionId: "security-policy", verdict: "finding", severity: "low" }, "validation.required"],
      [{ intent: "question", questionId: "no-such-question", verdict: "accepted" }, "review.error.unknownQuestion"],
    ];
    for (const [fields, message] of cases) {
      const result = await act(made.assessment.id, fields);
      expect(result.status, JSON.stringify(fields)).toBe(400);
      expect(JSON.stringify(result.value), JSON.stringify(fields)).toContain(message);
    }
    expect((await act(made.assessment.id, { intent: "bogus" })).status).toBe(400);
    expect(statusOf(made.assessment.id).status).toBe("submitted");
    expect(getDb().select().from(questionReviews).where(eq(questionReviews.assessmentId, made.assessment.id)).all()).toEqual([]);
    expect(listAudit(getDb(), a.org.id, { targetId: made.assessment.id })).toEqual([]);
  });
});

describe("accepting a flag's risk", () => {
  it("needs a reason and a future expiry, recounts open flags for the queue and is audited", async () => {
    const made = mfaSupplier(a);
    const flag = getDb().select().from(flags).where(and(eq(flags.assessmentId, made.assessment.id), eq(flags.flagType, "mfa-exception"))).get()!;
    const before = statusOf(made.assessment.id).criticalFlagCount;
    const bad: [Record<string, string>, string][] = [
      [{ reason: "", until: inDays(30) }, "validation.required"],
      [{ reason: "Kompenserende kontrol", until: "" }, "validation.required"],
      [{ reason: "Kompenserende kontrol", until: "2026-02-30" }, "validation.date"],
      [{ reason: "Kompenserende kontrol", until: today() }, "review.validation.untilFuture"],
      [{ reason: "Kompenserende kontrol", until: inDays(400) }, "review.validation.untilTooFar"],
      [{ reason: "x".repeat(2001), until: inDays(30) }, "review.validation.tooLong"],
    ];
    for (const [fields, message] of bad) {
      const result = await act(made.assessment.id, { intent: "accept-flag", flagId: flag.id, ...fields });
      expect(result.status, JSON.stringify(fields)).toBe(400);
      expect(JSON.stringify(result.value)).toContain(message);
    }
    expect(getDb().select().from(flags).where(eq(flags.id, flag.id)).get()!.status).toBe("open");

    const until = inDays(90);
    const ok = await act(made.assessment.id, { intent: "accept-flag", flagId: flag.id, reason: "Kompenserende kontrol: VPN med certifikat", until });
    expect(ok.status).toBe(303);
    const accepted = getDb().select().from(flags).where(eq(flags.id, flag.id)).get()!;
    expect(accepted).toMatchObject({ status: "accepted", acceptedUntil: until, acceptedBy: a.reviewer.user.id });
    expect(statusOf(made.assessment.id).criticalFlagCount).toBe(before - 1);
    const audit = listAudit(getDb(), a.org.id, { action: "flag.risk_accepted", targetId: made.assessment.id });
    expect(audit[0]!.details).toMatchObject({ flagType: "mfa-exception", acceptedUntil: until, reason: "Kompenserende kontrol: VPN med certifikat" });

    // Already accepted: refused. Unknown flag: 404.
    expect((await act(made.assessment.id, { intent: "accept-flag", flagId: flag.id, reason: "igen", until })).status).toBe(400);
    expect((await act(made.assessment.id, { intent: "accept-flag", flagId: "unknown", reason: "r", until })).status).toBe(404);
  });
});

describe("decision", () => {
  it("refuses bad inputs and changes nothing", async () => {
    const made = mfaSupplier(a);
    const cond = (i: number, values: Partial<Record<"text" | "ownerSide" | "ownerName" | "deadline", string>>) =>
      Object.fromEntries(Object.entries(values).map(([k, v]) => [`conditions[${i}].${k}`, v]));
    const full = { text: "Indfør MFA for alle konti", ownerSide: "supplier", ownerName: "Jane Doe", deadline: inDays(60) };
    const cases: [Record<string, string>, string][] = [
      [{ reason: "ok" }, "review.validation.decision"],
      [{ decision: "maybe", reason: "ok" }, "review.validation.decision"],
      [{ decision: "approved" }, "validation.required"],
      [{ decision: "approved", reason: "   " }, "validation.required"],
      [{ decision: "approved_with_conditions", reason: "ok" }, "review.validation.conditionsRequired"],
      [{ decision: "approved", reason: "ok", ...cond(0, full) }, "review.validation.conditionsOnlyWithConditions"],
      [{ decision: "approved_with_conditions", reason: "ok", ...cond(0, { ...full, deadline: "2020-01-01" }) }, "review.validation.deadlinePast"],
      [{ decision: "approved_with_conditions", reason: "ok", ...cond(0, { ...full, ownerSide: "partner" }) }, "review.validation.ownerSide"],
      [{ decision: "approved_with_conditions", reason: "ok", ...cond(0, { text: "Halvt udfyldt" }) }, "validation.required"],
      [{ decision: "approved_with_conditions", reason: "ok", ...cond(0, { ...full, deadline: "i morgen" }) }, "validation.date"],
    ];
    for (const [fields, message] of cases) {
      const result = await act(made.assessment.id, { intent: "decide", ...fields });
      expect(result.status, JSON.stringify(fields)).toBe(400);
      expect(JSON.stringify(result.value), JSON.stringify(fields)).toContain(message);
    }
    expect(statusOf(made.assessment.id).status).toBe("submitted");
    expect(getDb().select().from(remediationItems).where(eq(remediationItems.assessmentId, made.assessment.id)).all()).toEqual([]);
  });

  it("approves with conditions: remediation items, decision email to the supplier, audit, no further actions", async () => {
    const made = mfaSupplier(a, "Betinget A/S", "da");
    const deadline = inDays(45);
    const result = await act(made.assessment.id, {
      intent: "decide",
      decision: "approved_with_conditions",
      reason: "Godkendt, når MFA er indført",
      "conditions[0].text": "Indfør MFA på fjernadgang",
      "conditions[0].ownerSide": "supplier",
      "conditions[0].ownerName": "Jane Doe",
      "conditions[0].deadline": deadline,
      "conditions[1].text": "",
      "conditions[1].ownerSide": "",
      "conditions[1].ownerName": "",
      "conditions[1].deadline": "",
    });
    expect(result.status).toBe(303);
    const row = statusOf(made.assessment.id);
    expect(row).toMatchObject({ status: "approved_with_conditions", decision: "approved_with_conditions", decisionReason: "Godkendt, når MFA er indført" });
    const items = getDb().select().from(remediationItems).where(eq(remediationItems.assessmentId, made.assessment.id)).all();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ text: "Indfør MFA på fjernadgang", ownerSide: "supplier", ownerName: "Jane Doe", deadline, status: "open", supplierId: made.supplier.id });
    // The supplier's next assessment is due one tier interval (at most 12 months for critical/high) from the decision.
    const supplierRow = getDb().select().from(suppliers).where(eq(suppliers.id, made.supplier.id)).get()!;
    expect(supplierRow.lastAssessedAt).toBeInstanceOf(Date);
    const months = tierPolicy(supplierRow.tier!).reassessmentMonths;
    const expected = new Date(supplierRow.lastAssessedAt!);
    expected.setUTCMonth(expected.getUTCMonth() + months);
    expect(supplierRow.nextAssessmentDue).toBe(expected.toISOString().slice(0, 10));
    const mail = getDb().select().from(emails).where(and(eq(emails.assessmentId, made.assessment.id), eq(emails.kind, "assessment-decision"))).all();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.locale).toBe("da");
    expect(mail[0]!.text).toContain("Indfør MFA på fjernadgang");
    expect(mail[0]!.text).toContain("Godkendt, når MFA er indført");
    const audit = listAudit(getDb(), a.org.id, { action: "assessment.decided", targetId: made.assessment.id });
    expect(audit[0]!.details).toMatchObject({ decision: "approved_with_conditions", before: { status: "submitted" }, after: { status: "approved_with_conditions" } });

    // Decided: no second decision, no more per-question actions.
    const again = await act(made.assessment.id, { intent: "decide", decision: "rejected", reason: "Alligevel ikke" });
    expect(again.status).toBe(400);
    expect(JSON.stringify(again.value)).toContain("review.error.notReviewable");
    expect((await act(made.assessment.id, { intent: "question", questionId: "security-policy", verdict: "accepted" })).status).toBe(400);
    expect(statusOf(made.assessment.id).status).toBe("approved_with_conditions");
  });

  it("rejects with a reason", async () => {
    const made = mfaSupplier(a);
    expect((await act(made.assessment.id, { intent: "decide", decision: "rejected", reason: "Afviser MFA" })).status).toBe(303);
    expect(statusOf(made.assessment.id).status).toBe("rejected");
  });
});

describe("reassessment", () => {
  it("shows what changed since the previous assessment, and the score trend", async () => {
    const first = mfaSupplier(a, "Genvurderet A/S");
    getDb().update(assessments).set({ status: "approved", decision: "approved", decidedAt: new Date() }).where(eq(assessments.id, first.assessment.id)).run();
    const { makeSubmittedAssessment } = await import("#db/factories/review");
    const second = makeSubmittedAssessment(
      getDb(),
      { orgId: a.org.id, supplier: first.supplier, contacts: first.contacts },
      { kind: "reassessment", previousAssessmentId: first.assessment.id, answers: { "customer-access-mfa": "always" } },
    );
    const { value } = await page(second.assessment.id);
    const data = value as Awaited<ReturnType<typeof loader>>;
    const questions = data.themes.flatMap((t) => t.questions);
    const mfa = questions.find((q) => q.id === "customer-access-mfa")!;
    expect(mfa.changedSinceLast).toBe(true);
    expect(mfa.previousAnswer).toBeTruthy();
    expect(questions.find((q) => q.id === "security-policy")!.changedSinceLast).toBe(false);
    expect(data.scoreTrend.map((entry) => entry.id)).toEqual([first.assessment.id, second.assessment.id]);
    expect(data.flags.some((f) => f.flagType === "mfa-exception")).toBe(false);
  });
});
