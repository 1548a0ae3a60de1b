/**
 * The answer to a refused document upload (the renewal page, the portal's assurance page) in
 * Conform's reply shape, so the pages show it with the usual field components and error summary:
 * the multipart body is streamed on the server (no `parseWithZod` over a buffered form), so the
 * reply is built from the outcome.
 */
import type { SubmissionResult } from "@conform-to/react";

const FILE_ERRORS = new Set(["no-file", "too-large", "no-assessment"]);

export type RefusedDocument =
  | { kind: "fields"; fieldErrors: Record<string, string[]>; values: Record<string, string> }
  | { kind: "file"; code: string; status: number };

export function documentReply(outcome: RefusedDocument): SubmissionResult<string[]> {
  if (outcome.kind === "fields") return { status: "error", initialValue: outcome.values, error: outcome.fieldErrors };
  return { status: "error", initialValue: null, error: { "": [`supervision.renewal.error.${FILE_ERRORS.has(outcome.code) ? outcome.code : "refused"}`] } };
}
