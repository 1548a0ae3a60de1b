/** The supplier list (SPEC C2): search, filters, sorting and pagination over the organisation's suppliers. */
import { getDb, type Db } from "#db/client";
import { listSuppliers } from "#db/repos/suppliers";
import type { SupplierListQuery } from "~/staff/supplier-forms";
import { isoDate, isoDateIn } from "~/staff/dates";
import { LAPSE_WARNING_DAYS } from "~/reports/dashboard-filters";

export const PAGE_SIZE = 25;

export function supplierList(orgId: string, query: SupplierListQuery, options: { now?: Date; db?: Db } = {}) {
  const now = options.now ?? new Date();
  const page = query.page ?? 1;
  const { rows, total } = listSuppliers(options.db ?? getDb(), orgId, {
    q: query.q || undefined,
    tier: query.tier,
    status: query.status || undefined,
    owner: query.owner || undefined,
    next: query.next,
    rating: query.rating,
    flag: query.flag,
    attention: query.attention,
    lapseUntil: isoDateIn(LAPSE_WARNING_DAYS, now),
    sort: query.sort,
    dir: query.dir,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
    today: isoDate(now),
    in30: isoDateIn(30, now),
    in60: isoDateIn(60, now),
    in90: isoDateIn(90, now),
  });
  return { rows, total, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), today: isoDate(now) };
}
