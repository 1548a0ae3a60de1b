/**
 * The review data set the HTTP benches share (review.bench.ts, load.bench.ts), generated in a
 * fresh database:
 * - organisation A: `suppliersA` suppliers (10,000), five yearly assessments each (four decided,
 *   the latest half waiting in the queue), every one with a full set of answers and the flags the
 *   scoring engine raises for them;
 * - organisation B (noise): `suppliersB` suppliers (2,000), shaped the same way.
 * Answers come from 24 variants per questionnaire (best answers with random deviations, seeded),
 * each scored once with the real scoring engine. Rows are bulk-inserted with prepared statements
 * in transactions. App modules are imported when called (after the bench has set DATA_DIR).
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "../db/client";
import { seededRandom as random } from "../db/factories/demo-suppliers";

export const SUPPLIERS_A = 10_000;
export const SUPPLIERS_B = 2_000;
const YEARS = 5;
const VARIANTS = 24;
const DAY = 86_400_000;

/** Deterministic pseudo-random numbers (mulberry32), the demo data's generator. */
export { random };

export interface ReviewData {
  orgA: { id: string };
  reviewersA: { id: string }[];
  /** Up to `fullAssessments` queued assessments of A with the full questionnaire, flags and a previous one. */
  fullAssessmentIds: string[];
  counts: { a: number; n: number; f: number; q: number };
  generationSeconds: number;
}

