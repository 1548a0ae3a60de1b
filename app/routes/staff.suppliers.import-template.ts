import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/staff-session.server";
import { templateCsv, templateXlsx } from "~/suppliers/import.server";

/** The import template, as CSV (`?format=csv`) or XLSX (`?format=xlsx`). */
export async function loader({ request }: LoaderFunctionArgs) {
  requireStaff(request, { role: "reviewer" });
  const format = new URL(request.url).searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  const headers = {
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  };
  if (format === "xlsx") {
    return new Response(Buffer.from(await templateXlsx()), {
      headers: {
        ...headers,
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": 'attachment; filename="leverandoerer-skabelon.xlsx"',
      },
    });
  }
  return new Response(templateCsv(), {
    headers: { ...headers, "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="leverandoerer-skabelon.csv"' },
  });
}
