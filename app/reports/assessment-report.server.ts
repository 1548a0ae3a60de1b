/**
 * The per-assessment report (SPEC C8) for the contract file and auditors, built once from the
 * review page's data (loadReviewPage) and rendered both as the printable page and as the PDF:
 * supplier, tier and its reasons, risk rating and its reasons, scores per theme, flags with the
 * answers behind them, findings, decision and conditions, the RACI matrix, and every answer with
 * its evidence file names and SHA-256 hashes.
 */
import { getDb, type Db } from "#db/client";
import { findRiskProfile, findSupplier } from "#db/repos/suppliers";
import type { StaffContext } from "~/auth/staff-session.server";
import { formatDate, formatDateTime, formatNumber } from "~/i18n/format";
import type { Locale } from "~/i18n/locales";
import { getTranslator, type Translator } from "~/i18n/translate";
import { loadReviewPage, type ReviewPage } from "~/review/review.server";
import { riskReasonText } from "~/review/risk-reason-text";
import { tierReasonText } from "~/staff/risk-profile-fields";
import type { RaciRow } from "~/relationship/raci";
import { supplierRaci } from "~/relationship/raci.server";
import { computeTier } from "~/suppliers/tiering";
import type { ReportBlock, ReportDocument, ReportSection } from "./report-document";


interface ReportInput {
  page: ReviewPage;
  tierReasons: string[];
  /** The supplier's own matrix, or the organisation's default it inherits. */
  raci: { rows: RaciRow[]; inherited: boolean };
}

/** The report document for one assessment of the staff member's organisation (another organisation's: 404). */
export function loadAssessmentReport(staff: StaffContext, assessmentId: string, locale: Locale, options: { db?: Db; now?: Date } = {}): ReportDocument {
  const db = options.db ?? getDb();
  const page = loadReviewPage(staff, assessmentId, locale, options);
  const orgId = staff.organisation.id;
  const t = getTranslator(locale);
  const number = (value: number) => formatNumber(value, locale);
  const supplier = findSupplier(db, orgId, page.supplier.id);
  const profile = findRiskProfile(db, orgId, page.supplier.id);
  const tierReasons: string[] = [];
  if (supplier?.tierOverride) tierReasons.push(t("reports.pdf.tierOverride", { reason: supplier.tierOverrideReason ?? "" }));
  if (profile) {
    const computed = computeTier(profile);
    tierReasons.push(t("reports.pdf.tierComputed", { tier: t(`tier.${computed.tier}`) }));
    for (const reason of computed.reasons) tierReasons.push(tierReasonText(reason, t, number));
  } else tierReasons.push(t("reports.pdf.tierNoProfile"));
  return buildReportDocument({ page, tierReasons, raci: supplierRaci(orgId, page.supplier.id, locale, db) }, t, locale);
}

