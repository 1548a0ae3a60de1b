import { defineMessages } from "../define-messages";

/** Keys in this namespace start with "supplier.". */
export const supplier = defineMessages({
  da: {
    "supplier.placeholder": "—",
  },
  en: {
    "supplier.placeholder": "—",
  },
});
