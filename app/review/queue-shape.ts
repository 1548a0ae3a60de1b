/** What the review queue holds and how much of it a page shows (shared by server and browser). */

/** The states of an assessment waiting for a reviewer: the review queue shows these. */
export const QUEUE_STATUSES = ["submitted", "in_review", "clarification_requested"] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

/** States in which a reviewer may still act on the questions and decide. */
export const REVIEWABLE_STATUSES = QUEUE_STATUSES;

/** Rows per queue page; also the most assessments one bulk assignment can name. */
export const QUEUE_PAGE_SIZE = 25;
