import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getStaffFromRequest, staffSessionCookie } from "~/auth/staff-session.server";
import { signOut } from "~/staff/account.server";
import { clientIp } from "~/staff/route-helpers.server";

/** POST /logout ends this session; with `scope=all`, every session of the user ("log out everywhere"). */
export async function action({ request, context }: ActionFunctionArgs) {
  const staff = getStaffFromRequest(request);
  const formData = await request.formData();
  if (staff) signOut(staff, clientIp(context), formData.get("scope") === "all" ? "all" : "this");
  return redirect("/login?notice=signed-out", { status: 303, headers: { "Set-Cookie": staffSessionCookie.clear() } });
}

/** A GET changes nothing (a link or prefetch must not sign anyone out). */
export function loader() {
  return redirect("/staff/account");
}
