import { useTranslation } from "~/i18n/use-translation";

/** The options of a "assign to" select: the signed-in reviewer as "Me", colleagues by name. */
export function ReviewerOptions({ reviewers, me }: { reviewers: readonly { id: string; name: string }[]; me: string }) {
  const { t } = useTranslation();
  return (
    <>
      {reviewers.map((reviewer) => (
        <option key={reviewer.id} value={reviewer.id}>
          {reviewer.id === me ? t("review.assign.me") : reviewer.name}
        </option>
      ))}
    </>
  );
}
