/**
 * Durability: the server killed with SIGKILL while suppliers' autosaves are in flight loses no
 * answer whose save it acknowledged (WAL with synchronous=NORMAL, docs/decisions/0003). Twenty
 * rounds of: start, save from several tabs at once, kill at a random moment, check the database.
 */
import { and, eq } from "drizzle-orm";
import { createSupplierSession } from "../../app/supplier-portal/supplier-session.server";
import { makeAssessment, makeOrganisation, makeSupplier } from "../../db/factories/core";
import { answers } from "../../db/schema";
import { expect, test } from "./support/fixtures";
import { startOwnServer, type OwnServer } from "./support/own-server";

const QUESTIONS = ["security-contact", "mfa-privileged", "notify-immediately", "audit-on-demand"] as const;
const ROUNDS = 20;

interface Acknowledged {
  revision: number;
  value: string;
}

test("no acknowledged autosave is lost when the server is killed (20 rounds of SIGKILL and restart)", async () => {
  test.setTimeout(240_000);
  let server: OwnServer = await startOwnServer();
  const { dataDir } = server;
  const setup = server.db();
  const org = makeOrganisation(setup);
  const { supplier, contacts } = makeSupplier(setup, org.id);
  const { assessment, invitations } = makeAssessment(setup, { orgId: org.id, supplier, contacts }, { status: "in_progress" });
  const { cookie } = createSupplierSession(
    { orgId: org.id, assessmentId: assessment.id, contactId: contacts[0]!.id, invitationId: invitations[0]!.invitationId },
    { db: setup },
  );
  setup.$client.close();
  const session = cookie.split(";")[0]!;
  const known = new Map<string, Acknowledged>(QUESTIONS.map((q) => [q, { revision: 0, value: "" }]));
  let acknowledgedTotal = 0;

  try {
    for (let round = 1; round <= ROUNDS; round++) {
      if (round > 1) server = await startOwnServer({ dataDir });
      let acknowledgedThisRound = 0;
      let killed = false;
      const client = async (questionId: (typeof QUESTIONS)[number]) => {
        for (let i = 0; !killed; i++) {
          const value = questionId === "security-contact" ? `runde ${round}, svar ${i} æøå` : i % 2 === 0 ? "yes" : "no";
          const state = known.get(questionId)!;
          let response: Response;
          try {
            response = await fetch(`${server.base}/s/autosave`, {
              method: "POST",
              headers: { Origin: server.base, Cookie: session, Accept: "application/json" },
              body: new URLSearchParams({ questionId, revision: String(state.revision), value }),
            });
          } catch {
            return; // the server is gone: this save was never acknowledged
          }
          const body = (await response.json().catch(() => null)) as
            | { kind: "saved"; revision: number }
            | { kind: "conflict"; current: { revision: number; value: string } }
            | null;
          if (!body) return;
          if (body.kind === "saved") {
            known.set(questionId, { revision: body.revision, value });
            acknowledgedThisRound++;
            acknowledgedTotal++;
          } else if (body.kind === "conflict") {
            // A save that committed just before the last kill, never acknowledged: continue from it.
            known.set(questionId, { revision: body.current.revision, value: String(body.current.value) });
          } else {
            throw new Error(`unexpected autosave answer ${response.status} ${JSON.stringify(body)}`);
          }
        }
      };
      const clients = QUESTIONS.map((q) => client(q));
      const killAfter = 5 + Math.floor(Math.random() * 40);
      await expect.poll(() => acknowledgedThisRound, { timeout: 30_000, intervals: [5] }).toBeGreaterThanOrEqual(killAfter);
      killed = true;
      await server.kill();
      await Promise.all(clients);

      const db = server.db();
      try {
        for (const questionId of QUESTIONS) {
          const acknowledged = known.get(questionId)!;
          const stored = db
            .select()
            .from(answers)
            .where(and(eq(answers.assessmentId, assessment.id), eq(answers.questionId, questionId)))
            .get();
          const where = `round ${round}, ${questionId}`;
          expect(stored, where).toBeTruthy();
          // At most one more (a save that committed but whose answer the kill cut off).
          expect(stored!.revision, where).toBeGreaterThanOrEqual(acknowledged.revision);
          expect(stored!.revision, where).toBeLessThanOrEqual(acknowledged.revision + 1);
          if (stored!.revision === acknowledged.revision) expect(String(stored!.value), where).toBe(acknowledged.value);
        }
      } finally {
        db.$client.close();
      }
    }
    expect(acknowledgedTotal).toBeGreaterThanOrEqual(ROUNDS * 5);
  } finally {
    await server.dispose();
  }
});