/** Pure: the review page's data as the report's sections. */
export function buildReportDocument({ page, tierReasons, raci }: ReportInput, t: Translator, locale: Locale): ReportDocument {
  const { assessment, supplier } = page;
  const number = (value: number) => formatNumber(value, locale);
  const score = (value: number | null) => (value === null ? t("review.score.none") : number(value));
  const flagTitle = (flagId: string) => page.flags.find((flag) => flag.flagType === flagId)?.title ?? flagId;

  const summary = [
    t("reports.pdf.supplier", { name: supplier.name }) + (supplier.cvr ? ` · ${t("reports.pdf.cvr", { cvr: supplier.cvr })}` : ""),
    [assessment.questionnaireTitle, t(`status.${assessment.status}`), t(`tier.${assessment.tier}`), t(`rating.${page.risk.rating}`), `${t("review.page.score")}: ${score(assessment.overallScore)}`].join(" · "),
    `${t("review.page.submitted")}: ${assessment.submittedAt ? formatDateTime(new Date(assessment.submittedAt), locale) : "–"}` +
      (assessment.decidedAt ? ` · ${t("review.report.decidedAt")}: ${formatDateTime(new Date(assessment.decidedAt), locale)}` : ""),
  ];

  const findings = page.themes.flatMap((theme) =>
    theme.questions
      .filter((question) => question.review?.status === "finding")
      .map((question) => `${question.text}: ${question.review?.severity ? `${t(`severity.${question.review.severity}`)} — ` : ""}${question.review?.text ?? ""}`),
  );

  const sections: ReportSection[] = [
    {
      id: "decision",
      heading: t("review.decision.title"),
      blocks: [
        assessment.decision
          ? { kind: "paragraph", label: t(`status.${assessment.decision}`), text: assessment.decisionReason ?? "" }
          : { kind: "paragraph", text: t("reports.pdf.noDecision") },
      ],
    },
    {
      id: "conditions",
      heading: t("reports.pdf.conditions"),
      blocks: [
        page.remediation.length === 0
          ? { kind: "paragraph", text: t("review.remediation.none") }
          : {
              kind: "table",
              columns: [t("review.remediation.col.text"), t("review.remediation.col.owner"), t("review.remediation.col.deadline"), t("review.remediation.col.status")],
              rows: page.remediation.map((item) => [
                item.text,
                `${item.ownerName} (${t(item.ownerSide === "supplier" ? "review.ownerSide.supplier" : "review.ownerSide.customer")})`,
                formatDate(item.deadline, locale),
                t(item.status === "closed" ? "review.remediation.closed" : item.deadline < page.today ? "review.remediation.overdue" : "review.remediation.open"),
              ]),
            },
      ],
    },
    { id: "tier", heading: t("reports.pdf.tierReasons"), blocks: [{ kind: "list", items: tierReasons }] },
    {
      id: "risk",
      heading: `${t("reports.pdf.riskReasons")}: ${t(`rating.${page.risk.rating}`)}`,
      blocks: [{ kind: "list", items: page.risk.reasons.map((reason) => riskReasonText(reason, t, number, flagTitle)) }],
    },
    {
      id: "scores",
      heading: t("reports.pdf.themeScores"),
      blocks: [
        {
          kind: "table",
          columns: [t("reports.pdf.theme"), t("review.page.score")],
          rows: page.themes.map((theme) => [theme.title, score(theme.score)]),
        },
      ],
    },
    {
      id: "flags",
      heading: t("review.flags.title", { count: page.flags.length }),
      blocks: [
        page.flags.length === 0
          ? { kind: "paragraph", text: t("review.flags.none") }
          : {
              kind: "list",
              items: page.flags.map((flag) => {
                const status =
                  flag.status === "accepted"
                    ? t("review.flags.acceptedUntil", { date: formatDate(flag.acceptedUntil ?? page.today, locale) })
                    : t(`review.flags.status.${flag.status === "lapsed" ? "open" : flag.status}`);
                const triggers = flag.triggers.map((trigger) => t("reports.pdf.triggeredBy", { question: trigger.questionText, answer: trigger.answer ?? "–" }));
                return [`${t(`severity.${flag.severity}`)}: ${flag.title} (${status})`, ...triggers].join("\n");
              }),
            },
      ],
    },
    {
      id: "findings",
      heading: t("reports.pdf.findings"),
      blocks: [findings.length === 0 ? { kind: "paragraph", text: t("reports.none") } : { kind: "list", items: findings }],
    },
    {
      id: "raci",
      heading: t("reports.pdf.raci"),
      blocks: [
        ...(raci.inherited ? [{ kind: "paragraph" as const, text: t("reports.pdf.raciInherited") }] : []),
        {
          kind: "table",
          columns: [t("reports.raci.activity"), t("reports.raci.itLead"), t("reports.raci.supplier"), t("reports.raci.customer"), t("reports.raci.partner")],
          rows: raci.rows.map((row) => [row.activity, row.itLead, row.supplier, row.customer, row.partner]),
        },
      ],
    },
    ...page.themes.map(
      (theme): ReportSection => ({
        id: `theme-${theme.id}`,
        heading: `${theme.title}: ${score(theme.score)}`,
        blocks: [
          {
            kind: "table",
            layout: "records",
            columns: [t("review.report.question"), t("review.question.answer"), t("review.question.verdict")],
            rows: theme.questions.map((question) => [
              question.text,
              [
                question.notApplicable ? t("review.question.notApplicable", { reason: question.notApplicableReason ?? "" }) : (question.answer ?? t("review.question.unanswered")),
                question.comment ? `— ${question.comment}` : "",
                ...question.evidence.map((file) => t("reports.pdf.evidence", { name: file.name, hash: file.sha256 })),
              ]
                .filter(Boolean)
                .join("\n"),
              question.review ? `${t(`review.verdict.${question.review.status}`)}${question.review.text ? `: ${question.review.text}` : ""}` : "–",
            ]),
          },
          ...(theme.explanation.length > 0 ? [{ kind: "list", items: theme.explanation } satisfies ReportBlock] : []),
        ],
      }),
    ),
  ];
  return { assessmentId: assessment.id, supplierName: supplier.name, title: t("review.report.title", { supplier: supplier.name }), summary, sections };
}
