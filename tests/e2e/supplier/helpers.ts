/** Walking the supplier portal in a browser: set-up through the real factories, answers chosen per question type. */
import { expect, type Page } from "@playwright/test";
import type { Db } from "../../../db/client";
import { makeAssessment, makeOrganisation, makeSupplier } from "../../../db/factories/core";
import { getLatestQuestionnaire } from "../../../app/questionnaire/catalogue.server";
import { fixedAnswerValues, type Question } from "../../../app/questionnaire/questionnaire-schema";
import { resolveRequirement } from "../../../app/scoring/score-assessment";

export function inviteSupplier(db: Db) {
  const org = makeOrganisation(db, { name: "Eksempel Kommune" });
  const { supplier, contacts } = makeSupplier(db, org.id, { name: "Drift & Hosting ApS", tier: "high" });
  const { assessment, invitations } = makeAssessment(db, { orgId: org.id, supplier, contacts }, { questionnaireId: "due-diligence" });
  return { org, supplier, assessment, token: invitations[0]!.token };
}

export const questionnaire = () => getLatestQuestionnaire("due-diligence")!;

/** Answers chosen so that no evidence is needed, except where the test asks for a specific one. */
export function chooseValue(question: Question, overrides: Record<string, string>): { index: number } | { text: string } | null {
  const fixed = fixedAnswerValues(question);
  if (fixed) {
    const wanted = overrides[question.id];
    const calm = fixed.filter((v) => resolveRequirement(question.evidence, v) !== "required");
    const value = wanted ?? calm[0] ?? fixed[0]!;
    return { index: fixed.indexOf(value) };
  }
  const today = new Date().toISOString().slice(0, 10);
  if (question.type === "text") return { text: overrides[question.id] ?? "Beskrevet i vores sikkerhedspolitik." };
  if (question.type === "date") return { text: overrides[question.id] ?? today };
  if (question.type === "number") return { text: overrides[question.id] ?? "0" };
  return null;
}

/** Answers every visible, unanswered question on the current theme page. Returns how many it answered. */
export async function answerVisible(page: Page, themeId: string, done: Set<string>, overrides: Record<string, string> = {}): Promise<number> {
  const theme = questionnaire().themes.find((t) => t.id === themeId)!;
  let answered = 0;
  for (const question of theme.questions) {
    if (done.has(question.id)) continue;
    const item = page.locator(`#q-${question.id}`);
    if (!(await item.isVisible())) continue;
    const choice = chooseValue(question, overrides);
    if (choice && "index" in choice) await page.locator(`#q-${question.id}-opt-${choice.index}`).check();
    else if (choice) await page.locator(`#q-${question.id}-value`).fill(choice.text);
    const comment = page.locator(`#q-${question.id}-comment`);
    if (await comment.isVisible()) await comment.fill("Se vores politik.");
    done.add(question.id);
    answered++;
  }
  return answered;
}

/** Answers a whole theme: save and continue, answering what each save reveals (without JavaScript), until the page moves on. */
export async function answerTheme(page: Page, themeId: string, done: Set<string>, overrides: Record<string, string> = {}) {
  await expect(page).toHaveURL(new RegExp(`/s/themes/${themeId}`));
  const autosaveStatus = page.locator(".supplier-autosave");
  for (let round = 0; round < 4; round++) {
    // As a person would: answer what is shown, let the saves land, and answer what they revealed.
    for (let pass = 0; pass < 10; pass++) {
      const answered = await answerVisible(page, themeId, done, overrides);
      if ((await autosaveStatus.count()) > 0) await expect(autosaveStatus).toHaveClass(/supplier-autosave-saved/);
      if (answered === 0) break;
    }
    await page.locator('button[name="intent"][value="continue"]').click();
    await page.waitForURL((url) => !url.pathname.endsWith(`/s/themes/${themeId}`) || url.search.includes("notice=new"));
    if (!page.url().includes(`/s/themes/${themeId}`)) return;
    await page.waitForLoadState("load");
  }
  throw new Error(`theme ${themeId} did not move on`);
}

export async function openInvitation(page: Page, token: string, startLabel: RegExp) {
  await page.goto(`/invite/${token}`);
  await page.getByRole("button", { name: startLabel }).click();
  await page.waitForURL("**/s");
  expect(page.url()).not.toContain(token);
  expect(new URL(page.url()).pathname).toBe("/s");
}
