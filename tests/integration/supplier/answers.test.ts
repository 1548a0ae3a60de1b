import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { answers, assessments } from "#db/schema";
import { action as autosave } from "~/routes/s.autosave";
import { action as themeAction, loader as themeLoader } from "~/routes/s.themes.$themeId";
import { loader as startLoader } from "~/routes/s._index";
import { context, get, openPortal, post, run } from "./support";

const save = (cookie: string, body: Record<string, string | string[]>) =>
  run(() => autosave({ request: post("/s/autosave", body, cookie, { Accept: "application/json" }), params: {}, context }));

const themePost = (cookie: string, themeId: string, body: Record<string, string | string[]>) =>
  run(() => themeAction({ request: post(`/s/themes/${themeId}`, body, cookie), params: { themeId }, context }));

function storedAnswer(assessmentId: string, questionId: string) {
  return getDb()
    .select()
    .from(answers)
    .where(and(eq(answers.assessmentId, assessmentId), eq(answers.questionId, questionId)))
    .get();
}

function assessmentRow(id: string) {
  return getDb().select().from(assessments).where(eq(assessments.id, id)).get()!;
}

describe("autosave", () => {
  it("saves an answer with revision 1, then 2, keeps progress current and moves the status to in progress", async () => {
    const portal = openPortal();
    const first = await save(portal.cookie, { questionId: "mfa-enforced", revision: "0", value: "yes" });
    expect(first.status).toBe(200);
    expect(first.data).toMatchObject({ kind: "saved", revision: 1 });
    const second = await save(portal.cookie, { questionId: "mfa-enforced", revision: "1", value: "partly", comment: "Kun for administratorer" });
    expect(second.data).toMatchObject({ kind: "saved", revision: 2 });
    const row = storedAnswer(portal.assessment.id, "mfa-enforced")!;
    expect(row).toMatchObject({ value: "partly", comment: "Kun for administratorer", revision: 2, updatedByContactId: portal.contactId });
    const assessment = assessmentRow(portal.assessment.id);
    expect(assessment.status).toBe("in_progress");
    expect(assessment.progressPercent).toBeGreaterThan(0);
    expect((second.data as { overallPercent: number }).overallPercent).toBe(assessment.progressPercent);
  });

  it("a stale tab does not overwrite a newer answer: it gets both back and chooses", async () => {
    const portal = openPortal();
    await save(portal.cookie, { questionId: "security-contact", revision: "0", value: "Første udkast" });
    // Tab A and tab B both loaded revision 1. A saves first.
    const a = await save(portal.cookie, { questionId: "security-contact", revision: "1", value: "Svar fra fane A" });
    expect(a.data).toMatchObject({ kind: "saved", revision: 2 });
    const b = await save(portal.cookie, { questionId: "security-contact", revision: "1", value: "Svar fra fane B" });
    expect(b.status).toBe(409);
    expect(b.data).toMatchObject({ kind: "conflict", current: { value: "Svar fra fane A", revision: 2 } });
    expect(storedAnswer(portal.assessment.id, "security-contact")).toMatchObject({ value: "Svar fra fane A", revision: 2 });
    // B chooses its own answer: it posts again on the revision it was shown.
    const chosen = await save(portal.cookie, { questionId: "security-contact", revision: "2", value: "Svar fra fane B" });
    expect(chosen.data).toMatchObject({ kind: "saved", revision: 3 });
    expect(storedAnswer(portal.assessment.id, "security-contact")).toMatchObject({ value: "Svar fra fane B", revision: 3 });
    // Saying exactly what is stored on an old revision is no conflict.
    const same = await save(portal.cookie, { questionId: "security-contact", revision: "1", value: "Svar fra fane B" });
    expect(same.data).toMatchObject({ kind: "saved", revision: 3 });
  });

  it.each([
    ["a yes/no answer that is neither", { questionId: "mfa-privileged", revision: "0", value: "maybe" }, "supplier.validation.choice"],
    ["an impossible date", { questionId: "penetration-test-date", revision: "0", value: "2025-02-30" }, "supplier.validation.date"],
    ["a date in the future for a 'performed on' date", { questionId: "penetration-test-date", revision: "0", value: "2099-01-01" }, "supplier.validation.dateInFuture"],
    ["a number that is not one", { questionId: "breaches-last-3-years", revision: "0", value: "mange" }, "supplier.validation.number"],
    ["a negative count", { questionId: "breaches-last-3-years", revision: "0", value: "-1" }, "supplier.validation.numberMin"],
    ["not applicable where it is not allowed", { questionId: "mfa-enforced", revision: "0", notApplicable: "on", notApplicableReason: "x" }, "supplier.validation.notApplicableNotAllowed"],
    ["not applicable without a reason", { questionId: "cloud-security-policy", revision: "0", notApplicable: "on" }, "supplier.validation.notApplicableReason"],
    ["'none' combined with another option", { questionId: "network-controls", revision: "0", value: ["none", "firewall"] }, "supplier.validation.exclusive"],
    ["an option that does not exist", { questionId: "network-controls", revision: "0", value: ["telepathy"] }, "supplier.validation.choice"],
    ["a comment that is too long", { questionId: "mfa-enforced", revision: "0", value: "yes", comment: "x".repeat(4001) }, "supplier.validation.tooLong"],
  ])("refuses %s with a localised message and saves nothing", async (_name, body, key) => {
    const portal = openPortal();
    const before = assessmentRow(portal.assessment.id);
    const result = await save(portal.cookie, body as Record<string, string | string[]>);
    expect(result.status).toBe(422);
    expect(JSON.stringify(result.data)).toContain(key);
    expect(storedAnswer(portal.assessment.id, body.questionId)).toBeUndefined();
    expect(assessmentRow(portal.assessment.id)).toEqual(before);
  });

  it("accepts Danish number formats and not-applicable with a reason", async () => {
    const portal = openPortal();
    expect((await save(portal.cookie, { questionId: "breaches-last-3-years", revision: "0", value: "1.000" })).data).toMatchObject({ kind: "saved" });
    expect(storedAnswer(portal.assessment.id, "breaches-last-3-years")?.value).toBe(1000);
    const na = await save(portal.cookie, { questionId: "cloud-security-policy", revision: "0", value: "yes", notApplicable: "on", notApplicableReason: "Vi bruger ingen cloudtjenester" });
    expect(na.data).toMatchObject({ kind: "saved" });
    expect(storedAnswer(portal.assessment.id, "cloud-security-policy")).toMatchObject({ value: null, notApplicable: true, notApplicableReason: "Vi bruger ingen cloudtjenester" });
  });

  it("reports which questions of the theme are visible after a save (showIf)", async () => {
    const portal = openPortal();
    const yes = await save(portal.cookie, { questionId: "cyber-insurance", revision: "0", value: "yes" });
    expect((yes.data as { visible: string[] }).visible).toEqual(["cyber-insurance", "insurance-coverage", "insurance-proof", "insurance-end-date"]);
    const no = await save(portal.cookie, { questionId: "cyber-insurance", revision: "1", value: "no" });
    expect((no.data as { visible: string[] }).visible).toEqual(["cyber-insurance"]);
  });

  it("refuses questions that are not in the questionnaire, and answers 401 without a session", async () => {
    const portal = openPortal();
    expect((await save(portal.cookie, { questionId: "no-such-question", revision: "0", value: "yes" })).status).toBe(404);
    const anonymous = await save("lt_supplier=" + "q".repeat(32), { questionId: "mfa-enforced", revision: "0", value: "yes" });
    expect(anonymous.status).toBe(401);
  });
});

