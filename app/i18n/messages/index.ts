import { answers } from "./answers";
import { common } from "./common";
import { contracts } from "./contracts";
import { reassessment } from "./reassessment";
import { reports } from "./reports";
import { relationship } from "./relationship";
import { review } from "./review";
import { staff } from "./staff";
import { supervision } from "./supervision";
import { supplier } from "./supplier";

/** Every namespace; tests/unit/i18n checks keys, placeholders and that no key is defined twice. */
export const namespaces = { common, staff, supplier, review, reassessment, supervision, reports, contracts, answers, relationship } as const;

export const messages = {
  da: { ...common.da, ...staff.da, ...supplier.da, ...review.da, ...reassessment.da, ...supervision.da, ...reports.da, ...contracts.da, ...answers.da, ...relationship.da },
  en: { ...common.en, ...staff.en, ...supplier.en, ...review.en, ...reassessment.en, ...supervision.en, ...reports.en, ...contracts.en, ...answers.en, ...relationship.en },
};

export type MessageKey = keyof typeof messages.da;
