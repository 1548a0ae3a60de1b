/**
 * The enforced Content-Security-Policy for documents (SECURITY.md row 19): scripts only with this
 * response's nonce (and what they load), nothing inline, no plugins, no framing, no <base>.
 */
export function contentSecurityPolicy(nonce: string, options: { development?: boolean; https?: boolean } = {}): string {
  const directives = [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic' 'self'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${options.development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}
