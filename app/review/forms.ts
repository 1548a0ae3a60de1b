/**
 * Form schemas of the review queue and review page, shared by the browser (Conform's client
 * validation) and the server. Messages are i18n keys. Each role's schema lists only the fields
 * that role may set (SECURITY.md row 26): nothing here sets a status directly.
 */
import { z } from "zod";
import { QUEUE_PAGE_SIZE, QUEUE_STATUSES } from "./queue-shape";
import { TIERS } from "#db/schema";
import { RECORD_ID } from "~/http/record-id";

const required = { error: "validation.required" } as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY = 24 * 60 * 60 * 1000;

export const REASON_MAX = 2000;
export const MESSAGE_MAX = 2000;
export const MAX_CONDITIONS = 10;
/** An accepted risk must be looked at again within this many days. */
export const MAX_ACCEPTANCE_DAYS = 366;

export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const isoDate = z.string(required).trim().refine(isRealDate, "validation.date");
const text = (max: number) => z.string(required).trim().min(1, "validation.required").max(max, "review.validation.tooLong");

export const AssignFormSchema = z.object({
  intent: z.literal("assign"),
  reviewerId: z.string(required).trim().min(1, "validation.required").max(64, "validation.invalidChoice"),
});

/** Assigning from the queue: the rows chosen (at most a page of them) and the reviewer. */
export const QueueAssignFormSchema = AssignFormSchema.extend({
  assessmentId: z
    .array(z.string().regex(RECORD_ID, "validation.invalidChoice"), { error: "review.assign.noneSelected" })
    .min(1, "review.assign.noneSelected")
    .max(QUEUE_PAGE_SIZE, "validation.invalidChoice"),
});

export const QuestionReviewFormSchema = z.discriminatedUnion("verdict", [
  z.object({ intent: z.literal("question"), questionId: z.string(required).max(120), verdict: z.literal("accepted") }),
  z.object({
    intent: z.literal("question"),
    questionId: z.string(required).max(120),
    verdict: z.literal("clarification"),
    message: text(MESSAGE_MAX),
  }),
  z.object({
    intent: z.literal("question"),
    questionId: z.string(required).max(120),
    verdict: z.literal("finding"),
    severity: z.enum(["critical", "high", "medium", "low"], { error: "review.validation.severity" }),
    findingText: text(MESSAGE_MAX),
  }),
], { error: "review.validation.verdict" });

export const AcceptFlagFormSchema = z
  .object({
    intent: z.literal("accept-flag"),
    flagId: z.string(required).max(64),
    reason: text(REASON_MAX),
    until: isoDate,
  })
  .superRefine((value, ctx) => {
    if (!isRealDate(value.until)) return;
    const today = todayIso();
    const latest = todayIso(new Date(Date.now() + MAX_ACCEPTANCE_DAYS * DAY));
    if (value.until <= today) ctx.addIssue({ code: "custom", path: ["until"], message: "review.validation.untilFuture" });
    else if (value.until > latest) ctx.addIssue({ code: "custom", path: ["until"], message: "review.validation.untilTooFar" });
  });

export const ConditionSchema = z.object({
  text: text(1000),
  ownerSide: z.enum(["supplier", "customer"], { error: "review.validation.ownerSide" }),
  ownerName: text(200),
  deadline: isoDate,
});

/** Blank condition rows (every field left empty) are ignored; a half-filled row is an error. */
function dropBlankRows(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.filter(
    (row) => row && typeof row === "object" && Object.values(row as Record<string, unknown>).some((v) => v !== undefined && v !== ""),
  );
}

export const DecisionFormSchema = z
  .object({
    intent: z.literal("decide"),
    decision: z.enum(["approved", "approved_with_conditions", "rejected"], { error: "review.validation.decision" }),
    reason: text(REASON_MAX),
    conditions: z.preprocess(dropBlankRows, z.array(ConditionSchema).max(MAX_CONDITIONS, "review.validation.tooManyConditions")).optional(),
  })
  .superRefine((value, ctx) => {
    const conditions = value.conditions ?? [];
    if (value.decision === "approved_with_conditions" && conditions.length === 0) {
      ctx.addIssue({ code: "custom", path: ["conditions"], message: "review.validation.conditionsRequired" });
    }
    if (value.decision !== "approved_with_conditions" && conditions.length > 0) {
      ctx.addIssue({ code: "custom", path: ["conditions"], message: "review.validation.conditionsOnlyWithConditions" });
    }
    const today = todayIso();
    conditions.forEach((condition, index) => {
      if (isRealDate(condition.deadline) && condition.deadline < today) {
        ctx.addIssue({ code: "custom", path: ["conditions", index, "deadline"], message: "review.validation.deadlinePast" });
      }
    });
  });

export const CloseRemediationFormSchema = z.object({
  intent: z.literal("close-remediation"),
  itemId: z.string(required).max(64),
  note: text(REASON_MAX),
});

/** The queue's filters, from the query string. Unknown values are refused (400), not ignored. */
export const QueueFilterSchema = z.object({
  tier: z.enum(TIERS).optional(),
  flag: z.string().trim().regex(/^[a-z0-9-]{1,80}$/).optional(),
  status: z.enum(QUEUE_STATUSES).optional(),
  reviewer: z.string().trim().min(1).max(64).optional(),
  questionnaire: z.string().trim().regex(/^[a-z0-9-]{1,80}$/).optional(),
  mine: z.enum(["1"]).optional(),
  page: z.coerce.number().int().min(1).max(100000).optional(),
});
export type QueueFilterInput = z.infer<typeof QueueFilterSchema>;

export const AuditFilterSchema = z.object({
  action: z.string().trim().regex(/^[a-z0-9_.-]{1,80}$/).optional(),
  actor: z.string().trim().min(1).max(64).optional(),
  assessment: z.string().trim().min(1).max(64).optional(),
  from: z.string().refine(isRealDate).optional(),
  to: z.string().refine(isRealDate).optional(),
  page: z.coerce.number().int().min(1).max(100000).optional(),
});
export type AuditFilterInput = z.infer<typeof AuditFilterSchema>;
