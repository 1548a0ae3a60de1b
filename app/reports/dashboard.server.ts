/**
 * The dashboard (SPEC C8) for management and auditors: the organisation's suppliers by tier and
 * risk rating, by open red flag type and by the state of their latest assessment, and what needs
 * attention (questionnaires past due, reassessments due, conditions past their deadline, evidence
 * about to lapse). Every figure is the total of the supplier list under the filter it links to,
 * so a figure and the list behind it cannot disagree.
 */
import { getDb, type Db } from "#db/client";
import { countSuppliersByOpenFlagType, countSuppliersByTierAndRating } from "#db/repos/portfolio";
import { ASSESSMENT_STATUSES, RISK_RATINGS, TIERS } from "#db/schema";
import type { StaffContext } from "~/auth/staff-session.server";
import type { Locale } from "~/i18n/locales";
import { listQuestionnaires } from "~/questionnaire/catalogue.server";
import { supplierList } from "~/suppliers/register.server";
import type { SupplierListQuery } from "~/staff/supplier-forms";
import { isoDate } from "~/staff/dates";
import { ATTENTION_FILTERS } from "./dashboard-filters";

/** Flag types and their titles in the reader's language, from the questionnaire catalogue (latest wording wins). */
export function flagTypeTitles(locale: Locale): Map<string, string> {
  const titles = new Map<string, string>();
  for (const entry of listQuestionnaires()) for (const flag of entry.questionnaire.flags) titles.set(flag.id, flag.title[locale]);
  return titles;
}

/** A bar or cell: its count and the supplier-list query behind it. */
export interface Figure {
  key: string;
  value: number;
  href: string;
}

export function supplierListHref(query: Partial<Record<keyof SupplierListQuery, string>>): string {
  const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])));
  return `/staff/suppliers?${params.toString()}`;
}

export function loadDashboard(staff: StaffContext, locale: Locale, options: { db?: Db; now?: Date } = {}) {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const orgId = staff.organisation.id;
  const total = (query: SupplierListQuery) => supplierList(orgId, query, { db, now }).total;

  const cells = countSuppliersByTierAndRating(db, orgId);
  const count = (tier: string | null, rating: string | null) => Number(cells.find((c) => c.tier === tier && c.rating === rating)?.n ?? 0);
  const ratings = [...RISK_RATINGS, null] as const;
  const tierMatrix = TIERS.map((tier) => ({
    tier,
    cells: ratings.map(
      (rating): Figure => ({ key: rating ?? "none", value: count(tier, rating), href: supplierListHref({ tier, rating: rating ?? "none" }) }),
    ),
  }));

  const titles = flagTypeTitles(locale);
  const flagTypes = countSuppliersByOpenFlagType(db, orgId, isoDate(now)).map((row) => ({
    key: row.flagType,
    label: titles.get(row.flagType) ?? row.flagType,
    value: Number(row.n),
    href: supplierListHref({ flag: row.flagType }),
  }));

  const statuses = (["none", ...ASSESSMENT_STATUSES] as const)
    .map((status): Figure => ({ key: status, value: total({ status }), href: supplierListHref({ status }) }))
    .filter((figure) => figure.value > 0);

  const attention: Figure[] = [
    ...ATTENTION_FILTERS.map((attention): Figure => ({ key: attention, value: total({ attention }), href: supplierListHref({ attention }) })),
    ...(["overdue", "30", "90"] as const).map((next): Figure => ({ key: `next-${next}`, value: total({ next }), href: supplierListHref({ next }) })),
  ];

  return { tierMatrix, ratings: ratings.map((r) => r ?? "none"), flagTypes, statuses, attention, suppliers: total({}) };
}

export type Dashboard = ReturnType<typeof loadDashboard>;
