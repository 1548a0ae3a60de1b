/** Removes secrets carried in paths (invitation, reset and staff-invite links) before logging. */
export function redactUrl(url: string): string {
  return url.replace(/\/(invite|reset-password|staff-invite)\/[^/?#]+/g, "/$1/[redacted]");
}
