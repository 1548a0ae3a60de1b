import { useTranslation } from "~/i18n/use-translation";

/** The supplier list's cell: when the supplier's soonest dated evidence expires, marked when expiring or lapsed. */
export function EvidenceExpiryCell({ expiry }: { expiry?: { expiresOn: string; status: "valid" | "expiring" | "lapsed" } }) {
  const { t, formatDate } = useTranslation();
  if (!expiry) return <td>—</td>;
  return (
    <td>
      {formatDate(expiry.expiresOn)}
      {expiry.status !== "valid" ? <strong className={`expiry-${expiry.status}`}> {t(`supervision.expiry.${expiry.status}`)}</strong> : null}
    </td>
  );
}
