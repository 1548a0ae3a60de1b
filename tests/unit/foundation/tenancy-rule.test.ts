/**
 * "Every tenant query filters on the organisation" (SECURITY.md row 25), checked mechanically:
 * each exported function in db/repos/ that touches a table with an `org_id` column (directly or
 * through a helper in its file) must take the organisation — a parameter named `orgId`, or a
 * parameter whose type has an `orgId` property (a row to insert, an input object) — or be on the
 * allow-list below with the reason it is safe.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as schema from "#db/schema";

const REPOS = path.resolve(__dirname, "../../../db/repos");

const SESSION = "the session row just found by the SHA-256 of the cookie's token; the organisation comes from that row";
const JOB = "a job over every organisation by design; each row it returns carries its organisation, and what the job writes is keyed by those rows";
const SELF = "the signed-in user's own id (from the session row), or the user of a verified reset or invitation link";

/**
 * Functions that may work without the organisation. Each is reached only with an id the server
 * created, or read from a session row or a hashed token, never with an id from a request.
 */
const ALLOWED: Record<string, string> = {
  "emails.markEmail": "the sender marks the row it has just claimed, by the id it generated",
  "users.findUserByEmail": "sign-in and staff invitations look up an address across organisations; the row found names its organisation",
  "users.findUserById": SELF,
  "users.updateUserPasswordHash": SELF,
  "users.setTotp": SELF,
  "users.claimTotpStep": SELF,
  "users.listUserSessions": SELF,
  "users.deleteUserSessionByHandle": "the signed-in user's own sessions: the handle only ever matches rows of that user id",
  "staff-sessions.findStaffSessionWithUser": SESSION,
  "staff-sessions.updateStaffSession": SESSION,
  "staff-sessions.deleteStaffSession": SESSION,
  "staff-sessions.deleteUserStaffSessions": "all sessions of a user whose organisation the caller has already checked (role change, disabling, reset)",
  "staff-invitations.findStaffInvitationByTokenHash": "found by the SHA-256 of the link's token; the organisation comes from this row",
  "password-resets.findPasswordResetByTokenHash": "found by the SHA-256 of the link's token; the organisation comes from the user row",
  "password-resets.completePasswordReset": "the reset and user just found by the link's token hash",
  "invitations.findInvitationByTokenHash": "found by the SHA-256 of the link's token; the organisation comes from this row",
  "supplier-sessions.findSupplierSessionContext": SESSION,
  "supplier-sessions.updateSupplierSessionExpiry": SESSION,
  "supplier-sessions.deleteSupplierSession": SESSION,
  "suppliers.insertSupplierGraph": "every row of the graph carries the orgId the caller took from the staff session (typed in SupplierGraph)",
  "suppliers.insertSupplierGraphs": "as insertSupplierGraph, in batches (import)",
  "suppliers.listSupplierSchedules": JOB,
  "assessments-staff.listRemindableAssessments": JOB,
  "assessments-staff.expireAssessments": "ids from listRemindableAssessments in the same job run",
  "flags.listLapsedAcceptances": JOB,
  "remediation.listOpenRemediationDueBy": JOB,
  "job-runs.deleteExpiredSessions": JOB,
  "relationship.listContractReviewSchedules": JOB,
  "relationship.findOffboardingByTokenHash": "found by the SHA-256 of the link's token; the organisation comes from this row",
  "portfolio.supplierFilterConditions": "returns conditions (no query) that the caller adds to a query already filtered on orgId; each subquery is tied to the outer supplier's org_id",
  "supplier-events.listEventsForScheduleJob": JOB,
  "supplier-events.findReportLinkByTokenHash": "found by the SHA-256 of the report link's token; the organisation comes from this row",
  "dated-evidence.listExpiringEvidence": JOB,
  "dated-evidence.listDatedAnswers": JOB,
  "dated-evidence.emailClaimed": "an idempotency key the expiry job built from an item's id, across organisations like the email row's unique key itself",
  "dated-evidence.findEvidenceRequestByTokenHash": "found by the SHA-256 of the renewal link's token; the organisation comes from this row",
};

