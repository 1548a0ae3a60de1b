import type { ActionFunctionArgs } from "@remix-run/node";
import { AnswerFormSchema } from "~/supplier-portal/answer-forms";
import { saveAnswer } from "~/supplier-portal/answering.server";
import { json, supplierOrUnauthorised } from "~/supplier-portal/http.server";

const STATUS = { saved: 200, conflict: 409, invalid: 422, locked: 409, "unknown-question": 404 } as const;

/** One answer, posted by the theme page's autosave; JSON in, JSON out. */
export async function action({ request }: ActionFunctionArgs) {
  const { ctx, response } = supplierOrUnauthorised(request);
  if (!ctx) return response;
  const form = await request.formData();
  const parsed = AnswerFormSchema.safeParse({
    questionId: form.get("questionId"),
    revision: form.get("revision"),
    value: form.getAll("value").length > 1 ? form.getAll("value") : (form.get("value") ?? ""),
    comment: form.get("comment") ?? "",
    notApplicable: form.get("notApplicable") ?? "",
    notApplicableReason: form.get("notApplicableReason") ?? "",
  });
  if (!parsed.success) {
    return json({ kind: "invalid", errors: [{ field: "value", key: "supplier.validation.choice" }] }, 422);
  }
  const result = saveAnswer(ctx, parsed.data);
  return json(result, STATUS[result.kind]);
}

export function loader() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}
