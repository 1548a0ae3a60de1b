import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getEnv } from "~/config/env.server";
import { serializeLocaleCookie } from "~/i18n/locale.server";
import { isLocale } from "~/i18n/locales";
import { safeRedirectPath } from "~/http/safe-redirect";

/** The language switch: a plain form post, so it works without JavaScript. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  const redirectTo = safeRedirectPath(form.get("redirectTo"));
  if (!isLocale(locale)) return redirect(redirectTo, 303);
  return redirect(redirectTo, {
    status: 303,
    headers: { "Set-Cookie": serializeLocaleCookie(locale, getEnv().PUBLIC_URL.startsWith("https:")) },
  });
}

export function loader() {
  return redirect("/");
}
