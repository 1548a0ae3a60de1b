import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { makeAssessment, makeOrganisation, makeSupplier } from "#db/factories/core";
import { revokeInvitationsOfAssessment } from "#db/repos/invitations";
import { assessments, auditLog, invitations, supplierSessions } from "#db/schema";
import { createInvitation, invitationExpiry } from "~/invitations/invitations.server";
import { action as inviteAction, loader as inviteLoader } from "~/routes/invite.$token";
import { loader as startLoader } from "~/routes/s._index";
import { redactUrl } from "~/security/redact";
import { RATE_LIMITS } from "~/security/rate-limit.server";
import {
  SUPPLIER_SESSION_ABSOLUTE_MS,
  SUPPLIER_SESSION_IDLE_MS,
  validateSupplierSessionToken,
} from "~/supplier-portal/supplier-session.server";
import { dumpDatabase, freshIp, get, post, run } from "./support";

function freshAssessment() {
  const db = getDb();
  const org = makeOrganisation(db);
  const { supplier, contacts } = makeSupplier(db, org.id, { contacts: [{}, {}] });
  const made = makeAssessment(db, { orgId: org.id, supplier, contacts });
  return { org, ...made };
}

const visit = (token: string, ip: string) =>
  run(() => inviteLoader({ request: get(`/invite/${token}`), params: { token }, context: { requestId: "t", nonce: "n", ip } }));
const accept = (token: string, ip: string, cookie?: string) =>
  run(() => inviteAction({ request: post(`/invite/${token}`, {}, cookie), params: { token }, context: { requestId: "t", nonce: "n", ip } }));

describe("GET /invite/<token>", () => {
  it("shows the welcome and changes nothing in the database", async () => {
    const { invitations: sent, org } = freshAssessment();
    const before = dumpDatabase();
    const result = await visit(sent[0]!.token, freshIp());
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ organisationName: org.name });
    expect(dumpDatabase()).toEqual(before);
  });

  it("answers unknown, expired, revoked, replaced and malformed links the same way", async () => {
    const db = getDb();
    const expiredSet = freshAssessment();
    db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.id, expiredSet.invitations[0]!.invitationId)).run();
    const revokedSet = freshAssessment();
    revokeInvitationsOfAssessment(db, revokedSet.org.id, revokedSet.assessment.id, new Date());
    const replacedSet = freshAssessment();
    createInvitation(
      { orgId: replacedSet.org.id, assessmentId: replacedSet.assessment.id, contactId: replacedSet.invitations[0]!.contactId, expiresAt: invitationExpiry(replacedSet.assessment.dueDate) },
      { db },
    );
    const tokens = {
      unknown: "a".repeat(32),
      expired: expiredSet.invitations[0]!.token,
      revoked: revokedSet.invitations[0]!.token,
      replaced: replacedSet.invitations[0]!.token,
      malformed: "../../etc/passwd",
      oneCharacterChanged: replacedSet.invitations[1]!.token.slice(0, -1) + (replacedSet.invitations[1]!.token.endsWith("a") ? "b" : "a"),
    };
    const outcomes = [];
    for (const token of Object.values(tokens)) {
      const get = await visit(token, freshIp());
      const posted = await accept(token, freshIp());
      outcomes.push(get, posted);
    }
    for (const outcome of outcomes) {
      expect(outcome.status).toBe(404);
      expect(outcome.data).toEqual({ kind: "invitation-unusable" });
      expect(outcome.headers.get("Referrer-Policy")).toBe("no-referrer");
    }
    expect(getDb().select().from(supplierSessions).where(eq(supplierSessions.assessmentId, revokedSet.assessment.id)).all()).toHaveLength(0);
  });

  it("throttles guesses per IP with a 429, then refuses even a good link from that IP", async () => {
    const { invitations: sent } = freshAssessment();
    const ip = freshIp();
    for (let i = 0; i < RATE_LIMITS.invitationTokenPerIp.limit; i++) {
      expect((await visit(`${"b".repeat(31)}${"abcdefghij"[i]}`, ip)).status).toBe(404);
    }
    const limited = await visit("c".repeat(32), ip);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await visit(sent[0]!.token, ip)).status).toBe(429);
    expect((await accept(sent[0]!.token, ip)).status).toBe(429);
    expect((await visit(sent[0]!.token, freshIp())).status).toBe(200);
  });
});

