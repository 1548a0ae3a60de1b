import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { Layout } from "~/components/layout";
import { getStaffFromRequest } from "~/auth/staff-session.server";
import { useTranslation } from "~/i18n/use-translation";

export const meta: MetaFunction = () => [{ title: "Leverandørtjek" }];

export function loader({ request }: LoaderFunctionArgs) {
  if (getStaffFromRequest(request)) throw redirect("/staff");
  return null;
}

export default function Index() {
  const { t } = useTranslation();
  return (
    <Layout>
      <h1>{t("home.title")}</h1>
      <p className="font-lead">{t("home.lead")}</p>
      <p>
        <Link className="button button-primary" to="/login">
          {t("home.staffLogin")}
        </Link>
      </p>
      <p>{t("home.supplierInfo")}</p>
    </Layout>
  );
}
