/** The review queue page: filters from the query string, one page of rows, counts per filter value. */
import { getDb, type Db } from "#db/client";
import { countQueue, listQueue, listReviewers, type QueueFilter } from "#db/repos/review-queue";
import type { StaffContext } from "~/auth/staff-session.server";
import { badRequest } from "~/http/errors.server";
import type { Locale } from "~/i18n/locales";
import { listQuestionnaires } from "~/questionnaire/catalogue.server";
import { QueueFilterSchema, type QueueFilterInput } from "./forms";
import { QUEUE_PAGE_SIZE } from "./queue-shape";

export function parseQueueFilter(url: URL): QueueFilterInput {
  const raw = Object.fromEntries([...url.searchParams.entries()].filter(([, v]) => v !== ""));
  const parsed = QueueFilterSchema.safeParse(raw);
  if (!parsed.success) badRequest();
  return parsed.data;
}

const choicesByLocale = new Map<Locale, ReturnType<typeof buildCatalogueChoices>>();

/** Questionnaire and flag-type choices for the filters, from the catalogue (fixed while the process runs). */
function catalogueChoices(locale: Locale) {
  let choices = choicesByLocale.get(locale);
  if (!choices) choicesByLocale.set(locale, (choices = buildCatalogueChoices(locale)));
  return choices;
}

/** Questionnaire and flag-type choices for the filters, in the reader's language. */
function buildCatalogueChoices(locale: Locale) {
  const questionnaires = new Map<string, string>();
  const flagTypes = new Map<string, string>();
  for (const entry of listQuestionnaires()) {
    questionnaires.set(entry.questionnaire.id, entry.questionnaire.title[locale]);
    for (const flag of entry.questionnaire.flags) if (!flagTypes.has(flag.id)) flagTypes.set(flag.id, flag.title[locale]);
  }
  return {
    questionnaires: [...questionnaires].map(([id, title]) => ({ id, title })),
    flagTypes: [...flagTypes].map(([id, title]) => ({ id, title })),
  };
}

export function loadQueuePage(staff: StaffContext, url: URL, locale: Locale, db: Db = getDb()) {
  const input = parseQueueFilter(url);
  const orgId = staff.organisation.id;
  const filter: QueueFilter = {
    tier: input.tier,
    flagType: input.flag,
    status: input.status,
    reviewerId: input.mine ? staff.user.id : input.reviewer,
    questionnaireId: input.questionnaire,
  };
  const page = input.page ?? 1;
  const rows = listQueue(db, orgId, filter, QUEUE_PAGE_SIZE, (page - 1) * QUEUE_PAGE_SIZE);
  const counts = countQueue(db, orgId, filter);
  const choices = catalogueChoices(locale);
  return {
    filter: input,
    page,
    pageCount: Math.max(1, Math.ceil(counts.total / QUEUE_PAGE_SIZE)),
    rows,
    counts,
    reviewers: listReviewers(db, orgId),
    questionnaires: choices.questionnaires,
    flagTypes: choices.flagTypes,
    me: staff.user.id,
    canAct: staff.user.role !== "viewer",
    /** For "waiting N days", computed once so server and browser render the same. */
    now: Date.now(),
  };
}

export type QueuePage = ReturnType<typeof loadQueuePage>;
