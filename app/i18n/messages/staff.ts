import { defineMessages } from "../define-messages";

/** Keys in this namespace start with "staff.". */
export const staff = defineMessages({
  da: {
    "staff.placeholder": "—",
  },
  en: {
    "staff.placeholder": "—",
  },
});
