import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "~/config/env.server";

describe("environment settings", () => {
  it("defaults to port 3000, ./data and a localhost PUBLIC_URL", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATA_DIR.endsWith("data")).toBe(true);
    expect(env.PUBLIC_URL).toBe("http://localhost:3000");
    expect(env.TRUST_PROXY).toBe(false);
  });

  it("names every bad variable", () => {
    let error: unknown;
    try {
      parseEnv({ PORT: "seventy", PUBLIC_URL: "not a url", TRUST_PROXY: "maybe" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as Error).message;
    expect(message).toContain("PORT");
    expect(message).toContain("PUBLIC_URL");
    expect(message).toContain("TRUST_PROXY");
  });

  it("WEB_CONCURRENCY: unset by default, a whole number 1–64 when set", () => {
    expect(parseEnv({}).WEB_CONCURRENCY).toBeUndefined();
    expect(parseEnv({ WEB_CONCURRENCY: "2" }).WEB_CONCURRENCY).toBe(2);
    for (const bad of ["0", "-1", "1.5", "many", "65"]) {
      expect(() => parseEnv({ WEB_CONCURRENCY: bad }), bad).toThrow(/WEB_CONCURRENCY/);
    }
  });

  it("strips a trailing slash from PUBLIC_URL", () => {
    expect(parseEnv({ PUBLIC_URL: "https://lt.example.dk/" }).PUBLIC_URL).toBe("https://lt.example.dk");
  });
});
