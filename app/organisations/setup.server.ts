/**
 * First run: an organisation and its admin, from `npm run admin:create` or the /setup page (which
 * only works while the installation has no organisation at all).
 */
import { getDb, type Db } from "#db/client";
import { countOrganisations, insertOrganisationWithAdmin, slugTaken } from "#db/repos/organisations";
import { findUserByEmail } from "#db/repos/users";
import { recordAudit } from "~/audit/audit.server";
import { hashPassword } from "~/auth/password.server";
import { passwordProblem } from "~/staff/password-policy.server";
import { newId } from "~/security/tokens.server";
import { DEFAULT_ORG_SETTINGS } from "./org-settings";

export function needsFirstRunSetup(db: Db = getDb()): boolean {
  return countOrganisations(db) === 0;
}

export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "oe")
    .replace(/å/g, "aa")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return base || "organisation";
}

export type CreateOrganisationOutcome =
  | { kind: "created"; orgId: string; userId: string }
  | { kind: "field"; field: "email" | "password"; message: string }
  | { kind: "already-set-up" };

export async function createOrganisationWithAdmin(
  input: { organisationName: string; name: string; email: string; password: string; locale?: "da" | "en" },
  options: { db?: Db; now?: Date; onlyIfEmpty?: boolean; ip?: string | null } = {},
): Promise<CreateOrganisationOutcome> {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  if (options.onlyIfEmpty && !needsFirstRunSetup(db)) return { kind: "already-set-up" };
  const email = input.email.trim().toLowerCase();
  const problem = passwordProblem(input.password, { email });
  if (problem) return { kind: "field", field: "password", message: problem };
  if (findUserByEmail(db, email)) return { kind: "field", field: "email", message: "staff.setup.emailTaken" };
  let slug = slugify(input.organisationName);
  while (slugTaken(db, slug)) slug = `${slugify(input.organisationName).slice(0, 33)}-${newId().slice(0, 6)}`;
  const orgId = newId();
  const userId = newId();
  const passwordHash = await hashPassword(input.password);
  const created = insertOrganisationWithAdmin(
    db,
    { id: orgId, name: input.organisationName.trim(), slug, settings: { ...DEFAULT_ORG_SETTINGS, defaultLocale: input.locale ?? "da" }, createdAt: now },
    { id: userId, orgId, email, name: input.name.trim(), role: "admin", passwordHash, locale: input.locale ?? "da", createdAt: now },
    { onlyIfEmpty: options.onlyIfEmpty },
  );
  if (!created) return { kind: "already-set-up" };
  recordAudit(
    { orgId, actor: { type: "system", label: "setup" }, action: "organisation.created", target: { type: "user", id: userId }, ip: options.ip ?? null, at: now },
    db,
  );
  return { kind: "created", orgId, userId };
}
