/**
 * The demo organisation "Demo Kommune": staff with fixed logins, forty suppliers across every
 * tier, and their assessments. Deterministic (fixed seed) and idempotent: a second run finds the
 * organisation and changes nothing.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { organisations, users } from "../schema";
import { makeOrganisation, makeSupplier, makeUser } from "./core";
import { seedDemoAssessments } from "./demo-assessments";
import { DEMO_SUPPLIERS, generateCvr, seededRandom } from "./demo-suppliers";

export const DEMO_ORG_SLUG = "demo-kommune";
/** Base32 TOTP secret of the demo admin (admins must use two-factor authentication). */
export const DEMO_ADMIN_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

export const DEMO_LOGINS = [
  { role: "admin", name: "Astrid Admin", email: "admin@demo-kommune.dk", password: "Demo-Kommune-Admin-2026" },
  { role: "reviewer", name: "Rune Reviewer", email: "reviewer@demo-kommune.dk", password: "Demo-Kommune-Reviewer-2026" },
  { role: "viewer", name: "Vibeke Viewer", email: "viewer@demo-kommune.dk", password: "Demo-Kommune-Viewer-2026" },
] as const;

/** "Rūta Kazlauskienė" → "ruta.kazlauskiene"; Danish letters spelled out (æ → ae). */
export function asciiSlug(text: string, separator: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "oe")
    .replace(/å/g, "aa")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^\\${separator}+|\\${separator}+$`, "g"), "");
}

export interface DemoSeedResult {
  created: boolean;
  orgId: string;
  supplierCount: number;
}

export type DemoExtension = (db: Db, context: { orgId: string; random: () => number; now: Date }) => Promise<void> | void;

export async function seedDemo(db: Db, options: { now?: Date; extensions?: DemoExtension[] } = {}): Promise<DemoSeedResult> {
  const existing = db.select().from(organisations).where(eq(organisations.slug, DEMO_ORG_SLUG)).get();
  if (existing) {
    return { created: false, orgId: existing.id, supplierCount: DEMO_SUPPLIERS.length };
  }
  const now = options.now ?? new Date();
  const random = seededRandom(20261123);
  const org = makeOrganisation(db, { name: "Demo Kommune", slug: DEMO_ORG_SLUG });
  const staff: Record<string, string> = {};
  for (const login of DEMO_LOGINS) {
    const user = await makeUser(db, org.id, {
      name: login.name,
      email: login.email,
      role: login.role,
      password: login.password,
      totpSecret: login.role === "admin" ? DEMO_ADMIN_TOTP_SECRET : null,
    });
    staff[login.role] = user.id;
  }
  const supplierIds = DEMO_SUPPLIERS.map((demo, index) => {
    return makeSupplier(db, org.id, {
      name: demo.name,
      country: demo.country,
      cvr: demo.country === "DK" ? generateCvr(random) : null,
      services: demo.services,
      ownerUserId: index % 2 === 0 ? staff.reviewer! : staff.admin!,
      profile: demo.profile,
      contacts: [
        {
          name: demo.contact.name,
          email: `${asciiSlug(demo.contact.name, ".")}@${asciiSlug(demo.name.split(" ")[0]!, "-")}.example`,
          role: demo.contact.role,
          locale: demo.contact.locale,
          isSecurityContact: true,
        },
      ],
    }).supplier.id;
  });
  await seedDemoAssessments(db, { orgId: org.id, reviewerId: staff.reviewer!, supplierIds, now });
  for (const extension of options.extensions ?? []) await extension(db, { orgId: org.id, random, now });
  return { created: true, orgId: org.id, supplierCount: DEMO_SUPPLIERS.length };
}

export function demoUserExists(db: Db, email: string): boolean {
  return Boolean(db.select({ id: users.id }).from(users).where(eq(users.email, email)).get());
}
