import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { assessments, auditLog, clarificationMessages, clarifications, flags } from "#db/schema";
import { action as autosave } from "~/routes/s.autosave";
import { action as uploadAction } from "~/routes/s.evidence";
import { tinyPdf } from "./files";
import { action as clarificationAction, loader as clarificationLoader } from "~/routes/s.clarifications";
import { loader as receiptLoader } from "~/routes/s.receipt";
import { action as submitAction, loader as submitLoader } from "~/routes/s.submit";
import { loadQuestionnaireVersion } from "~/questionnaire/versions.server";
import { newId } from "~/security/tokens.server";
import { context, easyValue, get, openPortal, post, run, visibleQuestions, type Portal } from "./support";

const save = (cookie: string, body: Record<string, string | string[]>) =>
  run(() => autosave({ request: post("/s/autosave", body, cookie, { Accept: "application/json" }), params: {}, context }));

const row = (id: string) => getDb().select().from(assessments).where(eq(assessments.id, id)).get()!;

/** Answers every visible question (repeatedly, as answers reveal more), choosing answers that need no comment or evidence. */
async function answerEverything(portal: Portal, override: Record<string, string | string[]> = {}) {
  const questionnaire = loadQuestionnaireVersion(portal.assessment.questionnaireVersionId);
  const today = new Date().toISOString().slice(0, 10);
  const given = new Map<string, { value: string | string[]; revision: number }>();
  for (let round = 0; round < 5; round++) {
    const inputs = [...given.entries()].map(([questionId, a]) => ({ questionId, value: a.value }));
    let changed = false;
    for (const question of visibleQuestions(questionnaire, inputs)) {
      if (given.has(question.id) || question.type === "evidence") continue;
      const value = override[question.id] ?? easyValue(question, today);
      if (value === null) continue;
      const result = await save(portal.cookie, { questionId: question.id, revision: "0", value, comment: "Se vores politik." });
      expect(result.status, `${question.id} = ${JSON.stringify(value)}: ${JSON.stringify(result.data)}`).toBe(200);
      given.set(question.id, { value, revision: 1 });
      changed = true;
    }
    if (!changed) break;
  }
  // Evidence the answers require: a small PDF each.
  const summary = await run(() => submitLoader({ request: get("/s/submit", portal.cookie), params: {}, context }));
  for (const item of (summary.data as { missing: { kind: string; questionId: string }[] }).missing) {
    if (item.kind !== "evidence") continue;
    const body = new FormData();
    body.append("questionId", item.questionId);
    body.append("file", new Blob([new Uint8Array(tinyPdf())], { type: "application/pdf" }), "bevis.pdf");
    const uploaded = await run(() => uploadAction({ request: post("/s/evidence", body, portal.cookie, { Accept: "application/json" }), params: {}, context }));
    expect(uploaded.status).toBe(200);
  }
  return given;
}

const attest = { name: "Mette Hansen", title: "IT-chef", confirm: "on" };

