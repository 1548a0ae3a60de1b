/**
 * Ending a supplier relationship (CFCS 6.1, "Afslutning af leverandørforholdet"): the guide's
 * termination checklist and when the relationship may be closed. Pure.
 */

/** The guide's points, in its order. */
export const OFFBOARDING_CHECKLIST = [
  /** Adgangsrettigheder fjernet: accounts, VPN, keys, certificates. */
  "access-revoked",
  /** Data leveret tilbage i et aftalt format. */
  "data-returned",
  /** Data slettet hos leverandøren, med skriftlig bekræftelse (uploaded by the supplier). */
  "data-deleted",
  /** Underleverandørers kopier håndteret. */
  "sub-supplier-copies-handled",
  /** Overdragelse til en ny leverandør (or none is needed). */
  "handover",
  /** Forpligtelser, der gælder efter aftalens ophør (confidentiality, audit of deletion). */
  "surviving-obligations",
] as const;
export type OffboardingItem = (typeof OFFBOARDING_CHECKLIST)[number];

export type OffboardingBlocker = OffboardingItem | "deletion-confirmation";

/** What still stands in the way of closing: unticked points and a missing deletion confirmation. */
export function offboardingBlockers(checklist: Partial<Record<string, boolean>>, hasDeletionConfirmation: boolean): OffboardingBlocker[] {
  const open: OffboardingBlocker[] = OFFBOARDING_CHECKLIST.filter((item) => checklist[item] !== true);
  if (!hasDeletionConfirmation) open.push("deletion-confirmation");
  return open;
}

/** How long the supplier's upload link works. */
export const DELETION_REQUEST_DAYS = 30;
