/**
 * Session cookies for staff and suppliers (SECURITY.md row 2): HttpOnly, SameSite=Lax, Path=/,
 * Secure behind HTTPS, an explicit Max-Age, no Domain. The database row, not the cookie, decides
 * whether a session is still valid; the cookie lives until the session's absolute expiry.
 */
import { getEnv } from "~/config/env.server";

export interface SessionCookie {
  name: string;
  read(request: Request): string | null;
  serialize(token: string, expiresAt: Date, now?: Date): string;
  clear(): string;
}

function isSecure(): boolean {
  return getEnv().PUBLIC_URL.startsWith("https:");
}

export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index === -1) continue;
    if (part.slice(0, index).trim() === name) {
      const value = part.slice(index + 1).trim();
      return value.length > 0 ? decodeURIComponent(value) : null;
    }
  }
  return null;
}

export function defineSessionCookie(baseName: string): SessionCookie {
  // The __Host- prefix makes the browser refuse the cookie unless Secure, Path=/ and no Domain.
  const name = () => (isSecure() ? `__Host-${baseName}` : baseName);
  const attributes = () => `HttpOnly; SameSite=Lax; Path=/${isSecure() ? "; Secure" : ""}`;
  return {
    get name() {
      return name();
    },
    read: (request) => readCookie(request, name()),
    serialize: (token, expiresAt, now = new Date()) => {
      const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
      return `${name()}=${token}; Max-Age=${maxAge}; ${attributes()}`;
    },
    clear: () => `${name()}=; Max-Age=0; ${attributes()}`,
  };
}
