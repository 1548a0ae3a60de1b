/**
 * Every form action in app/routes, found by listing the folder (a new route is fuzzed without
 * anyone adding it here), gets malformed values (fast-check) from a signed-in admin — or, on the
 * supplier portal, a supplier session — with real ids in its path. Whatever comes in:
 * - never a 500: the answer is a Response, thrown or returned, below 500;
 * - a refusal (4xx) changes nothing: every table is as before, except the record of the refusal
 *   itself (refusal audits, throttle counters, sessions sliding on use).
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { makeSupplier } from "#db/factories/core";
import { makeSubmittedAssessment } from "#db/factories/review";
import { dumpDatabase } from "#tests/support/dump-database";
import { AUDIT_ACTIONS } from "~/audit/actions";
import { makeOrgWithStaff, type Org } from "../staff/support";
import { openPortal, type Portal } from "../supplier/support";

type ActionModule = { action?: (args: { request: Request; params: Record<string, string>; context: unknown }) => unknown };
const modules = import.meta.glob<ActionModule>("../../../app/routes/*.{ts,tsx}", { eager: true });

/** Routes whose action takes no input, so there is nothing malformed to send. */
const NO_INPUT: Record<string, string> = {
  "logout.tsx": "ends the session whatever is posted",
};

const ORIGIN = "http://localhost:3000";
const FIELD_NAMES = [
  "intent", "name", "email", "role", "password", "currentPassword", "confirmPassword", "code", "redirectTo", "returnTo",
  "questionId", "revision", "value", "comment", "notApplicable", "notApplicableReason", "decision", "decisionReason", "reason",
  "note", "severity", "text", "dueDate", "expiresAt", "acceptedUntil", "locale", "contactId", "reviewerId", "ids", "id", "tier",
  "tierOverride", "cvr", "country", "services", "notes", "ownerUserId", "payload", "verdict", "flagId", "themeId", "attestationName",
  "attestationTitle", "attest", "days", "questionnaireId", "language", "phone", "isSecurityContact", "dataSensitivity",
  "incidentCount", "annualContractValueDkk", "interval", "reminderDays", "requireTwoFactor", "organisationName", "file",
];
const INTENTS = [
  "", "assign", "decide", "question", "flag", "accept-flag", "reopen-flag", "clarify", "finding", "resend", "extend", "revoke",
  "add-contact", "invite", "revoke-invitation", "disable", "enable", "role", "change-password", "recovery-codes", "disable-totp",
  "end-session", "import", "preview", "save", "continue", "remove", "delete", "submit", "override", "clear-override", "close",
];
const hostileValue = fc.oneof(
  fc.constantFrom(
    "", " ", "\u0000", "\u202e", "x".repeat(100_000), "-1", "1e309", "NaN", "Infinity", "2026-02-30", "0000-00-00", "../../etc/passwd",
    "<script>alert(1)</script>", "' OR 1=1 --", "{}", "[]", "null", "true", "🙂", "=cmd|' /C calc'!A0", "a".repeat(33), "AAAAAAAAAAAAAAAAAAAAAAAAAA",
  ),
  fc.string({ unit: "binary", maxLength: 60 }),
);
const hostileForm = fc.record({
  intent: fc.constantFrom(...INTENTS),
  fields: fc.array(fc.tuple(fc.constantFrom(...FIELD_NAMES), hostileValue), { maxLength: 8 }),
});

let org: Org;
let portal: Portal;
const params: Record<string, string> = {};

beforeAll(async () => {
  const db = getDb();
  org = await makeOrgWithStaff();
  const { supplier, contacts } = makeSupplier(db, org.org.id);
  const submitted = makeSubmittedAssessment(db, { orgId: org.org.id, supplier, contacts }, { evidence: [{ questionId: "security-policy", fileName: "politik.pdf" }] });
  Object.assign(params, {
    supplierId: supplier.id,
    assessmentId: submitted.assessment.id,
    contactId: contacts[0]!.id,
    fileId: submitted.evidence[0]!.id,
    userId: org.reviewer.user.id,
    themeId: "security-management",
    token: "abcdefghijklmnopqrstuvwxyz234567",
  });
  portal = openPortal();
});

