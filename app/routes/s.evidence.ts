import type { ActionFunctionArgs } from "@remix-run/node";
import { evidencePolicy, uploadEvidence } from "~/evidence/evidence.server";
import { findQuestion, questionnaireOf } from "~/supplier-portal/answering.server";
import { json, supplierOrUnauthorised, wantsJson } from "~/supplier-portal/http.server";

/** Evidence upload: a streamed multipart post. JSON for the page's script, a redirect back without it. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { ctx, response } = supplierOrUnauthorised(request);
  if (!ctx) return response;
  const outcome = await uploadEvidence(ctx, request, { ip: context.ip, policy: evidencePolicy() });
  const status = outcome.error ? outcome.error.status : outcome.accepted.length === 0 ? 422 : 200;
  const headers: Record<string, string> = outcome.error?.status === 413 ? { Connection: "close" } : {};
  if (wantsJson(request)) return json(outcome, status, headers);
  const questionId = outcome.questionId;
  const theme = questionId ? findQuestion(questionnaireOf(ctx.assessment.questionnaireVersionId), questionId)?.theme : undefined;
  const back = new URLSearchParams();
  if (questionId) back.set("uq", questionId);
  if (outcome.error) back.set("ev", outcome.error.code);
  else if (outcome.refused[0]) {
    back.set("ev", outcome.refused[0].code);
    back.set("name", outcome.refused[0].name);
  } else {
    back.set("ev", "ok");
    back.set("name", outcome.accepted.map((a) => a.name).join(", "));
  }
  const to = theme ? `/s/themes/${theme.id}?${back.toString()}#q-${questionId}` : "/s";
  return new Response(null, { status: 303, headers: { Location: to, ...headers } });
}

export function loader() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}