function orgTableNames(): Set<string> {
  const names = new Set<string>();
  for (const [name, value] of Object.entries(schema)) {
    if (value instanceof SQLiteTable && getTableConfig(value).columns.some((c) => c.name === "org_id")) names.add(name);
  }
  return names;
}

interface Finding {
  name: string;
  tables: string[];
  takesOrg: boolean;
}

function analyse(): Finding[] {
  const files = readdirSync(REPOS)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => path.join(REPOS, f));
  const program = ts.createProgram(files, {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    noEmit: true,
    baseUrl: path.resolve(REPOS, "../.."),
    paths: { "~/*": ["./app/*"], "#db/*": ["./db/*"] },
  });
  const checker = program.getTypeChecker();
  const orgTables = orgTableNames();
  const findings: Finding[] = [];

  for (const file of files) {
    const source = program.getSourceFile(file)!;
    const module = path.basename(file, ".ts");
    // Top-level declarations: what each references (identifiers), and which are exported functions.
    const declarations = new Map<string, { node: ts.Node; exported: boolean; params?: ts.NodeArray<ts.ParameterDeclaration> }>();
    for (const statement of source.statements) {
      const exported = ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (ts.isFunctionDeclaration(statement) && statement.name) {
        declarations.set(statement.name.text, { node: statement, exported: Boolean(exported), params: statement.parameters });
      } else if (ts.isVariableStatement(statement)) {
        for (const d of statement.declarationList.declarations) {
          if (!ts.isIdentifier(d.name) || !d.initializer) continue;
          const fn = ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer) ? d.initializer : undefined;
          declarations.set(d.name.text, { node: d.initializer, exported: Boolean(exported), params: fn?.parameters });
        }
      }
    }
    const references = new Map<string, Set<string>>();
    for (const [name, { node }] of declarations) {
      const seen = new Set<string>();
      const visit = (n: ts.Node) => {
        if (ts.isIdentifier(n)) seen.add(n.text);
        ts.forEachChild(n, visit);
      };
      visit(node);
      references.set(name, seen);
    }
    const tablesOf = (name: string, stack = new Set<string>()): Set<string> => {
      const result = new Set<string>();
      if (stack.has(name)) return result;
      stack.add(name);
      for (const id of references.get(name) ?? []) {
        if (orgTables.has(id)) result.add(id);
        else if (id !== name && declarations.has(id)) for (const t of tablesOf(id, stack)) result.add(t);
      }
      return result;
    };
    for (const [name, { exported, params }] of declarations) {
      if (!exported || !params) continue;
      const tables = [...tablesOf(name)];
      if (tables.length === 0) continue;
      const takesOrg = params.some((p) => {
        if (ts.isIdentifier(p.name) && p.name.text === "orgId") return true;
        if (ts.isObjectBindingPattern(p.name) && p.name.elements.some((e) => e.name.getText(source) === "orgId")) return true;
        const type = checker.getTypeAtLocation(p);
        const candidates = type.isUnion() ? type.types : [type];
        return candidates.every((t) => {
          const element = checker.isArrayType(t) ? checker.getTypeArguments(t as ts.TypeReference)[0] : t;
          return Boolean(element?.getProperty("orgId"));
        });
      });
      findings.push({ name: `${module}.${name}`, tables, takesOrg });
    }
  }
  return findings;
}

describe("tenancy rule for db/repos", () => {
  const findings = analyse();

  it("finds the repo functions that touch organisation tables (the check can see them)", () => {
    const names = findings.map((f) => f.name);
    expect(names).toContain("suppliers.findSupplier");
    expect(findings.find((f) => f.name === "suppliers.findSupplier")?.takesOrg).toBe(true);
    expect(findings.filter((f) => f.takesOrg).length).toBeGreaterThan(50);
  });

  it("every exported repo function on an organisation table takes orgId, or is allowed with a reason", () => {
    const offenders = findings.filter((f) => !f.takesOrg && !ALLOWED[f.name]).map((f) => `${f.name} (${f.tables.join(", ")})`);
    expect(offenders).toEqual([]);
  });

  it("the allow-list names only functions that exist and still need it", () => {
    const needing = new Set(findings.filter((f) => !f.takesOrg).map((f) => f.name));
    expect(Object.keys(ALLOWED).filter((name) => !needing.has(name))).toEqual([]);
  });
});
