import type { MetaFunction } from "@remix-run/node";
import { Layout } from "~/components/layout";
import { useTranslation } from "~/i18n/use-translation";

export const meta: MetaFunction = () => [{ title: "Leverandørtjek" }];

/** After a report through a report link or a renewal link: a URL without the token. */
export default function ReportReceived() {
  const { t } = useTranslation();
  return (
    <Layout>
      <h1>{t("supervision.report.received")}</h1>
      <p className="font-lead">{t("supervision.report.receivedBody")}</p>
    </Layout>
  );
}
