import { defineMessages } from "../define-messages";

/** Keys in this namespace start with "review.". */
export const review = defineMessages({
  da: {
    "review.placeholder": "—",
  },
  en: {
    "review.placeholder": "—",
  },
});
