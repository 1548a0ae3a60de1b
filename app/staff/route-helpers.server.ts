/** The client IP the server passes in the load context. */
export function clientIp(context: { ip?: string } | undefined): string {
  return context?.ip ?? "unknown";
}