describe("the theme form without JavaScript", () => {
  it("saves every changed answer and continues to the next theme", async () => {
    const portal = openPortal();
    const page = await run(() => themeLoader({ request: get("/s/themes/awareness-training", portal.cookie), params: { themeId: "awareness-training" }, context }));
    const questions = (page.data as { questions: { id: string; answer: { base: string } }[] }).questions;
    const base = Object.fromEntries(questions.map((q) => [q.id, q.answer.base]));
    const result = await themePost(portal.cookie, "awareness-training", {
      intent: "continue",
      "q.awareness-training.value": "regular",
      "q.awareness-training.rev": "0",
      "q.awareness-training.base": base["awareness-training"]!,
      "q.phishing-simulations.value": "yes",
      "q.phishing-simulations.rev": "0",
      "q.phishing-simulations.base": base["phishing-simulations"]!,
      "q.incident-reporting-policy.rev": "0",
      "q.incident-reporting-policy.base": base["incident-reporting-policy"]!,
    });
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/s/themes/cyber-insurance");
    expect(storedAnswer(portal.assessment.id, "phishing-simulations")?.value).toBe("yes");
    // An untouched, unanswered question is not written.
    expect(storedAnswer(portal.assessment.id, "incident-reporting-policy")).toBeUndefined();
  });

  it("stays on the page when the answers opened new questions", async () => {
    const portal = openPortal();
    const result = await themePost(portal.cookie, "cyber-insurance", {
      intent: "continue",
      "q.cyber-insurance.value": "yes",
      "q.cyber-insurance.rev": "0",
      "q.cyber-insurance.base": "-",
    });
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/s/themes/cyber-insurance?notice=new#q-insurance-coverage");
  });

  it("keeps the supplier's input and shows both answers on a stale write; an untouched stale answer is no conflict", async () => {
    const portal = openPortal();
    await save(portal.cookie, { questionId: "phishing-simulations", revision: "0", value: "yes" });
    await save(portal.cookie, { questionId: "awareness-training", revision: "0", value: "regular" });
    const page = await run(() => themeLoader({ request: get("/s/themes/awareness-training", portal.cookie), params: { themeId: "awareness-training" }, context }));
    const loaded = Object.fromEntries((page.data as { questions: { id: string; answer: { base: string; revision: number } }[] }).questions.map((q) => [q.id, q.answer]));
    // Another tab changes both answers.
    await save(portal.cookie, { questionId: "phishing-simulations", revision: "1", value: "no" });
    await save(portal.cookie, { questionId: "awareness-training", revision: "1", value: "onboarding-only", comment: "Kun ved ansættelse" });
    const result = await themePost(portal.cookie, "awareness-training", {
      intent: "save",
      "q.phishing-simulations.value": "yes",
      "q.phishing-simulations.rev": String(loaded["phishing-simulations"]!.revision),
      "q.phishing-simulations.base": loaded["phishing-simulations"]!.base,
      "q.awareness-training.value": "no",
      "q.awareness-training.rev": String(loaded["awareness-training"]!.revision),
      "q.awareness-training.base": loaded["awareness-training"]!.base,
    });
    expect(result.status).toBe(409);
    const feedback = (result.data as { feedback: { questionId: string; posted: { value: string; revision: number }; conflict: { value: string } }[] }).feedback;
    expect(feedback.map((f) => f.questionId)).toEqual(["awareness-training"]);
    expect(feedback[0]).toMatchObject({ posted: { value: "no", revision: 2 }, conflict: { value: "onboarding-only" } });
    expect(storedAnswer(portal.assessment.id, "phishing-simulations")?.value).toBe("no");
    expect(storedAnswer(portal.assessment.id, "awareness-training")?.value).toBe("onboarding-only");
  });

  it("ignores fields a supplier may not set (status=approved changes nothing)", async () => {
    const portal = openPortal();
    const before = assessmentRow(portal.assessment.id);
    const result = await themePost(portal.cookie, "cyber-insurance", {
      intent: "save",
      status: "approved",
      decision: "approved",
      overallScore: "100",
      orgId: "other",
      assessmentId: "other",
    });
    expect(result.status).toBe(303);
    expect(assessmentRow(portal.assessment.id)).toEqual(before);
    const viaAutosave = await save(portal.cookie, { questionId: "cyber-insurance", revision: "0", value: "no", status: "approved", riskRating: "low" });
    expect(viaAutosave.status).toBe(200);
    const after = assessmentRow(portal.assessment.id);
    expect(after.status).toBe("in_progress");
    expect(after.riskRating).toBeNull();
  });

  it("an unknown theme is a 404", async () => {
    const portal = openPortal();
    const result = await run(() => themeLoader({ request: get("/s/themes/nope", portal.cookie), params: { themeId: "nope" }, context }));
    expect(result.status).toBe(404);
  });

  it("the start page shows the customer, due date and progress per theme", async () => {
    const portal = openPortal();
    await save(portal.cookie, { questionId: "cyber-insurance", revision: "0", value: "no" });
    const start = await run(() => startLoader({ request: get("/s", portal.cookie), params: {}, context }));
    const data = start.data as { themes: { id: string; done: number; required: number }[]; dueDate: string; estimatedMinutes: number };
    expect(data.themes).toHaveLength(10);
    expect(data.themes.find((t) => t.id === "cyber-insurance")).toMatchObject({ done: 1, required: 1 });
    expect(data.dueDate).toBe(portal.assessment.dueDate);
    expect(data.estimatedMinutes).toBeGreaterThan(0);
  });
});
