import { Link, useSearchParams } from "@remix-run/react";
import { Alert } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";
import type { DatedEvidenceKind } from "#db/schema";
import type { SupplierDatedEvidence } from "~/supervision/dated-evidence.server";

/** "ISAE 3402 report, type 2": the kind, and the type where there is one. */
export function EvidenceKindLabel({ kind, reportType }: { kind: DatedEvidenceKind; reportType: "type1" | "type2" | null }) {
  const { t } = useTranslation();
  return (
    <>
      {t(`supervision.kind.${kind}`)}
      {reportType ? `, ${t(`supervision.evidence.${reportType}`)}` : ""}
    </>
  );
}

/**
 * Assurance reports and other dated evidence with their expiry and flags: on the supplier page
 * (editable by reviewers) and on the review page (read-only, so reviewers see why a report is flagged).
 */
export function DatedEvidenceTable({ supplierId, items, canEdit, headingLevel = 2 }: { supplierId: string; items: SupplierDatedEvidence[]; canEdit: boolean; headingLevel?: 2 | 3 }) {
  const { t, formatDate } = useTranslation();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const [params] = useSearchParams();
  return (
    <section aria-labelledby="evidence-heading">
      <Heading id="evidence-heading">{t("supervision.evidence.listTitle")}</Heading>
      {params.get("notice") === "evidence" ? <Alert kind="success" heading={t("supervision.evidence.saved")} /> : null}
      {items.length === 0 ? (
        <p>{t("supervision.evidence.none")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("supervision.evidence.kind")}</th>
              <th scope="col">{t("supervision.evidence.auditor")}</th>
              <th scope="col">{t("supervision.evidence.period")}</th>
              <th scope="col">{t("supervision.evidence.expiresOn")}</th>
              <th scope="col">{t("supervision.evidence.flags")}</th>
              {canEdit ? <th scope="col">{t("staff.actions")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td>
                  <EvidenceKindLabel kind={item.kind} reportType={item.reportType} />
                  {item.scope ? <span className="block-hint">{t("supervision.evidence.scopeShort", { scope: item.scope })}</span> : null}
                  {item.bridgeLetter ? <span className="block-hint">{t("supervision.evidence.withBridgeLetter")}</span> : null}
                  {item.file ? (
                    <a className="block-hint" href={`/staff/assessments/${item.file.assessmentId}/evidence/${item.file.id}`} download>
                      {t("supervision.evidence.download", { name: item.file.name })}
                    </a>
                  ) : null}
                </td>
                <td>{item.auditor || "—"}</td>
                <td className="nowrap">
                  {item.periodStart ? `${formatDate(item.periodStart)} – ` : ""}
                  {formatDate(item.periodEnd)}
                </td>
                <td>
                  {formatDate(item.expiresOn)}
                  {item.status !== "valid" ? <strong className={`expiry-${item.status}`}> {t(`supervision.expiry.${item.status}`)}</strong> : null}
                </td>
                <td>
                  {item.flags.length === 0 ? (
                    item.scopeCovers === null ? t("supervision.evidence.scopeUnmarked") : "—"
                  ) : (
                    <ul className="nobullet-list">
                      {item.flags.map((flag) => (
                        <li key={flag}>{t(`supervision.flag.${flag}`)}</li>
                      ))}
                    </ul>
                  )}
                </td>
                {canEdit ? (
                  <td>
                    <Link to={`/staff/suppliers/${supplierId}/evidence?edit=${item.id}`}>{t("supervision.evidence.editNamed", { name: t(`supervision.kind.${item.kind}`) })}</Link>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit ? (
        <p>
          <Link className="button button-secondary" to={`/staff/suppliers/${supplierId}/evidence`}>
            {t("supervision.evidence.add")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
