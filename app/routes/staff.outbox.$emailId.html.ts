import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/staff-session.server";
import { outboxEmailHtml } from "~/email/outbox.server";
import { notFound } from "~/http/errors.server";

/** The email's HTML part as sent, sandboxed: no script runs, nothing loads from elsewhere. */
export function loader({ request, params }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "admin" });
  const html = outboxEmailHtml(staff.organisation.id, params.emailId ?? "");
  if (html === undefined) notFound();
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      "Cache-Control": "private, no-store",
      "Referrer-Policy": "no-referrer",
    },
  });
}
