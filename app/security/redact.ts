/** Removes secrets carried in paths (invitation, reset, staff-invite, report and evidence-request links) before logging. */
export function redactUrl(url: string): string {
  return url.replace(/\/(invite|reset-password|staff-invite|report|evidence-request)\/[^/?#]+/g, "/$1/[redacted]");
}
