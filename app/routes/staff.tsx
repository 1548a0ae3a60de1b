import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/staff-session.server";
import { Layout, type NavItem } from "~/components/layout";
import { useTranslation } from "~/i18n/use-translation";
import { twoFactorRequired } from "~/staff/two-factor-policy";

/** The staff area's frame: who is signed in, and the navigation their role may use. */
export function loader({ request }: LoaderFunctionArgs) {
  const staff = requireStaff(request);
  if (!staff.user.totpSecret && twoFactorRequired(staff.user, staff.organisation.settings)) {
    const url = new URL(request.url);
    throw redirect(`/login/two-factor-setup?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return {
    user: { name: staff.user.name, organisationName: staff.organisation.name },
    role: staff.user.role,
  };
}

export default function StaffLayout() {
  const { user, role } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const items: (NavItem & { show: boolean })[] = [
    { to: "/staff", label: t("staff.nav.overview"), show: true },
    { to: "/staff/suppliers", label: t("staff.nav.suppliers"), show: true },
    { to: "/staff/review", label: t("staff.nav.review"), show: true },
    { to: "/staff/dashboard", label: t("reports.nav.dashboard"), show: true },
    { to: "/staff/audit", label: t("staff.nav.audit"), show: role === "admin" || role === "viewer" },
    { to: "/staff/outbox", label: t("staff.nav.outbox"), show: role === "admin" },
    { to: "/staff/users", label: t("staff.nav.users"), show: role === "admin" },
    { to: "/staff/settings", label: t("staff.nav.settings"), show: role === "admin" },
    { to: "/staff/account", label: t("staff.nav.account"), show: true },
  ];
  return (
    <Layout user={user} navigation={items.filter((item) => item.show).map(({ to, label }) => ({ to, label }))}>
      <Outlet />
    </Layout>
  );
}
