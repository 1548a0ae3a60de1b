import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireStaff } from "~/auth/staff-session.server";
import { badRequest } from "~/http/errors.server";
import { getLocale } from "~/i18n/locale.server";
import { getTranslator } from "~/i18n/translate";
import { exportPortfolio, PORTFOLIO_FORMATS } from "~/reports/portfolio.server";

const QuerySchema = z.object({ format: z.enum(PORTFOLIO_FORMATS) });

/** The portfolio as CSV or XLSX (`?format=`), one row per supplier; every staff role, own organisation only. */
export function loader({ request }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "viewer" });
  const parsed = QuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) badRequest();
  return exportPortfolio(staff, parsed.data.format, getTranslator(getLocale(request)));
}
