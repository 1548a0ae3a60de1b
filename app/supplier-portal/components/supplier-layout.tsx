import type { ReactNode } from "react";
import { Layout } from "~/components/layout";
import { useTranslation } from "~/i18n/use-translation";

/** The frame of every supplier page: the customer's name in the header and the portal's few pages. */
export function SupplierLayout({
  organisationName,
  submitted,
  clarifications,
  children,
}: {
  organisationName: string;
  submitted: boolean;
  clarifications?: number;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const navigation = [
    { to: "/s", label: t("supplier.nav.start") },
    submitted ? { to: "/s/receipt", label: t("supplier.nav.receipt") } : { to: "/s/submit", label: t("supplier.nav.submit") },
    ...(clarifications && clarifications > 0 ? [{ to: "/s/clarifications", label: t("supplier.nav.clarifications") }] : []),
    { to: "/s/assurance", label: t("supervision.portal.nav.assurance") },
    { to: "/s/report", label: t("supervision.portal.nav.report") },
  ];
  return (
    <Layout organisationName={organisationName} navigation={navigation}>
      {children}
    </Layout>
  );
}

export function ProgressLine({ id, percent, label }: { id: string; percent: number; label: string }) {
  return (
    <div className="supplier-progress">
      <label htmlFor={id} className="supplier-progress-label">
        {label}
      </label>
      <progress id={id} max={100} value={percent}>
        {percent} %
      </progress>
    </div>
  );
}