export async function generateReviewData(
  db: Db,
  options: { suppliersA?: number; suppliersB?: number; fullAssessments?: number } = {},
): Promise<ReviewData> {
  const { suppliersA = SUPPLIERS_A, suppliersB = SUPPLIERS_B, fullAssessments = 20 } = options;
  const { makeOrganisation, makeUser } = await import("../db/factories/core");
  const { bestAnswers } = await import("../db/factories/answer-sets");
  const { getLatestQuestionnaireEntry } = await import("../app/questionnaire/catalogue.server");
  const { snapshotQuestionnaireVersion } = await import("../app/questionnaire/versions.server");
  const { fixedAnswerValues } = await import("../app/questionnaire/questionnaire-schema");
  const { scoreAssessment } = await import("../app/scoring/score-assessment");
  const { rateRisk } = await import("../app/scoring/risk-rating");
  type AnswerInput = import("../app/questionnaire/answer-types").AnswerInput;

  const sqlite = db.$client;
  const now = new Date();
  const rnd = random(20261123);

  const orgA = makeOrganisation(db, { name: "Benchmark Kommune" });
  const orgB = makeOrganisation(db, { name: "Støj A/S" });
  const reviewersA = await Promise.all([0, 1, 2, 3, 4].map((i) => makeUser(db, orgA.id, { role: "reviewer", name: `Reviewer ${i}` })));
  const reviewersB = await Promise.all([0, 1].map((i) => makeUser(db, orgB.id, { role: "reviewer", name: `Støj ${i}` })));

  // Answer variants per questionnaire, each scored once with the real engine.
  const started = performance.now();
  const questionnaires = ["due-diligence", "due-diligence-light"].map((id) => {
    const entry = getLatestQuestionnaireEntry(id)!;
    const version = snapshotQuestionnaireVersion(entry, db);
    const questionnaire = entry.questionnaire;
    const best = bestAnswers(questionnaire, now);
    const questions = questionnaire.themes.flatMap((t) => t.questions);
    const variants = Array.from({ length: VARIANTS }, (_, v) => {
      const answers = new Map<string, AnswerInput>(best.map((a) => [a.questionId, { ...a }]));
      const flips = v === 0 ? 0 : 1 + Math.floor(rnd() * 10);
      for (let f = 0; f < flips; f++) {
        const question = questions[Math.floor(rnd() * questions.length)]!;
        const values = fixedAnswerValues(question);
        if (!values) continue;
        const value = question.type === "multiple_choice" ? [values[Math.floor(rnd() * values.length)]!] : values[Math.floor(rnd() * values.length)]!;
        answers.set(question.id, { questionId: question.id, value });
      }
      if (v === 1 && questions.some((q) => q.id === "customer-access-mfa")) {
        answers.set("customer-access-mfa", { questionId: "customer-access-mfa", value: "exception-needed" });
      }
      const score = scoreAssessment(questionnaire, answers, { now });
      return {
        answers: [...answers.values()].map((a) => ({ questionId: a.questionId, value: JSON.stringify(a.value ?? null), comment: a.comment ?? null })),
        score,
        detailByTier: Object.fromEntries(
          (["critical", "high", "medium", "low"] as const).map((tier) => [
            tier,
            JSON.stringify({ score, risk: rateRisk({ tier, overallScore: score.overallScore, flags: score.flags }) }),
          ]),
        ) as Record<string, string>,
        flags: score.flags.map((f) => ({
          flagType: f.flagId,
          severity: f.severity,
          warning: f.warning ? 1 : 0,
          triggers: JSON.stringify(f.triggers.map((t) => ({ questionId: t.questionId, value: t.value }))),
        })),
      };
    });
    return { versionId: version.id, variants };
  });

  let counter = 0;
  const id = () => `b${(++counter).toString(36).padStart(9, "0")}`;
  const insertSupplier = sqlite.prepare(
    "insert into suppliers (id, org_id, name, country, computed_tier, tier, risk_rating, created_at) values (?, ?, ?, 'DK', ?, ?, ?, ?)",
  );
  const insertContact = sqlite.prepare(
    "insert into supplier_contacts (id, org_id, supplier_id, name, email, locale, is_security_contact, created_at) values (?, ?, ?, ?, ?, 'da', 1, ?)",
  );
  const insertAssessment = sqlite.prepare(
    `insert into assessments (id, org_id, supplier_id, questionnaire_version_id, status, kind, previous_assessment_id, tier, due_date,
      assigned_reviewer_id, sent_at, submitted_at, decided_at, progress_percent, overall_score, completeness, risk_rating,
      critical_flag_count, flag_count, score_detail, decision, decision_reason, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 100, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAnswer = sqlite.prepare(
    "insert into answers (id, org_id, assessment_id, question_id, value, comment, updated_at) values (?, ?, ?, ?, ?, ?, ?)",
  );
  const insertFlag = sqlite.prepare(
    "insert into flags (id, org_id, assessment_id, supplier_id, flag_type, severity, warning, triggers, status, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const tiers = ["critical", "high", "medium", "low"] as const;
  const queueStatuses = ["submitted", "submitted", "submitted", "in_review", "in_review", "clarification_requested"] as const;
  const decisions = ["approved", "approved", "approved", "approved", "approved", "approved", "approved", "approved_with_conditions", "approved_with_conditions", "rejected"] as const;

  // Full assessments for the review page: in the queue, the full questionnaire, flags, a previous one.
  const fullAssessmentIds: string[] = [];
  function generate(orgId: string, suppliers: number, reviewers: string[]) {
    const batch = 500;
    for (let start = 0; start < suppliers; start += batch) {
      sqlite.transaction(() => {
        for (let s = start; s < Math.min(suppliers, start + batch); s++) {
          const supplierId = id();
          const tier = tiers[Math.min(3, Math.floor(rnd() * 4.4))]!;
          const created = now.getTime() - (YEARS * 365 + 30) * DAY;
          insertSupplier.run(supplierId, orgId, `Leverandør ${s + 1} ApS`, tier, tier, null, created);
          insertContact.run(id(), orgId, supplierId, `Kontakt ${s + 1}`, `kontakt${s + 1}@${orgId.slice(0, 6)}.example`, created);
          const q = tier === "low" ? questionnaires[1]! : questionnaires[0]!;
          let previous: string | null = null;
          for (let year = YEARS - 1; year >= 0; year--) {
            const assessmentId = id();
            const latest = year === 0;
            const roll = rnd();
            const status = latest ? (roll < 0.5 ? queueStatuses[Math.floor(rnd() * queueStatuses.length)]! : roll < 0.7 ? "approved" : "in_progress") : decisions[Math.floor(rnd() * decisions.length)]!;
            const submittedAt = now.getTime() - year * 365 * DAY - Math.floor(rnd() * 60) * DAY - Math.floor(rnd() * DAY);
            const variant = q.variants[Math.floor(rnd() * VARIANTS)]!;
            const risk = rateRisk({ tier, overallScore: variant.score.overallScore, flags: variant.score.flags }).rating;
            const decided = status === "approved" || status === "approved_with_conditions" || status === "rejected";
            const inQueue = status === "submitted" || status === "in_review" || status === "clarification_requested";
            const reviewer = status === "submitted" ? null : reviewers[Math.floor(rnd() * reviewers.length)]!;
            insertAssessment.run(
              assessmentId,
              orgId,
              supplierId,
              q.versionId,
              status,
              previous ? "reassessment" : "initial",
              previous,
              tier,
              new Date(submittedAt + 14 * DAY).toISOString().slice(0, 10),
              reviewer,
              submittedAt - 20 * DAY,
              status === "in_progress" ? null : submittedAt,
              decided ? submittedAt + 10 * DAY : null,
              variant.score.overallScore,
              variant.score.completeness,
              risk,
              variant.flags.filter((f) => f.severity === "critical").length,
              variant.flags.length,
              // The full scoring result is kept for the latest assessment of each supplier;
              // older ones fall back to scoring on read (keeps the file size reasonable).
              latest ? variant.detailByTier[tier]! : null,
              decided ? status : null,
              decided ? "Vurderet efter procedure" : null,
              submittedAt - 21 * DAY,
            );
            for (const answer of variant.answers) insertAnswer.run(id(), orgId, assessmentId, answer.questionId, answer.value, answer.comment, submittedAt);
            for (const flag of variant.flags) {
              // A decision leaves the flags as they are (the app does not resolve them), so old
              // assessments keep their open flags too.
              insertFlag.run(id(), orgId, assessmentId, supplierId, flag.flagType, flag.severity, flag.warning, flag.triggers, "open", submittedAt);
            }
            if (inQueue && orgId === orgA.id && fullAssessmentIds.length < fullAssessments && q === questionnaires[0] && variant.flags.length > 0 && previous) {
              fullAssessmentIds.push(assessmentId);
            }
            previous = assessmentId;
          }
        }
      })();
    }
  }
  generate(orgA.id, suppliersA, reviewersA.map((r) => r.id));
  generate(orgB.id, suppliersB, reviewersB.map((r) => r.id));
  sqlite.pragma("analysis_limit = 1000");
  sqlite.exec("analyze");
  const generationSeconds = (performance.now() - started) / 1000;
  const counts = sqlite
    .prepare("select (select count(*) from assessments where org_id = ?) a, (select count(*) from answers) n, (select count(*) from flags) f, (select count(*) from assessments where org_id = ? and status in ('submitted','in_review','clarification_requested')) q")
    .get(orgA.id, orgA.id) as { a: number; n: number; f: number; q: number };
  console.log(
    `generated in ${generationSeconds.toFixed(1)} s: ${counts.a} assessments in A (${counts.q} in the queue), ${counts.n} answers, ${counts.f} flags in both organisations`,
  );

  return { orgA, reviewersA, fullAssessmentIds, counts, generationSeconds };
}

/** The queue filters the benches cycle through (`otherReviewerId`: a reviewer of A, not the one signed in). */
export function queueFilters(otherReviewerId: string): string[] {
  return [
    "?tier=critical",
    "?flag=mfa-exception",
    "?status=in_review",
    `?reviewer=${otherReviewerId}`,
    "?mine=1",
    "?questionnaire=due-diligence-light",
    "?tier=high&status=submitted",
    "?flag=no-recent-pentest&tier=medium",
    "?tier=critical&page=2",
    "?reviewer=none&tier=low",
  ];
}

/**
 * For a bench that serves the data set over HTTP on `port`: a fresh data folder set as this
 * process's DATA_DIR (production, no job runner, PUBLIC_URL on `port`), the data set generated in
 * it with organisation B a fifth of A. The caller closes the database before starting a server.
 */
export async function reviewDataInFreshFolder(prefix: string, port: number, suppliersA: number) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const origin = `http://127.0.0.1:${port}`;
  process.env.DATA_DIR = dataDir;
  process.env.JOBS_INTERVAL_SECONDS = "0";
  process.env.NODE_ENV = "production";
  process.env.PUBLIC_URL = origin;
  const { getDb, closeDb } = await import("../db/client");
  const db = getDb();
  const data = await generateReviewData(db, { suppliersA, suppliersB: Math.ceil(suppliersA / 5) });
  return { dataDir, origin, db, data, closeDb };
}
