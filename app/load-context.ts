/** What server/index.js passes to every loader and action as `context`. */
declare module "@remix-run/node" {
  interface AppLoadContext {
    requestId: string;
    /** CSP nonce for this response's scripts. */
    nonce: string;
    /** Client IP (X-Forwarded-For only when TRUST_PROXY is set). */
    ip: string;
  }
}
declare module "@remix-run/server-runtime" {
  interface AppLoadContext {
    requestId: string;
    nonce: string;
    ip: string;
  }
}
export {};
