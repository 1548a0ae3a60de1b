import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { organisations, users, type OrgSettings } from "../schema";

export type OrganisationRow = typeof organisations.$inferSelect;

export function countOrganisations(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(organisations).get()?.n ?? 0;
}

export function findOrganisation(db: Db, orgId: string): OrganisationRow | undefined {
  return db.select().from(organisations).where(eq(organisations.id, orgId)).get();
}

export function slugTaken(db: Db, slug: string): boolean {
  return db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, slug)).get() !== undefined;
}

/** An organisation and its first admin, together or not at all. */
export function insertOrganisationWithAdmin(
  db: Db,
  organisation: typeof organisations.$inferInsert,
  admin: typeof users.$inferInsert,
  options: { onlyIfEmpty?: boolean } = {},
): boolean {
  return db.transaction((tx) => {
    if (options.onlyIfEmpty && (tx.select({ n: sql<number>`count(*)` }).from(organisations).get()?.n ?? 0) > 0) return false;
    tx.insert(organisations).values(organisation).run();
    tx.insert(users).values({ ...admin, email: admin.email.toLowerCase() }).run();
    return true;
  });
}

export function updateOrganisationSettings(db: Db, orgId: string, settings: OrgSettings): void {
  db.update(organisations).set({ settings }).where(eq(organisations.id, orgId)).run();
}
