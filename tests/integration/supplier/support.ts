/** Shared set-up for the supplier portal's integration tests: real rows, real sessions, direct route calls. */
import { getDb } from "#db/client";
import { dumpDatabase as dumpAll } from "#tests/support/dump-database";
import { makeAssessment, makeOrganisation, makeSupplier } from "#db/factories/core";
import type { AssessmentRecord } from "#db/factories/core";
import type { AnswerInput } from "~/questionnaire/answer-types";
import type { Question, Questionnaire } from "~/questionnaire/questionnaire-schema";
import { fixedAnswerValues } from "~/questionnaire/questionnaire-schema";
import { resolveVisibility } from "~/scoring/conditions";
import { resolveRequirement } from "~/scoring/score-assessment";
import { acceptInvitation } from "~/supplier-portal/invitation-entry.server";

export const ORIGIN = "http://localhost:3000";
export const context = { requestId: "test", nonce: "n", ip: "127.0.0.1" };

let ipCounter = 0;
/** A fresh IP per call, so rate limits of one test do not reach another. */
export function freshIp(): string {
  ipCounter++;
  return `10.0.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
}

export interface Portal {
  orgId: string;
  assessment: AssessmentRecord;
  token: string;
  invitationId: string;
  contactId: string;
  cookie: string;
}

/** An organisation, a supplier and an assessment, with the invitation accepted (a supplier session). */
export function openPortal(overrides: { questionnaireId?: string; tier?: "critical" | "high" | "medium" | "low" } = {}): Portal {
  const db = getDb();
  const org = makeOrganisation(db);
  const { supplier, contacts } = makeSupplier(db, org.id, overrides.tier ? { tier: overrides.tier } : {});
  const { assessment, invitations } = makeAssessment(db, { orgId: org.id, supplier, contacts }, { questionnaireId: overrides.questionnaireId ?? "due-diligence" });
  const invitation = invitations[0]!;
  const { cookie } = acceptInvitation(invitation.token, freshIp());
  return {
    orgId: org.id,
    assessment,
    token: invitation.token,
    invitationId: invitation.invitationId,
    contactId: invitation.contactId,
    cookie: cookie.split(";")[0]!,
  };
}

export function get(path: string, cookie?: string): Request {
  return new Request(`${ORIGIN}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

export function post(path: string, body: Record<string, string | string[]> | FormData | URLSearchParams, cookie?: string, headers: Record<string, string> = {}): Request {
  let payload: FormData | URLSearchParams;
  if (body instanceof FormData || body instanceof URLSearchParams) payload = body;
  else {
    payload = new URLSearchParams();
    for (const [k, v] of Object.entries(body)) for (const one of Array.isArray(v) ? v : [v]) payload.append(k, one);
  }
  return new Request(`${ORIGIN}${path}`, {
    method: "POST",
    body: payload,
    headers: { Origin: ORIGIN, ...(cookie ? { Cookie: cookie } : {}), ...headers },
  });
}

export interface Outcome {
  status: number;
  headers: Headers;
  data: unknown;
}

/** Runs a loader or action and normalises what it returns or throws (Response or `data()`). */
export async function run(fn: () => unknown): Promise<Outcome> {
  let value: unknown;
  try {
    value = await fn();
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) {
    const text = await value.clone().text();
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: value.status, headers: value.headers, data };
  }
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const d = value as { data: unknown; init: ResponseInit | null };
    return { status: d.init?.status ?? 200, headers: new Headers(d.init?.headers), data: d.data };
  }
  if (value instanceof Error) throw value;
  return { status: 200, headers: new Headers(), data: value };
}

/** Every row of every table of this file's database, for "this changed nothing" checks. */
export function dumpDatabase(): Record<string, unknown[]> {
  return dumpAll(getDb());
}

/**
 * A value for a question that needs no evidence (and if possible no comment) where the questionnaire
 * allows that, else the first option.
 */
export function easyValue(question: Question, today: string): string | string[] | null {
  const fixed = fixedAnswerValues(question);
  if (fixed) {
    const calm = fixed.filter((v) => resolveRequirement(question.evidence, v) !== "required");
    const calmest = calm.filter((v) => resolveRequirement(question.comment, v) !== "required");
    const pick = calmest[0] ?? calm[0] ?? fixed[0]!;
    return question.type === "multiple_choice" ? [pick] : pick;
  }
  switch (question.type) {
    case "text":
      return "Beskrevet i vores politik.";
    case "date":
      return today;
    case "number":
      return "0";
    default:
      return null;
  }
}

/** The visible questions, in order, for a set of answers. */
export function visibleQuestions(questionnaire: Questionnaire, answers: AnswerInput[], now = new Date()): Question[] {
  const { visible } = resolveVisibility(questionnaire, new Map(answers.map((a) => [a.questionId, a])), now);
  return questionnaire.themes.flatMap((t) => t.questions).filter((q) => visible.has(q.id));
}
