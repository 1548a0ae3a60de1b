import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { streamEvidenceDownload } from "~/evidence/download.server";
import { deleteEvidence, findSupplierEvidence } from "~/evidence/evidence.server";
import { findQuestion, questionnaireOf } from "~/supplier-portal/answering.server";
import { json, supplierOrUnauthorised, wantsJson } from "~/supplier-portal/http.server";

const NOT_FOUND = () =>
  new Response("Not found / Ikke fundet", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/** The supplier's own file, as a download. Another assessment's file id is simply not found. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, response } = supplierOrUnauthorised(request);
  if (!ctx) return response;
  const file = findSupplierEvidence(ctx, params.fileId ?? "");
  if (!file) return NOT_FOUND();
  return streamEvidenceDownload(file);
}

/** Removing a file before submitting. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { ctx, response } = supplierOrUnauthorised(request);
  if (!ctx) return response;
  const form = await request.formData();
  if (form.get("intent") !== "delete") return json({ kind: "bad-request" }, 400);
  const outcome = await deleteEvidence(ctx, params.fileId ?? "", { ip: context.ip });
  if (outcome.kind === "not-found") return NOT_FOUND();
  if (wantsJson(request)) return json(outcome, outcome.kind === "deleted" ? 200 : 409);
  const theme = findQuestion(questionnaireOf(ctx.assessment.questionnaireVersionId), outcome.questionId)?.theme;
  const code = outcome.kind === "deleted" ? "removed" : "locked";
  const to = theme ? `/s/themes/${theme.id}?uq=${outcome.questionId}&ev=${code}#q-${outcome.questionId}` : "/s";
  return new Response(null, { status: 303, headers: { Location: to } });
}
