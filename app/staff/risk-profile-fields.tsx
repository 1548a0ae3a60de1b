import type { FieldMetadata } from "@conform-to/react";
import { ChoiceGroup, TextField, yesNoChoices } from "~/components/forms";
import type { MessageKey } from "~/i18n/messages";
import type { Translator } from "~/i18n/translate";
import { useTranslation } from "~/i18n/use-translation";
import {
  ACCESS_LEVELS,
  COOPERATION_LEVELS,
  DATA_LOCATIONS,
  DATA_SENSITIVITIES,
  DATA_VOLUMES,
  DELIVERY_TYPES,
  SYSTEMS_LOCATIONS,
  type RiskProfile,
  type TierReason,
} from "~/suppliers/tiering";
import { useFieldErrors } from "~/components/use-field-errors";

type AnyField = FieldMetadata<any, any, any>;

export const RISK_ENUMS = {
  dataSensitivity: DATA_SENSITIVITIES,
  dataVolume: DATA_VOLUMES,
  deliveryType: DELIVERY_TYPES,
  dataLocation: DATA_LOCATIONS,
  systemsLocation: SYSTEMS_LOCATIONS,
  accessLevel: ACCESS_LEVELS,
  cooperation: COOPERATION_LEVELS,
} as const;
export const RISK_BOOLEANS = ["businessCritical", "criticalInfrastructure", "operationalResponsibility"] as const;

/** Form default values for a saved profile. */
export function riskProfileDefaults(profile: RiskProfile | null): Record<string, string> {
  if (!profile) return { incidentCount: "0" };
  return {
    dataSensitivity: profile.dataSensitivity,
    dataVolume: profile.dataVolume,
    businessCritical: profile.businessCritical ? "yes" : "no",
    criticalInfrastructure: profile.criticalInfrastructure ? "yes" : "no",
    deliveryType: profile.deliveryType,
    dataLocation: profile.dataLocation,
    ...(profile.systemsLocation ? { systemsLocation: profile.systemsLocation } : {}),
    accessLevel: profile.accessLevel,
    operationalResponsibility: profile.operationalResponsibility ? "yes" : "no",
    annualContractValueDkk: profile.annualContractValueDkk === null ? "" : String(profile.annualContractValueDkk),
    incidentCount: String(profile.incidentCount),
    cooperation: profile.cooperation,
  };
}

/** The CFCS 5.1 parameters as form fields, in the guide's order. */
/** `recordedIncidents`: incidents recorded on the supplier in the last 12 months, shown beside the typed count (CFCS 5.1 parameter 8), never replacing it. */
export function RiskProfileFields({ fields, recordedIncidents }: { fields: Record<string, AnyField>; recordedIncidents?: number }) {
  const { t } = useTranslation();
  const errors = useFieldErrors();
  const enumGroup = (name: keyof typeof RISK_ENUMS, required = true) => (
    <ChoiceGroup
      key={name}
      required={required}
      meta={errors.field(fields[name]!)}
      legend={t(`staff.risk.${name}.label` as MessageKey)}
      hint={t(`staff.risk.${name}.hint` as MessageKey)}
      choices={RISK_ENUMS[name].map((value) => ({ value, label: t(`staff.risk.${name}.${value}` as MessageKey) }))}
    />
  );
  const yesNo = (name: (typeof RISK_BOOLEANS)[number]) => (
    <ChoiceGroup
      key={name}
      meta={errors.field(fields[name]!)}
      legend={t(`staff.risk.${name}.label` as MessageKey)}
      hint={t(`staff.risk.${name}.hint` as MessageKey)}
      choices={yesNoChoices(t)}
    />
  );
  return (
    <fieldset className="risk-profile">
      <legend className="h3">{t("staff.risk.title")}</legend>
      <p className="form-hint">{t("staff.risk.lead")}</p>
      {enumGroup("dataSensitivity")}
      {enumGroup("dataVolume")}
      {yesNo("businessCritical")}
      {yesNo("criticalInfrastructure")}
      {enumGroup("deliveryType")}
      {enumGroup("dataLocation")}
      {enumGroup("systemsLocation", false)}
      {enumGroup("accessLevel")}
      {yesNo("operationalResponsibility")}
      <TextField
        meta={errors.field(fields.annualContractValueDkk!)}
        label={t("staff.risk.annualContractValueDkk.label")}
        hint={t("staff.risk.annualContractValueDkk.hint")}
        required={false}
        inputMode="numeric"
        className="input-width-m"
      />
      <TextField
        meta={errors.field(fields.incidentCount!)}
        label={t("staff.risk.incidentCount.label")}
        hint={
          recordedIncidents === undefined ? t("staff.risk.incidentCount.hint") : `${t("staff.risk.incidentCount.hint")} ${t("supervision.risk.recordedIncidents", { count: recordedIncidents })}`
        }
        inputMode="numeric"
        className="input-width-xs"
      />
      {enumGroup("cooperation")}
    </fieldset>
  );
}

const FIELD_OF_CODE: Record<string, keyof RiskProfile> = {
  "data-sensitivity": "dataSensitivity",
  "data-volume": "dataVolume",
  "business-critical": "businessCritical",
  "critical-infrastructure": "criticalInfrastructure",
  "delivery-type": "deliveryType",
  "data-location": "dataLocation",
  "systems-location": "systemsLocation",
  "access-level": "accessLevel",
  "operational-responsibility": "operationalResponsibility",
  "contract-value": "annualContractValueDkk",
  "incident-history": "incidentCount",
  cooperation: "cooperation",
};

/** One tier reason from computeTier as a sentence in the reader's language (also used by the PDF report). */
export function tierReasonText(reason: TierReason, t: Translator, formatNumber: (value: number) => string): string {
  const field = FIELD_OF_CODE[reason.code];
  if (field) {
    const value = reason.params.value;
    const shown =
      typeof value === "boolean"
        ? t(value ? "form.yes" : "form.no")
        : value === null
          ? t("staff.risk.unknown")
          : typeof value === "number"
            ? field === "annualContractValueDkk"
              ? `${formatNumber(value)} kr.`
              : formatNumber(value)
            : t(`staff.risk.${field}.${value}` as MessageKey);
    return t("staff.tierReason.parameter", { label: t(`staff.risk.${field}.label` as MessageKey), value: shown, points: reason.points });
  }
  if (reason.code === "points-threshold") {
    return t("staff.tierReason.threshold", {
      points: Number(reason.params.points),
      tier: t(`tier.${String(reason.params.tier)}` as MessageKey),
      minPoints: Number(reason.params.minPoints),
    });
  }
  return t(`staff.tierReason.${reason.code}` as MessageKey, {
    from: t(`tier.${String(reason.params.from)}` as MessageKey),
    to: t(`tier.${String(reason.params.to)}` as MessageKey),
  });
}

/** tierReasonText in the current locale. */
export function useTierReasonText() {
  const { t, formatNumber } = useTranslation();
  return (reason: TierReason): string => tierReasonText(reason, t, formatNumber);
}
