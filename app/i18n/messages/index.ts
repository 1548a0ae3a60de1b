import { common } from "./common";
import { reassessment } from "./reassessment";
import { relationship } from "./relationship";
import { review } from "./review";
import { staff } from "./staff";
import { supervision } from "./supervision";
import { supplier } from "./supplier";

/** Every namespace; tests/unit/i18n checks keys, placeholders and that no key is defined twice. */
export const namespaces = { common, staff, supplier, review, reassessment, supervision, relationship } as const;

export const messages = {
  da: { ...common.da, ...staff.da, ...supplier.da, ...review.da, ...reassessment.da, ...supervision.da, ...relationship.da },
  en: { ...common.en, ...staff.en, ...supplier.en, ...review.en, ...reassessment.en, ...supervision.en, ...relationship.en },
};

export type MessageKey = keyof typeof messages.da;
