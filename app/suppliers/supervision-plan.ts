/**
 * The supervision plan ("tilsynsplan") per tier and the next reassessment date (SPEC C2, C7).
 *
 * CFCS "Cybersikkerhed i leverandørforhold":
 * - 5.1: "På baggrund heraf kan kunden udarbejde en tilsynsplan for sine leverandører og foretage
 *   en ressourcemæssig prioritering ved at fokusere på organisationens kritiske leverandører" —
 *   control effort follows the tier.
 * - 5.3 lists the forms of control: status meetings (where "sikkerhed [bør] være et fast
 *   dagsordenspunkt"), written reporting, audits by the customer or an independent third party,
 *   IT audit by certified auditors (ISAE 3402/3000 statements), and penetration tests.
 * - 5.4: the risk assessment is updated "minimum årligt samt ved væsentlige sikkerhedshændelser,
 *   væsentlige ændringer (se afsnit 5.5.) og på baggrund af tilsyn med leverandøren".
 * - 5.5: "Kunden bør derfor gennemgå kontrakten med leverandøren minimum årligt" — the contract
 *   review is yearly for every tier.
 */
import { addMonths } from "../scoring/calendar";
import type { Tier, TierPolicyOverrides } from "./tiering";
import { tierPolicy } from "./tiering";

export const SUPERVISION_CONTROLS = [
  "questionnaire",
  "evidence-review",
  "status-meeting",
  "audit-report",
  "penetration-test",
  "contract-review",
] as const;
export type SupervisionControl = (typeof SUPERVISION_CONTROLS)[number];

export interface PlannedControl {
  control: SupervisionControl;
  frequencyMonths: number;
}

/** The contract's security terms: "minimum årligt" (5.5), whatever the tier. */
const CONTRACT_REVIEW_MONTHS = 12;

/**
 * Controls other than the questionnaire (whose interval is the tier policy's reassessment
 * interval) and the contract review. Status meetings have security as a standing agenda item;
 * the audit report is an ISAE 3402/3000 statement or an equivalent independent audit.
 */
const TIER_CONTROLS: Readonly<Record<Tier, readonly PlannedControl[]>> = {
  critical: [
    { control: "evidence-review", frequencyMonths: 12 },
    { control: "status-meeting", frequencyMonths: 3 },
    { control: "audit-report", frequencyMonths: 12 },
    { control: "penetration-test", frequencyMonths: 12 },
  ],
  high: [
    { control: "evidence-review", frequencyMonths: 12 },
    { control: "status-meeting", frequencyMonths: 6 },
    { control: "audit-report", frequencyMonths: 12 },
    { control: "penetration-test", frequencyMonths: 24 },
  ],
  medium: [
    { control: "evidence-review", frequencyMonths: 24 },
    { control: "status-meeting", frequencyMonths: 12 },
  ],
  low: [],
};

/**
 * The controls that apply to a supplier of this tier and how often, in the order of
 * `SUPERVISION_CONTROLS`. The questionnaire follows the tier's reassessment interval, shortened
 * by the organisation's overrides when given.
 */
export function supervisionPlan(tier: Tier, orgOverrides?: TierPolicyOverrides): PlannedControl[] {
  const planned: PlannedControl[] = [
    { control: "questionnaire", frequencyMonths: tierPolicy(tier, orgOverrides).reassessmentMonths },
    ...TIER_CONTROLS[tier],
    { control: "contract-review", frequencyMonths: CONTRACT_REVIEW_MONTHS },
  ];
  return planned
    .map((c) => ({ ...c }))
    .sort((a, b) => SUPERVISION_CONTROLS.indexOf(a.control) - SUPERVISION_CONTROLS.indexOf(b.control));
}

export interface NextAssessmentInput {
  /** When the last assessment was completed; null if the supplier has never been assessed. */
  lastAssessedAt: Date | null;
  tier: Tier;
  orgOverrides?: TierPolicyOverrides;
  /** The latest significant incident or change recorded on the supplier (5.5), if any. */
  significantEventAt?: Date | null;
  /** The earliest date an incident or change since the last assessment moves it to, by the organisation's rule (app/supervision/event-rules.ts). */
  significantEventDueAt?: Date | null;
}

export type NextAssessmentReason = "never-assessed" | "interval" | "significant-event";

export interface NextAssessment {
  dueAt: Date;
  reason: NextAssessmentReason;
  intervalMonths: number;
}

/**
 * When the supplier is next due, and why. The interval runs from the last assessment; a
 * significant incident or change recorded after the last assessment (and not in the future)
 * makes it due at `now`, unless it was already due earlier.
 */
export function nextAssessment(input: NextAssessmentInput, now: Date): NextAssessment {
  const intervalMonths = tierPolicy(input.tier, input.orgOverrides).reassessmentMonths;
  if (input.lastAssessedAt === null) return { dueAt: new Date(now.getTime()), reason: "never-assessed", intervalMonths };
  const byInterval = addMonths(input.lastAssessedAt, intervalMonths);
  const event = input.significantEventAt;
  const eventSinceLastAssessment =
    event != null && event.getTime() > input.lastAssessedAt.getTime() && event.getTime() <= now.getTime();
  if (eventSinceLastAssessment && now.getTime() < byInterval.getTime()) {
    return { dueAt: new Date(now.getTime()), reason: "significant-event", intervalMonths };
  }
  const movedTo = input.significantEventDueAt;
  if (movedTo != null && movedTo.getTime() < byInterval.getTime()) {
    return { dueAt: new Date(movedTo.getTime()), reason: "significant-event", intervalMonths };
  }
  return { dueAt: byInterval, reason: "interval", intervalMonths };
}

export function nextAssessmentDate(input: NextAssessmentInput, now: Date): Date {
  return nextAssessment(input, now).dueAt;
}
