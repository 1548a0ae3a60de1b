import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { exportAnswerFile } from "~/answer-files/answer-file.server";
import { isAnswering } from "~/supplier-portal/answering.server";
import { requireSupplierSession } from "~/supplier-portal/supplier-session.server";
import { downloadResponse } from "~/http/download.server";

/** The supplier's submitted answers as a file to keep and import elsewhere (evidence names only). */
export function loader({ request }: LoaderFunctionArgs) {
  const ctx = requireSupplierSession(request);
  if (isAnswering(ctx.assessment.status)) throw redirect("/s");
  const file = exportAnswerFile(ctx);
  return downloadResponse(`${JSON.stringify(file, null, 2)}\n`, "application/json; charset=utf-8", `leverandortjek-answers-${file.questionnaire.id}-${file.exportedAt.slice(0, 10)}.json`);
}