describe("POST /invite/<token>", () => {
  it("creates a session, opens the assessment, audits, and redirects 303 to a URL without the token", async () => {
    const { invitations: sent, assessment, org } = freshAssessment();
    const token = sent[0]!.token;
    const result = await accept(token, freshIp());
    expect(result.status).toBe(303);
    const location = result.headers.get("Location")!;
    expect(location).toBe("/s");
    expect(location).not.toContain(token);
    expect(result.headers.get("Referrer-Policy")).toBe("no-referrer");

    const cookie = result.headers.get("Set-Cookie")!;
    const [pair, ...attributes] = cookie.split(";").map((s) => s.trim());
    const attrs = attributes.map((a) => a.toLowerCase());
    expect(pair).toMatch(/^lt_supplier=[a-z2-7]{32}$/);
    expect(attrs).toContain("httponly");
    expect(attrs).toContain("samesite=lax");
    expect(attrs).toContain("path=/");
    expect(attrs).toContain(`max-age=${SUPPLIER_SESSION_ABSOLUTE_MS / 1000}`);
    expect(attrs.some((a) => a.startsWith("domain"))).toBe(false);

    const sessionToken = pair!.split("=")[1]!;
    const rows = getDb().select().from(supplierSessions).where(eq(supplierSessions.assessmentId, assessment.id)).all();
    expect(rows).toHaveLength(1);
    for (const row of rows) expect(Object.values(row).map(String)).not.toContain(sessionToken);
    const opened = getDb().select().from(assessments).where(eq(assessments.id, assessment.id)).get()!;
    expect(opened.status).toBe("opened");
    expect(opened.openedAt).toBeInstanceOf(Date);
    const audit = getDb().select().from(auditLog).where(eq(auditLog.targetId, assessment.id)).all();
    expect(audit.map((a) => a.action)).toContain("supplier.invitation_accepted");
    expect(JSON.stringify(audit)).not.toContain(token);
    expect(audit[0]!.orgId).toBe(org.id);

    const start = await run(() => startLoader({ request: get("/s", pair), params: {}, context: { requestId: "t", nonce: "n", ip: "1.1.1.1" } }));
    expect(start.status).toBe(200);
  });

  it("issues a new session every time and ends the one the browser carried (no fixation)", async () => {
    const { invitations: sent } = freshAssessment();
    const first = await accept(sent[0]!.token, freshIp());
    const planted = first.headers.get("Set-Cookie")!.split(";")[0]!;
    const second = await accept(sent[0]!.token, freshIp(), planted);
    const issued = second.headers.get("Set-Cookie")!.split(";")[0]!;
    expect(issued).not.toBe(planted);
    expect(validateSupplierSessionToken(planted.split("=")[1]!)).toBeNull();
    expect(validateSupplierSessionToken(issued.split("=")[1]!)).not.toBeNull();
  });

  it("lets several contacts of the supplier work on the same assessment", async () => {
    const { invitations: sent, assessment } = freshAssessment();
    const a = await accept(sent[0]!.token, freshIp());
    const b = await accept(sent[1]!.token, freshIp());
    const ctxA = validateSupplierSessionToken(a.headers.get("Set-Cookie")!.split(";")[0]!.split("=")[1]!);
    const ctxB = validateSupplierSessionToken(b.headers.get("Set-Cookie")!.split(";")[0]!.split("=")[1]!);
    expect(ctxA?.assessment.id).toBe(assessment.id);
    expect(ctxB?.assessment.id).toBe(assessment.id);
    expect(ctxA?.session.contactId).not.toBe(ctxB?.session.contactId);
  });
});

describe("supplier sessions", () => {
  async function newSession() {
    const made = freshAssessment();
    const result = await accept(made.invitations[0]!.token, freshIp());
    return { ...made, token: result.headers.get("Set-Cookie")!.split(";")[0]!.split("=")[1]! };
  }

  it("expire after 8 idle hours (deleted), slide when used, and end after 7 days whatever happens", async () => {
    const HOUR = 3600_000;
    const { token } = await newSession();
    const start = Date.now();
    expect(validateSupplierSessionToken(token, { now: new Date(start + SUPPLIER_SESSION_IDLE_MS + 1000) })).toBeNull();
    expect(validateSupplierSessionToken(token)).toBeNull();

    const sliding = await newSession();
    let now = start;
    for (let i = 0; i < 6 * 24 / 5; i++) {
      now += 5 * HOUR;
      expect(validateSupplierSessionToken(sliding.token, { now: new Date(now) })).not.toBeNull();
    }
    expect(validateSupplierSessionToken(sliding.token, { now: new Date(start + SUPPLIER_SESSION_ABSOLUTE_MS + 1000) })).toBeNull();
    expect(getDb().select().from(supplierSessions).where(eq(supplierSessions.assessmentId, sliding.assessment.id)).all()).toHaveLength(0);
  });

  it("end when the invitation is revoked or the assessment revoked", async () => {
    const one = await newSession();
    expect(validateSupplierSessionToken(one.token)).not.toBeNull();
    revokeInvitationsOfAssessment(getDb(), one.org.id, one.assessment.id, new Date());
    expect(validateSupplierSessionToken(one.token)).toBeNull();

    const two = await newSession();
    getDb().update(assessments).set({ status: "revoked" }).where(eq(assessments.id, two.assessment.id)).run();
    expect(validateSupplierSessionToken(two.token)).toBeNull();
  });

  it("a page without a session answers 401 and clears the cookie", async () => {
    const result = await run(() => startLoader({ request: get("/s", "lt_supplier=" + "z".repeat(32)), params: {}, context: { requestId: "t", nonce: "n", ip: "1.1.1.1" } }));
    expect(result.status).toBe(401);
    expect(result.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
  });

  it("keeps invitation tokens out of logged URLs", () => {
    expect(redactUrl("/invite/abcdefghijklmnopqrstuvwxyz234567?x=1")).toBe("/invite/[redacted]?x=1");
  });
});
