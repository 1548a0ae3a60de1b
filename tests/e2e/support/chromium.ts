import { existsSync } from "node:fs";

/**
 * Chromium for Playwright: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own
 * download (not reachable on every machine), with a clear message when none is there.
 */
export function chromiumExecutable(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(
    (p): p is string => Boolean(p),
  );
  for (const candidate of candidates) if (existsSync(candidate)) return candidate;
  if (process.env.CHROMIUM_PATH) {
    throw new Error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, but there is no file there.`);
  }
  console.warn(
    "No Chromium found at CHROMIUM_PATH or /usr/bin/chromium; falling back to Playwright's own browser. " +
      "Install one with `apt-get install -y chromium` or set CHROMIUM_PATH.",
  );
  return undefined;
}
