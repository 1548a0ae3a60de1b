// Structured logs: one JSON object per line, info on stdout, warnings and errors on stderr, so a
// log collector reads fields instead of parsing sentences. Every line has the time, the level, a
// short message and the process id; request lines and errors carry the request id. Paths are
// passed through redactUrl first (tokens), and no line carries a password, an answer or an email.

/**
 * @param {"info" | "warn" | "error"} level
 * @param {string} msg
 * @param {Record<string, unknown>} [fields]
 */
export function log(level, msg, fields = {}) {
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, pid: process.pid, ...fields });
  (level === "info" ? process.stdout : process.stderr).write(`${line}\n`);
}

/**
 * The fields for an error: its message, and its stack for the operator (never sent to a client).
 * @param {unknown} error
 * @returns {{ error: string; stack?: string }}
 */
export function errorFields(error) {
  return error instanceof Error ? { error: error.message, stack: error.stack } : { error: String(error) };
}
