/**
 * Fuzzing the answer-file import (the fourth parser people feed, after CSV, XLSX and questionnaire
 * files): any text, any JSON, and a real export with a value replaced anywhere. The import either
 * works or refuses with a message key both languages translate; a refusal changes nothing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { makeOrganisation, makeSupplier } from "#db/factories/core";
import { makeSubmittedAssessment } from "#db/factories/review";
import { exportAnswerFile, importAnswerFile } from "~/answer-files/answer-file.server";
import { getTranslator } from "~/i18n/translate";
import { acceptInvitation } from "~/supplier-portal/invitation-entry.server";
import { getSupplierFromRequest } from "~/supplier-portal/supplier-session.server";
import { dumpDatabase, freshIp, get, openPortal } from "../supplier/support";

function sessionOf(cookie: string) {
  const ctx = getSupplierFromRequest(get("/s", cookie));
  if (!ctx) throw new Error("no supplier session");
  return ctx;
}

function expectImportedOrRefused(text: string, cookie: string) {
  const before = dumpDatabase();
  const result = importAnswerFile(sessionOf(cookie), text);
  if (result.ok) return;
  for (const locale of ["da", "en"] as const) expect(getTranslator(locale)(result.error)).not.toBe(result.error);
  expect(dumpDatabase()).toEqual(before);
}

describe("answer-file import under fuzzing", () => {
  it("any text or JSON: imported or refused with a localised message, never an exception", () => {
    const portal = openPortal();
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 300 }), fc.jsonValue().map((v) => JSON.stringify(v))), (text) => {
        expectImportedOrRefused(text, portal.cookie);
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it("a real export with one value replaced anywhere: imported or refused, never an exception", () => {
    const db = getDb();
    const org = makeOrganisation(db);
    const { supplier, contacts } = makeSupplier(db, org.id, { tier: "medium" });
    const made = makeSubmittedAssessment(db, { orgId: org.id, supplier, contacts }, { questionnaireId: "due-diligence" });
    const source = acceptInvitation(made.invitations[0]!.token, freshIp()).cookie.split(";")[0]!;
    const exported = exportAnswerFile(sessionOf(source)) as unknown;
    const paths: (string | number)[][] = [];
    const walk = (node: unknown, at: (string | number)[]) => {
      if (at.length > 0) paths.push(at);
      if (Array.isArray(node)) node.slice(0, 5).forEach((child, i) => walk(child, [...at, i]));
      else if (node && typeof node === "object") for (const [k, child] of Object.entries(node)) walk(child, [...at, k]);
    };
    walk(exported, []);
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (at, replacement) => {
        // Each run imports into a fresh invitation, so an import that works does not hide the next.
        const target = openPortal();
        const copy = structuredClone(exported) as Record<string | number, unknown>;
        let parent = copy;
        for (const key of at.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
        parent[at.at(-1)!] = replacement;
        expectImportedOrRefused(JSON.stringify(copy), target.cookie);
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
