/** The states of an assessment waiting for a reviewer: the review queue shows these. */
export const QUEUE_STATUSES = ["submitted", "in_review", "clarification_requested"] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

/** States in which a reviewer may still act on the questions and decide. */
export const REVIEWABLE_STATUSES = QUEUE_STATUSES;