function paramsOf(file: string): Record<string, string> {
  const names = [...file.matchAll(/\$(\w+)/g)].map((m) => m[1]!);
  return Object.fromEntries(names.map((n) => [n, params[n] ?? "unknownid0000000000000000"]));
}

/** Audit actions that record a refusal (failed sign-in, refused link, …): the trace of a 4xx, not a change. */
const REFUSAL_AUDITS = new Set<string>(AUDIT_ACTIONS.filter((action) => /(\.failed|_refused|\.refused|\.throttled)$/.test(action)));

/** What a refusal may leave behind: the record of the refusal, not a change. */
function withoutRefusalTraces(dump: Record<string, unknown[]>, auditCount: number) {
  const copy = { ...dump };
  copy.audit_log = (dump.audit_log ?? []).filter((row, i) => i < auditCount || !REFUSAL_AUDITS.has((row as { action: string }).action));
  delete copy.rate_limits;
  delete copy.staff_sessions;
  delete copy.supplier_sessions;
  return copy;
}

const routes = Object.entries(modules)
  .map(([file, mod]) => ({ file: file.split("/").pop()!, action: mod.action }))
  .filter((r): r is { file: string; action: NonNullable<ActionModule["action"]> } => typeof r.action === "function" && !NO_INPUT[r.file]);

describe("every form action under malformed input", () => {
  it("finds the actions by listing app/routes", () => {
    expect(routes.length).toBeGreaterThan(15);
    expect(routes.map((r) => r.file)).toContain("staff.suppliers.$supplierId.edit.tsx");
  });

  it.each(routes.map((r) => [r.file, r] as const))("%s: never a 500; a refusal changes nothing", async (file, route) => {
    const db = getDb();
    const supplierSide = file.startsWith("s.") || file === "s.tsx";
    const cookie = supplierSide ? portal.cookie : org.admin.cookie;
    const path = `/${file.replace(/\.tsx?$/, "").replace(/\$(\w+)/g, (_, n: string) => params[n] ?? "x").replace(/\./g, "/")}`;
    await fc.assert(
      fc.asyncProperty(hostileForm, fc.boolean(), async ({ intent, fields }, json) => {
        const body = new FormData();
        if (intent) body.append("intent", intent);
        for (const [name, value] of fields) body.append(name, value);
        const request = new Request(`${ORIGIN}${path}`, {
          method: "POST",
          body,
          headers: { Cookie: cookie, Origin: ORIGIN, "Accept-Language": "da", ...(json ? { Accept: "application/json" } : {}) },
        });
        const before = dumpDatabase(db);
        let outcome: unknown;
        try {
          outcome = await route.action({ request, params: paramsOf(file), context: { requestId: "fuzz", nonce: "n", ip: "203.0.113.9" } });
        } catch (thrown) {
          outcome = thrown;
        }
        const status =
          outcome instanceof Response
            ? outcome.status
            : outcome && typeof outcome === "object" && (outcome as { type?: string }).type === "DataWithResponseInit"
              ? ((outcome as { init?: { status?: number } | null }).init?.status ?? 200)
              : outcome instanceof Error
                ? 500
                : 200;
        expect(status, `${file} ${JSON.stringify({ intent, fields: fields.map(([n, v]) => [n, v.slice(0, 40)]) })}: ${outcome instanceof Error ? outcome.stack : ""}`).toBeLessThan(500);
        if (status >= 400) {
          const after = dumpDatabase(db);
          expect(withoutRefusalTraces(after, (before.audit_log ?? []).length), `${file} refused with ${status} but changed the database`).toEqual(
            withoutRefusalTraces(before, (before.audit_log ?? []).length),
          );
        }
      }),
      { numRuns: 12 },
    );
  }, 60_000);
});
