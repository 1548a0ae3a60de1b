import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/staff-session.server";
import { archivedSuppliers } from "~/relationship/offboarding.server";
import { useTranslation } from "~/i18n/use-translation";
import { pageTitle } from "~/staff/page-title";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "relationship.archived.title")];

/** Suppliers whose relationship has ended: kept, listed apart from the register, reactivated from their offboarding page. */
export function loader({ request }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "viewer" });
  return { suppliers: archivedSuppliers(staff.organisation.id) };
}

export default function ArchivedSuppliers() {
  const { suppliers } = useLoaderData<typeof loader>();
  const { t, formatDateTime } = useTranslation();
  return (
    <>
      <p>
        <Link to="/staff/suppliers">{t("staff.suppliers.back")}</Link>
      </p>
      <h1>{t("relationship.archived.title")}</h1>
      <p className="font-lead">{t("relationship.archived.lead")}</p>
      {suppliers.length === 0 ? (
        <p>{t("relationship.archived.none")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("staff.subSuppliers.name")}</th>
              <th scope="col">{t("relationship.archived.archivedAt")}</th>
            </tr>
          </thead>
          <tbody>
            {suppliers.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={`/staff/suppliers/${s.id}/offboarding`}>{s.name}</Link>
                </td>
                <td>{s.archivedAt ? formatDateTime(new Date(s.archivedAt)) : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
