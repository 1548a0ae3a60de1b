/**
 * SECURITY.md row 27 for the invitation link: the POST with a real but expired, revoked or
 * replaced link (or one whose assessment closed) is audited as `supplier.invitation_refused`
 * under the invitation's organisation, never with the token, and changes nothing else; throttled
 * guessing is audited as `access.throttled` once per window.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { makeAssessment, makeOrganisation, makeSupplier } from "#db/factories/core";
import { revokeInvitationsOfAssessment } from "#db/repos/invitations";
import { assessments, auditLog, invitations, supplierSessions } from "#db/schema";
import { createInvitation, invitationExpiry } from "~/invitations/invitations.server";
import { action as inviteAction, loader as inviteLoader } from "~/routes/invite.$token";
import { consumeRateLimit, RATE_LIMITS } from "~/security/rate-limit.server";
import { hashToken } from "~/security/tokens.server";
import { dumpDatabase, freshIp, get, post, run } from "./support";

function freshAssessment() {
  const db = getDb();
  const org = makeOrganisation(db);
  const { supplier, contacts } = makeSupplier(db, org.id);
  const made = makeAssessment(db, { orgId: org.id, supplier, contacts });
  const invitation = made.invitations[0]!;
  return { org, assessment: made.assessment, invitation, contact: contacts[0]! };
}

const visit = (token: string, ip: string) =>
  run(() => inviteLoader({ request: get(`/invite/${token}`), params: { token }, context: { requestId: "t", nonce: "n", ip } }));
const accept = (token: string, ip: string) =>
  run(() => inviteAction({ request: post(`/invite/${token}`, {}), params: { token }, context: { requestId: "t", nonce: "n", ip } }));

function rows(action: string) {
  return getDb().select().from(auditLog).where(eq(auditLog.action, action)).orderBy(asc(auditLog.id)).all();
}
/** Every table but the audit log and the throttle counters (a refused link writes only those). */
function everythingElse() {
  const { audit_log: _audit, rate_limits: _limits, ...rest } = dumpDatabase();
  return rest;
}

describe("POST /invite/<token> with a link that no longer works", () => {
  const cases = {
    expired: (set: ReturnType<typeof freshAssessment>) =>
      getDb().update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.id, set.invitation.invitationId)).run(),
    revoked: (set: ReturnType<typeof freshAssessment>) => revokeInvitationsOfAssessment(getDb(), set.org.id, set.assessment.id, new Date()),
    replaced: (set: ReturnType<typeof freshAssessment>) =>
      createInvitation(
        { orgId: set.org.id, assessmentId: set.assessment.id, contactId: set.contact.id, expiresAt: invitationExpiry(set.assessment.dueDate) },
        { db: getDb() },
      ),
    "assessment-closed": (set: ReturnType<typeof freshAssessment>) =>
      getDb().update(assessments).set({ status: "revoked" }).where(eq(assessments.id, set.assessment.id)).run(),
  } as const;
  const expectedReason = { expired: "expired", revoked: "revoked", replaced: "revoked", "assessment-closed": "assessment-closed" } as const;

  for (const [kind, spoil] of Object.entries(cases)) {
    it(`${kind}: 404 as before, audited under the invitation's organisation without the token, nothing else changed`, async () => {
      const set = freshAssessment();
      spoil(set);
      const ip = freshIp();
      const count = rows("supplier.invitation_refused").length;
      const before = everythingElse();
      const result = await accept(set.invitation.token, ip);
      expect(result.status).toBe(404);
      expect(result.data).toEqual({ kind: "invitation-unusable" });
      expect(everythingElse()).toEqual(before);
      expect(getDb().select().from(supplierSessions).where(eq(supplierSessions.assessmentId, set.assessment.id)).all()).toEqual([]);
      const added = rows("supplier.invitation_refused").slice(count);
      expect(added).toHaveLength(1);
      expect(added[0]).toMatchObject({
        orgId: set.org.id,
        actorType: "supplier",
        actorId: set.contact.id,
        targetType: "assessment",
        targetId: set.assessment.id,
        ip,
        details: { invitationId: set.invitation.invitationId, reason: expectedReason[kind as keyof typeof expectedReason] },
      });
      const stored = JSON.stringify(added[0]);
      expect(stored).not.toContain(set.invitation.token);
      expect(stored).not.toContain(hashToken(set.invitation.token));
    });
  }

  it("the GET of the same link records no refusal (mail scanners prefetch), and an unknown token none either", async () => {
    const set = freshAssessment();
    cases.expired(set);
    const count = rows("supplier.invitation_refused").length;
    expect((await visit(set.invitation.token, freshIp())).status).toBe(404);
    expect((await accept("q".repeat(32), freshIp())).status).toBe(404);
    expect(rows("supplier.invitation_refused")).toHaveLength(count);
  });

  it("a usable link is accepted as before, with no refusal", async () => {
    const set = freshAssessment();
    const count = rows("supplier.invitation_refused").length;
    expect((await accept(set.invitation.token, freshIp())).status).toBe(303);
    expect(rows("supplier.invitation_refused")).toHaveLength(count);
  });
});

describe("throttled invitation guessing", () => {
  it("records the first refused attempt of the window under the organisation of the invitation it names", async () => {
    const set = freshAssessment();
    const ip = freshIp();
    for (let i = 0; i < RATE_LIMITS.invitationTokenPerIp.limit; i++) consumeRateLimit(RATE_LIMITS.invitationTokenPerIp, ip);
    const count = rows("access.throttled").length;
    const before = everythingElse();
    expect((await accept(set.invitation.token, ip)).status).toBe(429);
    expect((await visit(set.invitation.token, ip)).status).toBe(429);
    expect(everythingElse()).toEqual(before);
    const added = rows("access.throttled").slice(count);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      orgId: set.org.id,
      actorType: "supplier",
      actorId: set.contact.id,
      targetId: set.assessment.id,
      ip,
      details: { limit: "invite-token-ip" },
    });
    expect(JSON.stringify(added[0])).not.toContain(set.invitation.token);
  });

  it("a guessed token that names nothing: no organisation", async () => {
    const ip = freshIp();
    for (let i = 0; i < RATE_LIMITS.invitationTokenPerIp.limit; i++) {
      expect((await visit(`${"d".repeat(31)}${"abcdefghijklmnop"[i]}`, ip)).status).toBe(404);
    }
    expect((await visit("e".repeat(32), ip)).status).toBe(429);
    const orphan = getDb().select().from(auditLog).where(and(eq(auditLog.action, "access.throttled"), isNull(auditLog.orgId), eq(auditLog.ip, ip))).all();
    expect(orphan).toMatchObject([{ actorType: "anonymous", actorId: null, targetId: null, details: { limit: "invite-token-ip" } }]);
    expect(JSON.stringify(orphan)).not.toContain("e".repeat(32));
  });
});
