import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";

/** On the supplier page: start the reassessment now, by hand (posts to /staff/suppliers/:id/reassess, which also shows any refusal). */
export function StartReassessmentForm({ supplierId }: { supplierId: string }) {
  const { t } = useTranslation();
  return (
    <div className="reassessment-start">
      <h3 className="h4">{t("reassessment.start.title")}</h3>
      <p>{t("reassessment.start.lead")}</p>
      <Form method="post" action={`/staff/suppliers/${supplierId}/reassess`}>
        <button type="submit" name="intent" value="start-reassessment" className="button button-secondary">
          {t("reassessment.start.button")}
        </button>
      </Form>
    </div>
  );
}