describe("submitting", () => {
  it("lists what is missing, links each item to its question, and refuses to submit until it is done", async () => {
    const portal = openPortal();
    await save(portal.cookie, { questionId: "mfa-enforced", revision: "0", value: "no" });
    const summary = await run(() => submitLoader({ request: get("/s/submit", portal.cookie), params: {}, context }));
    const missing = (summary.data as { missing: { kind: string; questionId: string; themeId: string }[] }).missing;
    expect(missing).toContainEqual(expect.objectContaining({ kind: "unanswered", questionId: "security-policy", themeId: "security-management" }));
    expect(missing).toContainEqual(expect.objectContaining({ kind: "comment", questionId: "mfa-enforced", themeId: "identity-access" }));
    const refused = await run(() => submitAction({ request: post("/s/submit", attest, portal.cookie), params: {}, context }));
    expect(refused.status).toBe(400);
    expect(row(portal.assessment.id).status).toBe("in_progress");
  });

  it("refuses an attestation without name, title or confirmation", async () => {
    const portal = openPortal();
    const result = await run(() => submitAction({ request: post("/s/submit", { name: " ", title: "" }, portal.cookie), params: {}, context }));
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.data)).toContain("supplier.validation.attestationName");
    expect(JSON.stringify(result.data)).toContain("supplier.validation.attestationConfirm");
  });

  it("scores on submit, stores flags and the risk rating, and locks the answers", async () => {
    const portal = openPortal({ tier: "high" });
    // Refusing the data processing agreement is a warning flag.
    await answerEverything(portal, { "data-processing-agreement": "refuse", "cyber-insurance": "no" });
    const ready = await run(() => submitLoader({ request: get("/s/submit", portal.cookie), params: {}, context }));
    expect((ready.data as { missing: unknown[] }).missing).toEqual([]);
    const submitted = await run(() => submitAction({ request: post("/s/submit", { ...attest, status: "approved" }, portal.cookie), params: {}, context }));
    expect(submitted.status).toBe(303);
    expect(submitted.headers.get("Location")).toBe("/s/receipt");

    const assessment = row(portal.assessment.id);
    expect(assessment.status).toBe("submitted");
    expect(assessment.submittedAt).toBeInstanceOf(Date);
    expect(assessment.attestationName).toBe("Mette Hansen");
    expect(assessment.attestationTitle).toBe("IT-chef");
    expect(assessment.overallScore).toEqual(expect.any(Number));
    expect(assessment.completeness).toBe(100);
    expect(assessment.riskRating).toMatch(/critical|high/);
    const stored = getDb().select().from(flags).where(eq(flags.assessmentId, portal.assessment.id)).all();
    expect(stored.length).toBe(assessment.flagCount);
    expect(stored.filter((f) => f.severity === "critical").length).toBe(assessment.criticalFlagCount);
    expect(stored.map((f) => f.flagType)).toEqual(expect.arrayContaining(["no-cyber-insurance"]));
    expect(stored.some((f) => f.warning && f.triggers.some((t) => t.questionId === "data-processing-agreement"))).toBe(true);
    expect((assessment.scoreDetail as { score: { themes: unknown[] } }).score.themes).toHaveLength(10);
    expect(getDb().select().from(auditLog).where(and(eq(auditLog.targetId, portal.assessment.id), eq(auditLog.action, "assessment.submitted"))).all()).toHaveLength(1);

    const locked = await save(portal.cookie, { questionId: "cyber-insurance", revision: "1", value: "yes" });
    expect(locked.status).toBe(409);
    expect(locked.data).toMatchObject({ kind: "locked" });
    const again = await run(() => submitAction({ request: post("/s/submit", attest, portal.cookie), params: {}, context }));
    expect(again.status).toBe(303);
    expect(row(portal.assessment.id).submittedAt).toEqual(assessment.submittedAt);

    const receipt = await run(() => receiptLoader({ request: get("/s/receipt", portal.cookie), params: {}, context }));
    expect(receipt.status).toBe(200);
    expect(receipt.data).toMatchObject({ attestation: { name: "Mette Hansen", title: "IT-chef" } });
  });

  it("a clarification reopens just its question; answering it re-submits and re-scores", async () => {
    const portal = openPortal();
    await answerEverything(portal, { "cyber-insurance": "no" });
    await run(() => submitAction({ request: post("/s/submit", attest, portal.cookie), params: {}, context }));
    const before = row(portal.assessment.id);
    expect(before.flagCount).toBeGreaterThan(0);
    const clarificationId = newId();
    const db = getDb();
    db.insert(clarifications).values({ id: clarificationId, orgId: portal.orgId, assessmentId: portal.assessment.id, questionId: "cyber-insurance", status: "open" }).run();
    db.insert(clarificationMessages)
      .values({ id: newId(), orgId: portal.orgId, clarificationId, authorType: "staff", authorId: "reviewer", body: "Har I virkelig ingen cyberforsikring?" })
      .run();
    db.update(assessments).set({ status: "clarification_requested" }).where(eq(assessments.id, portal.assessment.id)).run();

    expect((await save(portal.cookie, { questionId: "mfa-enforced", revision: "1", value: "no" })).status).toBe(409);
    const page = await run(() => clarificationLoader({ request: get("/s/clarifications", portal.cookie), params: {}, context }));
    expect(page.data).toMatchObject({ items: [{ id: clarificationId, questionId: "cyber-insurance", messages: [{ from: "staff", body: "Har I virkelig ingen cyberforsikring?" }] }] });

    expect((await save(portal.cookie, { questionId: "cyber-insurance", revision: "1", value: "yes" })).status).toBe(200);
    const missingReply = await run(() => clarificationAction({ request: post("/s/clarifications", { [`reply.${clarificationId}`]: " " }, portal.cookie), params: {}, context }));
    expect(missingReply.status).toBe(400);

    const sent = await run(() =>
      clarificationAction({ request: post("/s/clarifications", { [`reply.${clarificationId}`]: "Jo, vi har en police." }, portal.cookie), params: {}, context }),
    );
    expect(sent.status).toBe(303);
    const after = row(portal.assessment.id);
    expect(after.status).toBe("submitted");
    expect(after.flagCount).toBeLessThan(before.flagCount);
    expect(db.select().from(clarifications).where(eq(clarifications.id, clarificationId)).get()?.status).toBe("answered");
    const messages = db.select().from(clarificationMessages).where(eq(clarificationMessages.clarificationId, clarificationId)).all();
    expect(messages.map((m) => m.authorType)).toEqual(["staff", "supplier"]);
    expect((await save(portal.cookie, { questionId: "cyber-insurance", revision: "2", value: "no" })).status).toBe(409);
  });
});
