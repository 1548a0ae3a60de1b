import { describe, expect, it } from "vitest";
import { getDb, openDatabase } from "#db/client";
import { makeOrganisation } from "#db/factories/core";
import { listAudit } from "#db/repos/audit";
import { recordAudit } from "~/audit/audit.server";
import { withRateLimitPage } from "~/http/errors.server";
import { consumeRateLimit, isRateLimited, RateLimitedError, type RateLimitRule } from "~/security/rate-limit.server";

const rule: RateLimitRule = { name: "test-bucket", limit: 3, windowMs: 60_000 };

describe("database-backed rate limits", () => {
  it("refuses the attempt after the limit, with the seconds until the window ends", () => {
    const now = new Date("2026-05-01T10:00:00Z");
    for (let i = 0; i < 3; i++) consumeRateLimit(rule, "ip:1", { now });
    expect(isRateLimited(rule, "ip:1", { now })).toBe(true);
    let error: unknown;
    try {
      consumeRateLimit(rule, "ip:1", { now: new Date(now.getTime() + 15_000) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBe(45);
    // Another subject has its own counter.
    expect(() => consumeRateLimit(rule, "ip:2", { now })).not.toThrow();
  });

  it("starts a new window once the old one has passed", () => {
    const now = new Date("2026-05-01T11:00:00Z");
    for (let i = 0; i < 3; i++) consumeRateLimit(rule, "ip:3", { now });
    expect(() => consumeRateLimit(rule, "ip:3", { now: new Date(now.getTime() + 61_000) })).not.toThrow();
  });

  it("survives a restart: a new connection to the same file sees the count", () => {
    const now = new Date("2026-05-01T12:00:00Z");
    for (let i = 0; i < 3; i++) consumeRateLimit(rule, "ip:4", { now });
    const file = getDb().$client.name;
    const second = openDatabase(file);
    expect(isRateLimited(rule, "ip:4", { now, db: second })).toBe(true);
    second.$client.close();
  });

  it("audits the first refusal of each window only (access.throttled), asking who lazily", () => {
    const org = makeOrganisation(getDb());
    const now = new Date("2026-05-01T14:00:00Z");
    let asked = 0;
    const audit = () => {
      asked++;
      return { orgId: org.id, actor: { type: "anonymous" as const }, ip: "192.0.2.9" };
    };
    const attempt = (at: Date) => {
      try {
        consumeRateLimit(rule, "ip:6", { now: at, audit });
      } catch (error) {
        if (!(error instanceof RateLimitedError)) throw error;
      }
    };
    for (let i = 0; i < 6; i++) attempt(now);
    const later = new Date(now.getTime() + 61_000);
    for (let i = 0; i < 5; i++) attempt(later);
    expect(asked).toBe(2);
    const rows = listAudit(getDb(), org.id, { action: "access.throttled" });
    expect(rows.map((r) => [r.at.toISOString(), r.ip, r.details])).toEqual([
      [later.toISOString(), "192.0.2.9", { limit: "test-bucket", retryAfterSeconds: 60 }],
      [now.toISOString(), "192.0.2.9", { limit: "test-bucket", retryAfterSeconds: 60 }],
    ]);
  });

  it("becomes a localised 429 response with Retry-After", () => {
    const now = new Date("2026-05-01T13:00:00Z");
    for (let i = 0; i < 3; i++) consumeRateLimit(rule, "ip:5", { now });
    let response: unknown;
    try {
      withRateLimitPage(() => consumeRateLimit(rule, "ip:5", { now }));
    } catch (thrown) {
      response = thrown;
    }
    const init = (response as { init: ResponseInit }).init;
    expect(init.status).toBe(429);
    expect(new Headers(init.headers).get("Retry-After")).toBe("60");
  });
});

describe("audit log", () => {
  it("records who, what, when, organisation and IP, and never secrets", () => {
    const org = makeOrganisation(getDb());
    recordAudit({
      orgId: org.id,
      actor: { type: "staff", id: "user-1", label: "Ane" },
      action: "staff.password.changed",
      target: { type: "user", id: "user-1" },
      ip: "192.0.2.1",
      details: { password: "hunter2hunter2", token: "abc", nested: { resetToken: "x", kept: 1 }, reason: "ok" },
    });
    const [row] = listAudit(getDb(), org.id);
    expect(row).toMatchObject({
      orgId: org.id,
      actorType: "staff",
      actorId: "user-1",
      action: "staff.password.changed",
      targetType: "user",
      ip: "192.0.2.1",
      details: { nested: { kept: 1 }, reason: "ok" },
    });
    expect(JSON.stringify(row)).not.toContain("hunter2");
  });

  it("refuses UPDATE and DELETE", () => {
    const org = makeOrganisation(getDb());
    recordAudit({ orgId: org.id, actor: { type: "system" }, action: "staff.login" });
    const sqlite = getDb().$client;
    expect(() => sqlite.prepare("UPDATE audit_log SET action = 'changed'").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare("DELETE FROM audit_log").run()).toThrow(/append-only/);
    expect(listAudit(getDb(), org.id)[0]?.action).toBe("staff.login");
  });

  it("lists only the asking organisation's entries", () => {
    const a = makeOrganisation(getDb());
    const b = makeOrganisation(getDb());
    recordAudit({ orgId: a.id, actor: { type: "system" }, action: "staff.login" });
    expect(listAudit(getDb(), b.id).map((r) => r.action)).not.toContain("staff.login");
  });
});
