import { Link, useSearchParams } from "@remix-run/react";
import { Alert } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";
import type { supplierTimeline } from "~/supervision/events.server";

/** The supplier's incidents and changes (CFCS 5.5), newest first, with what the organisation's rule did. */
export function SupplierTimeline({ supplierId, timeline, canEdit }: { supplierId: string; timeline: ReturnType<typeof supplierTimeline>; canEdit: boolean }) {
  const { t, formatDate } = useTranslation();
  const [params] = useSearchParams();
  return (
    <section aria-labelledby="events-heading">
      <h2 id="events-heading">{t("supervision.timeline.title")}</h2>
      {params.get("notice") === "event" ? <Alert kind="success" heading={t("supervision.timeline.recorded")} /> : null}
      {timeline.reassessmentRequested ? <Alert kind="warning" heading={t("supervision.timeline.reassessmentRequested")} /> : null}
      {timeline.events.length === 0 ? (
        <p>{t("supervision.timeline.none")}</p>
      ) : (
        <ol className="timeline supplier-events">
          {timeline.events.map((event) => (
            <li key={event.id}>
              <span className="nowrap">{formatDate(event.occurredOn)}</span> — <strong>{t(`supervision.event.kind.${event.kind}`)}</strong>{" "}
              ({event.source === "supplier" ? t("supervision.timeline.bySupplier", { name: event.reporterName ?? "" }) : t("supervision.timeline.byStaff", { name: event.recordedByName ?? "" })})
              <p className="preserve-lines">{event.description}</p>
              {event.movedTo ? <p>{t("supervision.timeline.movedTo", { date: formatDate(event.movedTo) })}</p> : null}
              {event.reassessmentRequested ? <p>{t("supervision.timeline.reassessment")}</p> : null}
            </li>
          ))}
        </ol>
      )}
      {canEdit ? (
        <p>
          <Link className="button button-secondary" to={`/staff/suppliers/${supplierId}/events`}>
            {t("supervision.timeline.record")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
