/**
 * A supplier's answers as a file they keep (reusable supplier answers): downloaded after
 * submitting, imported when another organisation using Leverandørtjek invites them, to prefill
 * the questions with the same stable id. Evidence files are not in it — only their names, so the
 * import can say which to attach again. The schema refuses anything else (foreign or edited
 * files); messages are i18n keys.
 */
import { z } from "zod";

export const ANSWER_FILE_FORMAT = "leverandortjek-answers";
export const ANSWER_FILE_MAX_BYTES = 1_000_000;

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(120);
const text = (max: number) => z.string().max(max).nullable();

export const AnswerFileSchema = z
  .object({
    format: z.literal(ANSWER_FILE_FORMAT),
    formatVersion: z.literal(1),
    questionnaire: z.object({ id: slug, version: z.number().int().positive() }).strict(),
    exportedAt: z.string().max(40),
    supplier: z.string().max(300),
    answers: z
      .array(
        z
          .object({
            questionId: slug,
            value: z.union([z.string().max(20_000), z.array(z.string().max(500)).max(100), z.number().finite(), z.null()]),
            notApplicable: z.boolean(),
            notApplicableReason: text(5_000),
            comment: text(20_000),
          })
          .strict(),
      )
      .max(1_000),
    evidence: z.array(z.object({ questionId: slug, fileName: z.string().max(300) }).strict()).max(2_000),
  })
  .strict();
export type AnswerFile = z.infer<typeof AnswerFileSchema>;

/** The import form: one file. */
export const ImportAnswersFormSchema = z.object({
  file: z.instanceof(File, { error: "answers.import.error.noFile" }).refine((file) => file.size > 0, "answers.import.error.noFile"),
});
